"""An index of each evaluation's kind (modality, scope, timing) with its id, for the evaluation rule.

evaluations.rules.with_evaluation_rule asks three EXISTS of the independent project or cluster
evaluations (any, mid-term, final); with this index PostgreSQL answers them by index-only scans
instead of reading every evaluation's row (the dashboard's count at 100,000 projects).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0006_library_search_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="evaluation",
            index=models.Index(fields=["modality", "scope", "timing", "id"], name="evaluation_rule_kind"),
        ),
    ]
