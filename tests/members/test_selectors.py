"""Reads of the register: scope, accent-insensitive search, work lists, statistics (set-based)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404

from dangvu.members import selectors, services
from dangvu.members.models import Gender
from dangvu.members.statistics import member_statistics, statistics_by_node

D = dt.date
MARCH_2020 = D(2020, 3, 1)


def _admit(province: Any, name: str, cell: str = "CA1", on: D = MARCH_2020, **kw: Any) -> Any:
    fields = {"gender": Gender.FEMALE, "birth_date": D(1990, 1, 1), "ethnicity": "Kinh"} | kw
    return services.member_admit(actor=None, cell=province[cell], full_name=name, admitted_on=on, **fields)


def test_register_search_without_accents_within_scope(province: Any) -> None:
    a = _admit(province, "Nguyễn Văn A")
    _admit(province, "Nguyễn Văn A", cell="CB1")
    found = selectors.register_on(province.users["editor_a"], on=D(2021, 1, 1), query="nguyen van a")
    assert [p.member_id for p in found] == [a.pk]
    everyone = selectors.register_on(province.users["admin"], on=D(2021, 1, 1), query="NGUYEN van")
    assert everyone.count() == 2
    assert selectors.register_on(province.users["admin"], on=D(2019, 1, 1), query="nguyen").count() == 0


def test_register_filters_by_subtree_status_and_gender(province: Any) -> None:
    _admit(province, "Lê Thị Hoa")
    admin = province.users["admin"]
    on = D(2021, 1, 1)
    assert selectors.register_on(admin, on=on, organisation=province["XA"]).count() == 6
    assert selectors.register_on(admin, on=on, probationary=True).count() == 1
    assert selectors.register_on(admin, on=on, gender=Gender.FEMALE).count() == 1
    assert selectors.register_on(province.users["outsider"], on=on).count() == 4


def test_member_page_is_404_outside_scope(province: Any) -> None:
    m = _admit(province, "Trần Văn B", cell="CB1")
    assert selectors.member_for(province.users["outsider"], m.pk) == m
    with pytest.raises(Http404):
        selectors.member_for(province.users["editor_a"], m.pk)
    assert not selectors.may_see_personal_data(province.users["outsider"], m)  # a viewer
    assert selectors.may_see_personal_data(province.users["admin"], m)


def test_probation_due_this_month_or_overdue(province: Any) -> None:
    _admit(province, "Đến hạn", on=D(2025, 11, 20))
    _admit(province, "Quá hạn", on=D(2025, 6, 1))
    _admit(province, "Chưa đến", on=D(2025, 12, 1))
    late = _admit(province, "Đã chính thức", on=D(2024, 1, 1))
    services.member_confirm(actor=None, member=late, confirmed_on=D(2025, 1, 1))
    due = selectors.probation_due(province.users["editor_a"], today=D(2026, 11, 10))
    assert [(d.member.full_name, d.overdue) for d in due] == [("Quá hạn", True), ("Đến hạn", False)]
    assert selectors.probation_due(province.users["outsider"], today=D(2026, 11, 10)) == []


def test_badges_due_at_the_next_presentation_date(province: Any) -> None:
    _admit(province, "Ba mươi năm", on=D(2000, 1, 10), birth_date=D(1970, 1, 1))
    _admit(province, "Sớm hơn", on=D(2000, 4, 1), birth_date=D(1970, 1, 1))
    due = selectors.badges_due(province.users["editor_a"], today=D(2029, 11, 20))
    found = {b.member.full_name: (b.years, b.presentation_on) for b in due}
    assert found["Ba mươi năm"] == (30, D(2030, 2, 3))  # 30 years on 10/01/2030: between 7/11 and 3/2
    assert "Sớm hơn" not in found  # 30 years on 01/04/2030: due at 19/5
    assert len(found) == 6  # and the five fixture members of CA1/CA2, admitted 01/01/2000
    assert (
        selectors.badges_due(province.users["editor_a"], today=D(2030, 3, 1))[0].member.full_name == "Sớm hơn"
    )


def test_statistics_of_a_subtree(province: Any) -> None:
    _admit(province, "Lê Thị Hoa", religion="Công giáo")
    stats = member_statistics(
        province.users["admin"],
        on=D(2021, 1, 1),
        organisation=province["XA"],
        period=(D(2020, 1, 1), D(2020, 12, 31)),
    )
    assert stats.total == 6
    assert dict(stats.tables["status"]) == {"Chính thức": 5, "Dự bị": 1}
    assert dict(stats.tables["gender"]) == {"Nam": 5, "Nữ": 1}
    assert dict(stats.tables["age"])["41–50 tuổi"] == 5 and dict(stats.tables["age"])["31–40 tuổi"] == 1
    assert dict(stats.tables["religion"]) == {"Không": 5, "Công giáo": 1}
    assert stats.admitted == 1
    outsider = member_statistics(province.users["outsider"], on=D(2021, 1, 1))
    assert outsider.total == 4


def test_statistics_of_every_node_roll_up(province: Any) -> None:
    _admit(province, "Lê Thị Hoa")
    by_node = statistics_by_node(province.users["admin"], on=D(2021, 1, 1))
    total = lambda code: sum(by_node[province[code].pk]["gender"].values())  # noqa: E731
    assert (total("HL"), total("D1"), total("XA"), total("CA1"), total("CS")) == (12, 10, 6, 4, 2)
    mine = statistics_by_node(province.users["editor_a"], on=D(2021, 1, 1))
    assert province["HL"].pk not in mine and province["CB1"].pk not in mine
