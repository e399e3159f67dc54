"""On PostgreSQL, hold "a national project has exactly one country" in the database.

A row-count rule cannot be a CHECK constraint, so a deferred constraint trigger checks it
at commit, after the project and its country rows have all been written. The write
service checks the same rule first and gives the person a clear message; this trigger
is the backstop for every other path (shell, bulk loads, raw SQL). SQLite relies on the
service alone.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION projects_national_has_one_country() RETURNS trigger AS $$
DECLARE
    pid bigint;
    project_kind varchar;
    n integer;
BEGIN
    IF TG_TABLE_NAME = 'projects_project' THEN
        pid := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        pid := OLD.project_id;
    ELSE
        pid := NEW.project_id;
    END IF;
    SELECT kind INTO project_kind FROM projects_project WHERE id = pid;
    IF project_kind = 'national' THEN
        SELECT count(*) INTO n FROM projects_projectcountry WHERE project_id = pid;
        IF n <> 1 THEN
            RAISE EXCEPTION 'A national project has exactly one country (project % has %).', pid, n
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER project_national_one_country
    AFTER INSERT OR UPDATE OF kind ON projects_project
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION projects_national_has_one_country();

CREATE CONSTRAINT TRIGGER project_country_national_one_country
    AFTER INSERT OR UPDATE OR DELETE ON projects_projectcountry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION projects_national_has_one_country();
"""

DROP = """
DROP TRIGGER IF EXISTS project_country_national_one_country ON projects_projectcountry;
DROP TRIGGER IF EXISTS project_national_one_country ON projects_project;
DROP FUNCTION IF EXISTS projects_national_has_one_country();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_reference_data")]
    operations = [migrations.RunPython(create, drop)]
