"""Indexes for the portfolio list's filters and sorts (projects/filters.py).

* planned_end: the "ends from/until" filters and the "planned end" sort (planned_start, status,
  budget and kind already have theirs);
* title: the "title" sort; rating: the progress-rating filter;
* on PostgreSQL, a GIN index on the full-text search document of the search box: the same
  expression as projects.filters.search_vector(), so that `document @@ query` uses it.

Made with the schema editor, not AddIndex, so the migration state (and `makemigrations
--check`) is unchanged: the models own their Meta.indexes, and these belong to the list's
queries. Moving them into Project.Meta.indexes later takes a SeparateDatabaseAndState migration.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

BTREE = [
    models.Index(fields=["planned_end"], name="project_planned_end_idx"),
    models.Index(fields=["title"], name="project_title_idx"),
    models.Index(fields=["rating"], name="project_rating_idx"),
]


def search_index() -> GinIndex:
    # Must stay the expression of projects.filters.search_vector().
    document = SearchVector("code", "title", weight="A", config="english") + SearchVector(
        "summary", weight="B", config="english"
    )
    return GinIndex(document, name="project_search_idx")


def indexes(connection) -> list:
    return BTREE + ([search_index()] if connection.vendor == "postgresql" else [])


def create(apps, schema_editor):
    project = apps.get_model("projects", "Project")
    for index in indexes(schema_editor.connection):
        schema_editor.add_index(project, index)


def drop(apps, schema_editor):
    project = apps.get_model("projects", "Project")
    for index in indexes(schema_editor.connection):
        schema_editor.remove_index(project, index)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_reminder_message_requester_blank"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
