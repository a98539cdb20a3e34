"""Every title now names the unit that recorded it (filled by 0003)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_position_recorded_by"),
    ]

    operations = [
        migrations.AlterField(
            model_name="personposition",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.organisation",
                verbose_name="đơn vị ghi",
                help_text="The unit whose records stated this title; it decides who sees it.",
            ),
        ),
    ]
