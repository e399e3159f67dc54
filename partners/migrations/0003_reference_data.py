"""Load the partner types."""

from django.db import migrations

from partners.reference import PARTNER_TYPES


def load(apps, schema_editor):
    PartnerType = apps.get_model("partners", "PartnerType")
    for order, (code, name) in enumerate(PARTNER_TYPES):
        PartnerType.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
