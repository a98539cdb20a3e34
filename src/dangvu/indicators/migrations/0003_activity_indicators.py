"""Add the indicators computed from the activity registers (rows already present are kept as they are)."""

from django.db import migrations


def load(apps, schema_editor):
    from dangvu.indicators.catalogue import catalogue_rows

    Indicator = apps.get_model("indicators", "Indicator")
    have = set(Indicator.objects.values_list("code", flat=True))
    Indicator.objects.bulk_create([Indicator(**row) for row in catalogue_rows() if row["code"] not in have])


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_standard_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
