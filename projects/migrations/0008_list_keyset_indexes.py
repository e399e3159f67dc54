"""Indexes for every sort of the portfolio list, paged by keyset (ipec.keyset, projects.models.list_indexes).

Each sort is one composite index, (sort key, TC symbol): the list's pages seek in it instead of
counting rows off with OFFSET. The nullable dates and the rating sort "empty last" in both
directions, so each has an index per direction. They replace the single-column indexes on the
title (made by 0006) and on the budget (0001), whose queries the composite ones serve too.

The planned-end and rating indexes of 0006 move into Project.Meta.indexes here, in the migration
state only (the tables have them already): a rebuild of the table by SQLite then keeps them.
0006's full-text index stays where it is, PostgreSQL's alone.
"""

import datetime

from django.db import migrations, models
from django.db.models.functions import Coalesce

# Made by 0006 with the schema editor, outside the migration state.
TITLE_INDEX = models.Index(fields=["title"], name="project_title_idx")


def drop_title_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("projects", "Project"), TITLE_INDEX)


def make_title_index(apps, schema_editor):
    schema_editor.add_index(apps.get_model("projects", "Project"), TITLE_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_step_author_optional"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex("project", models.Index(fields=["planned_end"], name="project_planned_end_idx")),
                migrations.AddIndex("project", models.Index(fields=["rating"], name="project_rating_idx")),
            ],
            database_operations=[],
        ),
        migrations.RunPython(drop_title_index, make_title_index, elidable=False),
        migrations.RemoveIndex("project", "projects_pr_budget__15f2ee_idx"),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["title", "code"], name="project_list_title"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["kind", "code"], name="project_list_kind"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                models.Case(
                    models.When(status="pipeline", then=models.Value(0)),
                    models.When(status="approved", then=models.Value(1)),
                    models.When(status="active", then=models.Value(2)),
                    models.When(status="suspended", then=models.Value(3)),
                    models.When(status="completed", then=models.Value(4)),
                    models.When(status="closed", then=models.Value(5)),
                    models.When(status="cancelled", then=models.Value(6)),
                    default=models.Value(7),
                ),
                models.F("code"),
                name="project_list_status",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                Coalesce(models.F("planned_start"), models.Value(datetime.date(9999, 12, 31))),
                models.F("code"),
                name="project_list_start_asc",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                Coalesce(models.F("planned_start"), models.Value(datetime.date(1, 1, 1))),
                models.F("code"),
                name="project_list_start_desc",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                Coalesce(models.F("planned_end"), models.Value(datetime.date(9999, 12, 31))),
                models.F("code"),
                name="project_list_end_asc",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                Coalesce(models.F("planned_end"), models.Value(datetime.date(1, 1, 1))),
                models.F("code"),
                name="project_list_end_desc",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["budget_usd", "code"], name="project_list_budget"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                models.Case(
                    models.When(rating="on_track", then=models.Value(0)),
                    models.When(rating="at_risk", then=models.Value(1)),
                    models.When(rating="off_track", then=models.Value(2)),
                    default=models.Value(3),
                ),
                models.F("code"),
                name="project_list_rating_asc",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                models.Case(
                    models.When(rating="on_track", then=models.Value(0)),
                    models.When(rating="at_risk", then=models.Value(1)),
                    models.When(rating="off_track", then=models.Value(2)),
                    default=models.Value(-1),
                ),
                models.F("code"),
                name="project_list_rating_desc",
            ),
        ),
    ]
