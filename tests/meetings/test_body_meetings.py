"""A conference attached to a steering body from its form: the choice lists only bodies in the user's editor
scope, the body must be the organiser's and live on the day, and both pages show the link."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry

from dangvu.accounts.services import api_token_create
from dangvu.core.errors import DomainError
from dangvu.meetings import bodies
from dangvu.meetings.models import Meeting
from dangvu.meetings.services import meeting_record

DAY = dt.date(2025, 7, 1)
FORM = {
    "organiser_code": "XA",
    "kind": "giao_ban",
    "title": "Họp Ban Chỉ đạo 35 quý 3",
    "held_on": "2025-08-05",
}


def _bodies(province):
    admin = province.users["admin"]
    mine = bodies.body_establish(
        actor=admin, organisation=province["XA"], name="Ban Chỉ đạo 35 xã Thạch Long", established_on=DAY
    )
    theirs = bodies.body_establish(
        actor=admin, organisation=province["XB"], name="Ban Chỉ đạo 35 xã Thạch Sơn", established_on=DAY
    )
    return mine, theirs


def test_form_offers_only_bodies_in_scope_and_both_pages_show_the_link(client, province):
    mine, theirs = _bodies(province)
    client.force_login(province.users["editor_a"])
    form = client.get(f"/hoi-nghi/moi/?org=XA&ban={mine.pk}").content.decode()
    assert "Ban Chỉ đạo 35 xã Thạch Long" in form and "Thạch Sơn" not in form
    assert f'value="{mine.pk}" selected' in form
    r = client.post("/hoi-nghi/moi/", {**FORM, "body": theirs.pk})  # B's body, posted by hand
    assert r.status_code == 200 and "Lựa chọn" in r.content.decode() and not Meeting.objects.exists()
    r = client.post("/hoi-nghi/moi/", {**FORM, "body": mine.pk})
    m = Meeting.objects.get()
    assert r.status_code == 302 and m.body == mine
    assert LogEntry.objects.get_for_object(m).get().changes["body"][1] == str(mine.pk)  # audited
    detail = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert 'id="meeting-body"' in detail and f"/hoi-nghi/ban-chi-dao/{mine.pk}/" in detail
    body_page = client.get(f"/hoi-nghi/ban-chi-dao/{mine.pk}/").content.decode()
    assert f"/hoi-nghi/{m.pk}/" in body_page and "Họp Ban Chỉ đạo 35 quý 3" in body_page
    assert 'id="body-meeting-new"' in body_page
    client.force_login(province.users["outsider"])  # a viewer at B sees neither
    assert client.get(f"/hoi-nghi/{m.pk}/").status_code == 404
    assert client.get(f"/hoi-nghi/ban-chi-dao/{mine.pk}/").status_code == 404


def test_a_conference_without_a_body_still_records(client, province):
    _bodies(province)
    client.force_login(province.users["editor_a"])
    assert client.post("/hoi-nghi/moi/", {**FORM, "body": ""}).status_code == 302
    assert Meeting.objects.get().body is None


def test_body_must_be_the_organisers_and_live_that_day(client, province):
    mine, _ = _bodies(province)
    admin = province.users["admin"]
    with pytest.raises(DomainError, match="không thuộc"):
        meeting_record(
            actor=admin, organiser=province["XB"], kind="giao_ban", title="X", held_on=DAY, body=mine
        )
    with pytest.raises(DomainError, match="không hoạt động"):
        meeting_record(
            actor=admin,
            organiser=province["XA"],
            kind="giao_ban",
            title="X",
            held_on=DAY - dt.timedelta(days=1),
            body=mine,
        )
    client.force_login(province.users["editor_a"])
    r = client.post("/hoi-nghi/moi/", {**FORM, "held_on": "2025-06-30", "body": mine.pk})
    assert "không hoạt động vào ngày 30/06/2025" in r.content.decode()
    assert not Meeting.objects.exists()


def test_api_attaches_a_body_in_scope_only(client, province):
    mine, theirs = _bodies(province)
    token = api_token_create(actor=province.users["editor_a"], user=province.users["editor_a"], label="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    payload = {"organiser_code": "XA", "kind": "giao_ban", "title": "Họp Ban", "held_on": "2025-08-05"}
    r = client.post(
        "/api/meetings", {**payload, "body_id": theirs.pk}, content_type="application/json", **auth
    )
    assert r.status_code == 404 and not Meeting.objects.exists()
    r = client.post("/api/meetings", {**payload, "body_id": mine.pk}, content_type="application/json", **auth)
    assert r.status_code == 201 and r.json()["body_id"] == mine.pk
