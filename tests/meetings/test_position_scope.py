"""A person's titles belong to the unit whose records stated them: a cadre of the province given a title in
commune XB's conference keeps it in XB's records. XA's users (who see the cadre, above them) never see it;
XB's users and the province do. The same for steering bodies and conferences saved by the reader."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from auditlog.models import LogEntry
from django.apps import apps as django_apps

from dangvu.meetings.bodies import body_establish, body_member_add
from dangvu.meetings.models import ParticipantRole, Person, PersonPosition
from dangvu.meetings.selectors import people_search, person_for
from dangvu.meetings.services import meeting_participant_add, meeting_record
from dangvu.reader.save import proposal_save

D = dt.date(2024, 3, 8)
NAME = "Trần Văn Tỉnh"
PROVINCE_TITLE = "Phó Bí thư Tỉnh ủy"
XB_TITLE = "Trưởng đoàn công tác tại xã Thạch Sơn"


def _chair(province, org, title, name=NAME, on=D):
    m = meeting_record(
        actor=None, organiser=province[org], kind="hoi_nghi", title=f"Hội nghị tại {org}", held_on=on
    )
    return meeting_participant_add(
        actor=None, meeting=m, role=ParticipantRole.CHAIR, full_name=name, positions=title
    ).person


@pytest.fixture
def cadre(province):
    """A cadre of the province (home HL), given a title of XB's in XB's conference."""
    person = _chair(province, "HL", PROVINCE_TITLE)
    assert _chair(province, "XB", XB_TITLE) == person  # found again: home above XB, same name
    return person


def _titles(user, person):
    return {p.title for p in person_for(user, person.pk).titles}


def test_each_title_keeps_the_unit_that_recorded_it(province, cadre):
    by = dict(PersonPosition.objects.filter(person=cadre).values_list("title", "recorded_by__code"))
    assert by == {PROVINCE_TITLE: "HL", XB_TITLE: "XB"}
    entry = LogEntry.objects.filter(content_type__model="personposition").order_by("pk").last()
    assert entry.additional_data["org_path"] == province["XB"].path  # XB's trail, not the province's


def test_a_sibling_commune_never_sees_the_title_its_users_see_the_person(province, cadre):
    users = province.users
    assert _titles(users["editor_a"], cadre) == {PROVINCE_TITLE}
    assert _titles(users["outsider"], cadre) == {PROVINCE_TITLE, XB_TITLE}
    assert _titles(users["admin"], cadre) == {PROVINCE_TITLE, XB_TITLE}
    current = {u: next(p.current for p in people_search(users[u], q="tran van tinh")) for u in users}
    assert current == {
        "editor_a": [PROVINCE_TITLE],
        "outsider": [PROVINCE_TITLE, XB_TITLE],
        "admin": [PROVINCE_TITLE, XB_TITLE],
    }


def test_pages(client, province, cadre):
    for user, shown in (("editor_a", False), ("outsider", True), ("admin", True)):
        client.force_login(province.users[user])
        for url in (f"/hoi-nghi/can-bo/{cadre.pk}/", "/hoi-nghi/can-bo/?q=tran"):
            page = client.get(url).content.decode()
            assert PROVINCE_TITLE in page, (user, url)
            assert (XB_TITLE in page) == shown, (user, url)


def test_a_title_stated_by_a_sibling_is_recorded_again_for_the_writer(province, cadre):
    """XA states the same title: XA gets its own row (it cannot see XB's), XB's stays as it was."""
    assert _chair(province, "XA", XB_TITLE, on=D + dt.timedelta(days=3)) == cadre
    rows = PersonPosition.objects.filter(person=cadre, title=XB_TITLE)
    assert sorted(rows.values_list("recorded_by__code", "valid_from")) == [
        ("XA", D + dt.timedelta(days=3)),
        ("XB", D),
    ]
    assert _titles(province.users["editor_a"], cadre) == {PROVINCE_TITLE, XB_TITLE}


def test_a_title_the_province_recorded_is_not_recorded_again_below(province, cadre):
    _chair(province, "XA", PROVINCE_TITLE, on=D + dt.timedelta(days=1))
    assert PersonPosition.objects.filter(person=cadre, title=PROVINCE_TITLE).count() == 1


def test_matching_by_title_ignores_what_a_sibling_wrote(province, cadre):
    """Two people of the same name above XA; XB's title names one of them. XA writing that title does not
    pick that person on the strength of XB's record: the name alone is ambiguous, so a new person."""
    other = Person.objects.create(full_name=NAME, name_folded=cadre.name_folded, home=province["D1"])
    found = _chair(province, "XA", XB_TITLE, on=D + dt.timedelta(days=5))
    assert found not in (cadre, other)
    assert _chair(province, "XB", XB_TITLE, on=D + dt.timedelta(days=5)) == cadre  # XB's own record does


def test_steering_body_seats_record_the_bodys_unit(province, cadre):
    body = body_establish(actor=None, organisation=province["XB"], name="Ban Chỉ đạo xã", established_on=D)
    body_member_add(
        actor=None, body=body, full_name=NAME, role="Thành viên", valid_from=D, positions="Phụ trách xã"
    )
    row = PersonPosition.objects.get(person=cadre, title="Phụ trách xã")
    assert row.recorded_by == province["XB"]
    assert "Phụ trách xã" not in _titles(province.users["editor_a"], cadre)


def test_the_readers_save_records_the_organiser(province, cadre):
    proposal = {
        "event": {"date": "2024-04-02"},
        "chairs": [{"name": NAME, "positions": ["Tổ trưởng tổ công tác"]}],
    }
    proposal_save(actor=None, organiser=province["XB"], proposal=proposal)
    assert PersonPosition.objects.get(title="Tổ trưởng tổ công tác").recorded_by == province["XB"]
    assert "Tổ trưởng tổ công tác" not in _titles(province.users["editor_a"], cadre)


def test_the_migration_fills_the_unit_from_the_record_else_the_home(province, cadre):
    """Rows written before the column: the conference that stated the title that day, the steering body
    seat taken that day, else the person's home; a title stated by two units that day is kept for each."""
    fill = import_module("dangvu.meetings.migrations.0003_position_recorded_by").fill
    lone = Person.objects.create(full_name="Lê Thị Khác", name_folded="le thi khac", home=province["XA"])
    PersonPosition.objects.create(person=lone, title="Ủy viên", valid_from=D, recorded_by=province["HL"])
    both = _chair(province, "XA", XB_TITLE, name=NAME)  # the same day as XB's: one row each
    assert both == cadre
    PersonPosition.objects.filter(person=cadre, title=XB_TITLE, recorded_by__code="XA").delete()
    PersonPosition.objects.update(recorded_by=province["CS"])  # as if unknown: the fill must find each
    fill(django_apps, None)
    got = sorted(PersonPosition.objects.values_list("person__full_name", "title", "recorded_by__code"))
    assert got == [
        ("Lê Thị Khác", "Ủy viên", "XA"),
        (NAME, PROVINCE_TITLE, "HL"),
        (NAME, XB_TITLE, "XA"),
        (NAME, XB_TITLE, "XB"),
    ]
