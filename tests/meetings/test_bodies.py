"""Steering committees: established under a register document, members with roles, oversight of units,
and each overseer's units with the dashboard's figures; pages, refusals and API."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from factories import add_members

from dangvu.accounts.services import api_token_create
from dangvu.assignments.services import task_assign
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.indicators.models import Indicator, Target
from dangvu.meetings import bodies
from dangvu.meetings.models import Body, Oversight
from dangvu.meetings.oversight import overseer_units

DAY = dt.date(2025, 7, 1)


def _body(province):
    admin = province.users["admin"]
    body = bodies.body_establish(
        actor=admin,
        organisation=province["D1"],
        name="Ban Chỉ đạo thực hiện Chỉ thị 05",
        established_on=DAY,
        document="Quyết định số 32-QĐ/HU",
    )
    seat = bodies.body_member_add(
        actor=admin,
        body=body,
        full_name="Nguyễn Văn An",
        role="Trưởng ban",
        valid_from=DAY,
        positions="Bí thư Huyện ủy",
    )
    return body, seat


def test_establish_seat_and_oversee(province):
    admin = province.users["admin"]
    body, seat = _body(province)
    assert body.established_by.symbol == "32-QĐ/HU"
    assert seat.person.positions.get().title == "Bí thư Huyện ủy"
    o = bodies.oversight_assign(
        actor=admin, body=body, organisation=province["XA"], valid_from=DAY, person=seat.person
    )
    bodies.oversight_assign(
        actor=admin, body=body, organisation=province["XB"], valid_from=DAY, agency="Ban Tổ chức Huyện ủy"
    )
    with pytest.raises(DomainError, match="đang phụ trách"):
        bodies.oversight_assign(
            actor=admin, body=body, organisation=province["XA"], valid_from=DAY, person=seat.person
        )
    with pytest.raises(DomainError, match="không thuộc"):
        bodies.oversight_assign(
            actor=admin, body=body, organisation=province["CS"], valid_from=DAY, agency="X"
        )
    with pytest.raises(DomainError, match="đang là thành viên"):
        bodies.body_member_add(
            actor=admin, body=body, full_name="Nguyễn Văn An", role="Thành viên", valid_from=DAY
        )
    with pytest.raises(PermissionDenied):
        bodies.body_member_add(
            actor=province.users["editor_a"], body=body, full_name="Lê B", role="Thành viên", valid_from=DAY
        )
    bodies.body_member_end(actor=admin, seat=seat, valid_to=dt.date(2026, 1, 1))
    o.refresh_from_db()
    assert o.valid_to == dt.date(2026, 1, 1)  # leaving the body ends their oversights
    entry = LogEntry.objects.get_for_object(o).last()
    assert entry.additional_data["org_path"] == province["XA"].path


def test_overseer_units_show_the_dashboard_figures(province):
    admin = province.users["admin"]
    body, seat = _body(province)
    today = dt.date.today()
    bodies.oversight_assign(
        actor=admin, body=body, organisation=province["XA"], valid_from=DAY, person=seat.person
    )
    add_members(province["CA1"], 2, since=dt.date(today.year, 1, 1))
    Target.objects.create(
        indicator=Indicator.objects.get(code="DV_KET_NAP"),
        organisation=province["XA"],
        period=str(today.year),
        value=4,
    )
    task_assign(
        actor=admin,
        organisation=province["D1"],
        text="Rà soát đảng viên",
        lead=province["CA2"],
        assigned_on=dt.date(2025, 1, 1),
        deadline=dt.date(2025, 3, 1),
    )
    [row] = overseer_units(admin, body, person=seat.person)
    assert (row.members, row.admissions, row.admission_target) == (7, 2, 4)
    assert row.admission_percent == 50 and row.overdue_tasks == 1
    assert overseer_units(province.users["outsider"], body, person=seat.person) == []  # XA out of their scope


def test_pages(client, province):
    client.force_login(province.users["admin"])
    r = client.post(
        "/hoi-nghi/ban-chi-dao/moi/",
        {
            "organisation_code": "D1",
            "name": "Ban Chỉ đạo 35",
            "document": "Quyết định số 32-QĐ/TU",
            "established_on": "2025-07-01",
        },
    )
    body = Body.objects.get()
    assert r["Location"] == f"/hoi-nghi/ban-chi-dao/{body.pk}/"
    client.post(
        f"/hoi-nghi/ban-chi-dao/{body.pk}/thanh-vien/",
        {"full_name": "Trần Thị Bình", "role": "Phó Trưởng ban", "valid_from": "2025-07-01", "positions": ""},
    )
    person = body.members.get().person
    client.post(
        f"/hoi-nghi/ban-chi-dao/{body.pk}/phu-trach/",
        {"organisation_code": "XB", "person": person.pk, "valid_from": "2025-07-02"},
    )
    r = client.post(
        f"/hoi-nghi/ban-chi-dao/{body.pk}/phu-trach/",
        {"organisation_code": "XA", "person": "", "agency": "", "valid_from": "2025-07-02"},
    )
    assert Oversight.objects.count() == 1
    page = client.get(f"/hoi-nghi/ban-chi-dao/{body.pk}/").content.decode()
    assert "Trần Thị Bình" in page and "32-QĐ/TU" in page and "Đảng bộ xã Thạch Sơn" in page
    assert "Cần chọn một thành viên Ban" in page
    assert "Ban Chỉ đạo 35" in client.get("/hoi-nghi/ban-chi-dao/").content.decode()
    view = client.get(f"/hoi-nghi/ban-chi-dao/{body.pk}/dia-ban/?can_bo={person.pk}").content.decode()
    assert "Đảng bộ xã Thạch Sơn" in view
    client.force_login(province.users["editor_a"])
    assert client.get(f"/hoi-nghi/ban-chi-dao/{body.pk}/").status_code == 404
    assert "Ban Chỉ đạo 35" not in client.get("/hoi-nghi/ban-chi-dao/").content.decode()
    assert client.post(f"/hoi-nghi/ban-chi-dao/{body.pk}/thoi-phu-trach/", {"row": 1}).status_code == 404


def test_people_list_and_member_link(client, province):
    _, seat = _body(province)
    member = province["CA1"].placements.first().member
    member.card_number = "01234567"
    member.save()
    client.force_login(province.users["admin"])
    assert "Bí thư Huyện ủy" in client.get("/hoi-nghi/can-bo/?q=nguyen van").content.decode()
    client.post(f"/hoi-nghi/can-bo/{seat.person.pk}/", {"card_number": "99999999"})
    seat.person.refresh_from_db()
    assert seat.person.member is None
    r = client.post(f"/hoi-nghi/can-bo/{seat.person.pk}/", {"card_number": "01234567"}, follow=True)
    seat.person.refresh_from_db()
    assert seat.person.member == member
    assert f"/dang-vien/{member.pk}/" in r.content.decode() and "Ban Chỉ đạo thực hiện" in r.content.decode()


def test_api(client, province):
    tokens = {n: api_token_create(actor=u, user=u, label="t") for n, u in province.users.items()}

    def h(n):
        return {"HTTP_AUTHORIZATION": f"Bearer {tokens[n]}"}

    r = client.post(
        "/api/meetings/bodies",
        {"organisation_code": "D1", "name": "BCĐ", "established_on": "2025-07-01", "document": "32-QĐ/TU"},
        content_type="application/json",
        **h("admin"),
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = client.post(
        f"/api/meetings/bodies/{pk}/members",
        {"full_name": "Lê Văn Cường", "valid_from": "2025-07-01"},
        content_type="application/json",
        **h("admin"),
    )
    person_id = r.json()["members"][0]["person_id"]
    r = client.post(
        f"/api/meetings/bodies/{pk}/oversights",
        {"organisation_code": "XA", "valid_from": "2025-07-01", "person_id": person_id},
        content_type="application/json",
        **h("admin"),
    )
    assert r.status_code == 201 and r.json()["oversights"][0]["organisation_code"] == "XA"
    r = client.get(f"/api/meetings/bodies/{pk}/overseen?person_id={person_id}", **h("admin"))
    assert r.json()[0]["members"] == 5
    assert client.get(f"/api/meetings/bodies/{pk}", **h("outsider")).status_code == 404
    assert client.get("/api/meetings/bodies", **h("outsider")).json() == []


def test_forms_render_and_end_through_the_page(client, province):
    body, seat = _body(province)
    admin = province.users["admin"]
    bodies.oversight_assign(
        actor=admin, body=body, organisation=province["XB"], valid_from=DAY, agency="Ban Tổ chức Huyện ủy"
    )
    client.force_login(admin)
    assert client.get("/hoi-nghi/ban-chi-dao/moi/").status_code == 200
    assert client.get("/nhiem-vu/nhap/").status_code == 200
    view = client.get(
        f"/hoi-nghi/ban-chi-dao/{body.pk}/dia-ban/?co_quan=Ban Tổ chức Huyện ủy"
    ).content.decode()
    assert "Đảng bộ xã Thạch Sơn" in view
    assert client.get(f"/hoi-nghi/ban-chi-dao/{body.pk}/dia-ban/").status_code == 404
    client.post(
        f"/hoi-nghi/ban-chi-dao/{body.pk}/thoi-thanh-vien/", {"row": seat.pk, "valid_to": "2025-06-01"}
    )
    seat.refresh_from_db()
    assert seat.valid_to is None  # before the seat began: refused
    r = client.post(
        f"/hoi-nghi/ban-chi-dao/{body.pk}/thoi-thanh-vien/",
        {"row": seat.pk, "valid_to": "2025-09-01"},
        follow=True,
    )
    seat.refresh_from_db()
    assert seat.valid_to == dt.date(2025, 9, 1) and "thôi tham gia Ban" in r.content.decode()
    r = client.post(
        "/hoi-nghi/ban-chi-dao/moi/",
        {"organisation_code": "D1", "name": "BCĐ", "document": "32-QĐ", "established_on": "2025-07-01"},
    )
    assert "thiếu cơ quan ban hành" in r.content.decode() and Body.objects.count() == 1
