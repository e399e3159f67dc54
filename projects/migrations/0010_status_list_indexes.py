"""Two indexes for the status filter of the portfolio list: its default order (newest first) and its capped count.

At 100,000 projects `?region=africa&status=active` read 4,400 of the newest projects (mostly still in the
pipeline) to find a page of active ones, 16 ms, and counted from the table, 10 to 19 ms; with these,
0.5 ms and 5 ms.
"""

import datetime
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0002_reference_data"),
        ("projects", "0009_search_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                models.F("status"),
                django.db.models.functions.comparison.Coalesce(
                    models.F("planned_start"), models.Value(datetime.date(1, 1, 1))
                ),
                models.F("code"),
                name="project_list_status_start",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["status", "id"], name="project_status_count"),
        ),
    ]
