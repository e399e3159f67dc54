"""The lessons library's search documents, kept by PostgreSQL beside lessons and good practices.

0006 indexed the expression of evaluations.filters.search_vector(model). The index finds the
matches (about 29,600 for "family" at 100,000 projects, in 3 ms), but the library ranks every
match, and ranking computed each document again from the raw texts: to_tsvector over eight
texts per lesson, 0.8 to 1.5 s a page. Here each document is computed once, when the lesson or
practice is written, by a trigger; the search and the ranking read it. Like projects/0009, it
lives in a side table so the content tables stay narrow; a row goes with its lesson or practice
by the ForeignKey's cascade.

PostgreSQL only: on SQLite the tables stay empty (the library uses LIKE there). The triggers'
documents must stay the expressions of evaluations.filters.search_vector(): tests/evaluations_pages
check that they agree.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# model table -> (side table, its key column, function, trigger, index, 0006's index it replaces, title, texts)
KEPT = {
    "evaluations_lessonlearned": (
        "evaluations_lessonsearchdocument", "lesson_id", "evaluations_write_lesson_search_document",
        "evaluations_lesson_search_document", "lesson_search_document_idx", "lesson_search_idx",
        "title",
        ("description", "context", "challenges", "causal_factors", "targeted_users", "success",
         "administrative_issues"),
    ),
    "evaluations_goodpractice": (
        "evaluations_goodpracticesearchdocument", "good_practice_id", "evaluations_write_good_practice_search_document",
        "evaluations_good_practice_search_document", "good_practice_search_document_idx", "good_practice_search_idx",
        "title",
        ("summary", "conditions", "cause_effect", "measurable_impact", "replication_potential"),
    ),
}  # fmt: skip


def document(title: str, texts: tuple[str, ...], alias: str = "c.") -> str:
    """The SQL of SearchVector(title, weight="A") + SearchVector(*texts, weight="B"), English, as Django writes it."""
    joined = " || ' ' || ".join(f"COALESCE({alias}{text}, '')" for text in texts)
    return (
        f"setweight(to_tsvector('english'::regconfig, COALESCE({alias}{title}, '')), 'A')"
        f" || setweight(to_tsvector('english'::regconfig, {joined}), 'B')"
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (side, key, function, trigger, index, old_index, title, texts) in KEPT.items():
        columns = ", ".join((title, *texts))
        for statement in [
            f"CREATE INDEX {index} ON {side} USING gin (document)",
            f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {side} ({key}, document)
                SELECT c.id, {document(title, texts)} FROM (SELECT NEW.*) AS c
                ON CONFLICT ({key}) DO UPDATE SET document = EXCLUDED.document;
                RETURN NULL;
            END
            $$""",
            f"""CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OF {columns} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}()""",
            f"INSERT INTO {side} ({key}, document) SELECT c.id, {document(title, texts)} FROM {table} AS c",
            f"DROP INDEX IF EXISTS {old_index}",
            f"ANALYZE {side}",
        ]:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (_side, _key, function, trigger, _index, old_index, title, texts) in KEPT.items():
        for statement in [
            f"CREATE INDEX IF NOT EXISTS {old_index} ON {table} USING gin (({document(title, texts, alias='')}))",
            f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
            f"DROP FUNCTION IF EXISTS {function}()",
        ]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0008_evaluation_list_order_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="GoodPracticeSearchDocument",
            fields=[
                (
                    "good_practice",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="evaluations.goodpractice",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "default_permissions": (),
            },
        ),
        migrations.CreateModel(
            name="LessonSearchDocument",
            fields=[
                (
                    "lesson",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="evaluations.lessonlearned",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
