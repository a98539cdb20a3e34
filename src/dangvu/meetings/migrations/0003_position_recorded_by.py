"""Each title of a person is kept by the unit whose records stated it (`PersonPosition.recorded_by`).

Titles recorded before this carry no unit. Their source is found where it can be: a conference of the
person held on the title's first day (as a chair or attendee given that title; else as a speaker, whose
titles were not kept on the contribution), else a seat in a steering body taken that day; otherwise the
person's home unit. A title stated that day by several units is kept once for each of them, so none of
them loses it. The column is made required in the next migration (PostgreSQL will not alter a table
with the deferred foreign-key checks of this one's updates pending).
"""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.core.text import fold


def _sources(apps, position):
    """The units whose records stated `position` on its first day, narrowest evidence first."""
    Participant = apps.get_model("meetings", "Participant")
    Contribution = apps.get_model("meetings", "Contribution")
    BodyMember = apps.get_model("meetings", "BodyMember")
    day, title = position.valid_from, fold(position.title)
    seats = Participant.objects.filter(person_id=position.person_id, meeting__held_on=day).select_related(
        "meeting"
    )
    units = [s.meeting.organiser_id for s in seats if title in {fold(p) for p in s.positions or []}]
    if not units:
        units = list(
            Contribution.objects.filter(person_id=position.person_id, meeting__held_on=day).values_list(
                "meeting__organiser_id", flat=True
            )
        )
    if not units:
        units = list(
            BodyMember.objects.filter(person_id=position.person_id, valid_from=day).values_list(
                "body__organisation_id", flat=True
            )
        )
    return sorted(set(units))


def fill(apps, schema_editor):
    PersonPosition = apps.get_model("meetings", "PersonPosition")
    for position in list(PersonPosition.objects.select_related("person").order_by("pk")):  # not the copies
        units = _sources(apps, position) or [position.person.home_id]
        position.recorded_by_id = units[0]
        position.save(update_fields=["recorded_by"])
        for unit in units[1:]:
            PersonPosition.objects.create(
                person_id=position.person_id,
                title=position.title,
                valid_from=position.valid_from,
                valid_to=position.valid_to,
                recorded_by_id=unit,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_source_figures_shortcomings"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="personposition",
            name="recorded_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.organisation",
                verbose_name="đơn vị ghi",
                help_text="The unit whose records stated this title; it decides who sees it.",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
