"""The search box's documents, kept by PostgreSQL beside the projects (ProjectSearchDocument).

0006 indexed the expression of projects.filters.search_vector(). The index finds the matches,
but a page of the list is read from the sort's index (ipec.keyset), and PostgreSQL checked each
row on the way by computing its document again: to_tsvector over the title and summary, about
0.15 ms a row, 13 to 43 ms for the first page of "trafficking" at 100,000 projects and a second
sorted by title. Here each document is computed once, when the project is written, by a trigger;
the list reads it. A generated column in the projects table would do the same, but at ~600 bytes
a row it made that table half as large again, and every list count slower.

PostgreSQL only: on SQLite the table stays empty (the search box uses LIKE there). The trigger's
document must stay the expression of projects.filters.search_vector(): tests/portfolio checks that
they agree.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(p.code, '') || ' ' || COALESCE(p.title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(p.summary, '')), 'B')"
)
TABLE = "projects_projectsearchdocument"
FUNCTION = "projects_write_search_document"
TRIGGER = "projects_search_document"
INDEX = "project_search_document_idx"
OLD_INDEX = "project_search_idx"  # 0006's expression index, which this replaces

CREATE = [
    f"CREATE INDEX {INDEX} ON {TABLE} USING gin (document)",
    f"""CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {TABLE} (project_id, document)
        SELECT p.id, {DOCUMENT} FROM (SELECT NEW.*) AS p
        ON CONFLICT (project_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
    END
    $$""",
    f"""CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OF code, title, summary ON projects_project
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()""",
    f"INSERT INTO {TABLE} (project_id, document) SELECT p.id, {DOCUMENT} FROM projects_project AS p",
    f"DROP INDEX IF EXISTS {OLD_INDEX}",
    f"ANALYZE {TABLE}",
]
DROP = [
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON projects_project USING gin (({DOCUMENT.replace('p.', '')}))",
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON projects_project",
    f"DROP FUNCTION IF EXISTS {FUNCTION}()",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_list_keyset_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectSearchDocument",
            fields=[
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="projects.project",
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
