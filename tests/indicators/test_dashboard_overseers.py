"""The dashboard's comparison of sub-units names who oversaw each in the period (steering bodies' oversight),
from bodies the reader may see only, in one query whatever the number of units."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.meetings import bodies
from dangvu.meetings.oversight import overseers_of_units

DAY = dt.date(2025, 7, 1)
Q3 = (dt.date(2025, 7, 1), dt.date(2025, 9, 30))


def _body(province, code, name, member):
    admin = province.users["admin"]
    body = bodies.body_establish(actor=admin, organisation=province[code], name=name, established_on=DAY)
    seat = bodies.body_member_add(actor=admin, body=body, full_name=member, role="Trưởng ban", valid_from=DAY)
    return body, seat.person


def test_overseers_of_the_period_in_scope_in_one_query(province, django_assert_num_queries):
    admin = province.users["admin"]
    xa_body, xa_head = _body(province, "XA", "Ban Chỉ đạo xã Thạch Long", "Phan Văn Xã")
    d1_body, d1_head = _body(province, "D1", "Ban Chỉ đạo huyện Thạch Hà", "Lê Thị Huyện")
    bodies.oversight_assign(
        actor=admin, body=xa_body, organisation=province["CA1"], valid_from=DAY, person=xa_head
    )
    bodies.oversight_assign(
        actor=admin, body=xa_body, organisation=province["CA2"], valid_from=DAY, agency="Văn phòng Đảng ủy"
    )
    ended = bodies.oversight_assign(
        actor=admin, body=xa_body, organisation=province["CA2"], valid_from=DAY, person=xa_head
    )
    bodies.oversight_end(actor=admin, oversight=ended, valid_to=dt.date(2025, 7, 2))  # within Q3: shown
    bodies.oversight_assign(
        actor=admin, body=d1_body, organisation=province["CA1"], valid_from=DAY, person=d1_head
    )
    ids = [province["CA1"].pk, province["CA2"].pk, province["CB1"].pk]
    with django_assert_num_queries(1):
        seen_from_xa = overseers_of_units(province.users["editor_a"], ids, *Q3)
    assert [o.name for o in seen_from_xa[province["CA1"].pk]] == ["Phan Văn Xã"]  # D1's body: out of scope
    assert [o.name for o in seen_from_xa[province["CA2"].pk]] == ["Văn phòng Đảng ủy", "Phan Văn Xã"]
    assert province["CB1"].pk not in seen_from_xa
    seen_by_admin = overseers_of_units(admin, ids, *Q3)
    assert {o.name for o in seen_by_admin[province["CA1"].pk]} == {"Phan Văn Xã", "Lê Thị Huyện"}
    assert overseers_of_units(admin, ids, dt.date(2025, 10, 1), dt.date(2025, 12, 31))[
        province["CA2"].pk
    ] == [seen_by_admin[province["CA2"].pk][0]]  # the ended assignment is not of Q4
    assert overseers_of_units(admin, ids, dt.date(2025, 1, 1), dt.date(2025, 3, 31)) == {}
    assert overseers_of_units(province.users["outsider"], ids, *Q3) == {}


def _dashboard_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/chi-tieu/XA/?period=2025-Q3")
    assert page.status_code == 200
    return len(ctx.captured_queries), page.content.decode()


def test_dashboard_names_each_sub_units_overseer_without_a_query_per_unit(client, province):
    admin = province.users["admin"]
    xa_body, xa_head = _body(province, "XA", "Ban Chỉ đạo xã Thạch Long", "Phan Văn Xã")
    client.force_login(province.users["editor_a"])
    before, page = _dashboard_queries(client)
    assert "Người phụ trách" in page and "Phan Văn Xã" not in page
    bodies.oversight_assign(
        actor=admin, body=xa_body, organisation=province["CA1"], valid_from=DAY, person=xa_head
    )
    bodies.oversight_assign(
        actor=admin, body=xa_body, organisation=province["CA2"], valid_from=DAY, agency="Văn phòng Đảng ủy"
    )
    after, page = _dashboard_queries(client)
    assert after == before  # one query for the page's overseers, however many
    assert f"/hoi-nghi/ban-chi-dao/{xa_body.pk}/dia-ban/?can_bo={xa_head.pk}" in page
    assert "Phan Văn Xã" in page and "Văn phòng Đảng ủy" in page
