"""GIN indexes for the lessons library's full-text search, on PostgreSQL only.

Each indexes exactly the document of evaluations.filters.search_vector(model): the title
weighing "A", the other texts "B", English stemming. Only the same expression in a query uses
the index (tests/evaluations_pages check it with EXPLAIN); change both together.

Made with the schema editor, not AddIndex: SQLite (the embedded default) has no full-text
document to index, and a GinIndex in Meta.indexes would break its table rebuilds.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SEARCH_CONFIG = "english"
# The texts of evaluations.filters.SEARCH_FIELDS, frozen here: model -> (title, *texts).
FIELDS = {
    "LessonLearned": (
        "title", "description", "context", "challenges", "causal_factors", "targeted_users", "success",
        "administrative_issues",
    ),
    "GoodPractice": ("title", "summary", "conditions", "cause_effect", "measurable_impact", "replication_potential"),
}  # fmt: skip
NAMES = {"LessonLearned": "lesson_search_idx", "GoodPractice": "good_practice_search_idx"}


def search_index(model_name: str) -> GinIndex:
    title, *texts = FIELDS[model_name]
    document = SearchVector(title, weight="A", config=SEARCH_CONFIG) + SearchVector(
        *texts, weight="B", config=SEARCH_CONFIG
    )
    return GinIndex(document, name=NAMES[model_name])


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in FIELDS:
        schema_editor.add_index(apps.get_model("evaluations", model_name), search_index(model_name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in FIELDS:
        schema_editor.remove_index(apps.get_model("evaluations", model_name), search_index(model_name))


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_step_author_optional"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
