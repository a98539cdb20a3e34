"""Add the indicators computed from the candidate pipeline (rows already present are kept as they are)."""

from django.db import migrations


def load(apps, schema_editor):
    from dangvu.indicators.catalogue import catalogue_load

    catalogue_load(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_activity_indicators")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
