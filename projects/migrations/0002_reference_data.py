"""Load IPEC's intervention types, the worst forms of child labour, sectors and target groups."""

from django.db import migrations

from projects.reference import INTERVENTION_TYPES, SECTORS, TARGET_GROUPS, WORST_FORMS


def load(apps, schema_editor):
    for model_name, rows in (
        ("InterventionType", INTERVENTION_TYPES),
        ("Sector", SECTORS),
        ("TargetGroup", TARGET_GROUPS),
    ):
        model = apps.get_model("projects", model_name)
        for order, (code, name) in enumerate(rows):
            model.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})
    WorstForm = apps.get_model("projects", "WorstForm")
    for order, (code, name, article, description) in enumerate(WORST_FORMS):
        WorstForm.objects.update_or_create(
            code=code, defaults={"name": name, "article": article, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
