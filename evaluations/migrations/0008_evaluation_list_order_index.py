"""An index in the evaluation list's order (newest planned start first, empty dates last, then title and id).

evaluations.selectors.evaluation_list orders by planned_start DESC NULLS LAST, title, id; without
this index PostgreSQL sorted every evaluation for each page (~0.1 s at 100,000 projects). With it,
a page of the unfiltered list is read from the index.

PostgreSQL only, with the schema editor rather than Meta.indexes: SQLite accepts no NULLS LAST
in an index, and its lists are small.
"""

from django.db import migrations

NAME = "evaluation_list_order"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON evaluations_evaluation (planned_start DESC NULLS LAST, title, id)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0007_evaluation_rule_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
