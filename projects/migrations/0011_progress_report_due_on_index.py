"""An index on the due date of progress reports: the admin lists them latest due first and filters them by year."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_status_list_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(fields=["due_on", "id"], name="progress_report_due_on"),
        ),
    ]
