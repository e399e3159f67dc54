"""Load the five ILO regions, every ISO 3166 country with its ILO region, and the five conventions."""

from django.db import migrations

from countries.reference import CONVENTIONS, REGIONS, iso_countries


def load(apps, schema_editor):
    Region = apps.get_model("countries", "Region")
    Country = apps.get_model("countries", "Country")
    Convention = apps.get_model("countries", "Convention")
    regions = {}
    for order, (code, name) in enumerate(REGIONS):
        regions[code], _ = Region.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})
    for iso2, iso3, name, region in iso_countries():
        Country.objects.update_or_create(iso2=iso2, defaults={"iso3": iso3, "name": name, "region": regions[region]})
    for code, name, year in CONVENTIONS:
        Convention.objects.update_or_create(code=code, defaults={"name": name, "adopted_year": year})


class Migration(migrations.Migration):
    dependencies = [("countries", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
