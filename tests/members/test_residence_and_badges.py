"""Quy định 213 (agency cells, contact with the residence, the yearly comment) and early badges for the
seriously ill: services refuse what the rules forbid, the work lists find who needs doing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.members import residence_services as rs
from dangvu.members import selectors, services
from dangvu.members.models import EventKind, Gender, Member, MembershipEvent

D = dt.date


def _cell_members(code: str) -> list[Member]:
    return list(Member.objects.filter(placements__organisation__code=code).order_by("id"))


def test_residence_work_list_finds_missing_contacts_and_comments(province: Any) -> None:
    admin = province.users["admin"]
    a, b = _cell_members("CS")  # Chi bộ Sở Tư pháp: an agency cell
    assert selectors.residence_due(admin, today=D(2025, 12, 1), year=2025) == []  # not marked yet
    rs.agency_cell_mark(actor=admin, cell=province["CS"], since=D(2020, 1, 1))
    with pytest.raises(DomainError, match="đã được đánh dấu"):
        rs.agency_cell_mark(actor=admin, cell=province["CS"], since=D(2021, 1, 1))
    due = selectors.residence_due(admin, today=D(2025, 12, 1), year=2025)
    assert [(r.member, r.contact) for r in due] == [(a, None), (b, None)]

    contact = rs.residence_contact_register(
        actor=admin, member=a, since=D(2024, 3, 1), residence_unit=province["CA1"]
    )
    assert contact.residence_name == "Chi bộ thôn Trung Hòa"
    comment = rs.residence_comment_send(actor=admin, contact=contact, year=2025, sent_on=D(2025, 11, 1))
    due = selectors.residence_due(admin, today=D(2025, 12, 1), year=2025)
    assert [(r.member, r.comment) for r in due] == [(b, None), (a, comment)]  # missing contacts first
    with pytest.raises(DomainError, match="trước ngày gửi"):
        rs.residence_comment_return(
            actor=admin, comment=comment, returned_on=D(2025, 10, 1), assessment="Tốt"
        )
    rs.residence_comment_return(
        actor=admin,
        comment=comment,
        returned_on=D(2025, 11, 20),
        assessment="Gương mẫu",
        content="Tham gia tốt",
    )
    assert [r.member for r in selectors.residence_due(admin, today=D(2025, 12, 1), year=2025)] == [b]
    assert [r.member for r in selectors.residence_due(admin, today=D(2026, 12, 1), year=2026)] == [b, a]

    # a new residence ends the old contact (kept), and the agency mark can be closed
    moved = rs.residence_contact_register(
        actor=admin, member=a, since=D(2026, 1, 1), residence_name="Phường X"
    )
    contact.refresh_from_db()
    assert contact.ended_on == D(2026, 1, 1) and moved.residence_unit is None
    rs.agency_cell_unmark(actor=admin, cell=province["CS"], on=D(2027, 1, 1))
    assert selectors.residence_due(admin, today=D(2027, 2, 1), year=2027) == []


def test_residence_services_refuse_outside_scope(province: Any) -> None:
    (a, *_) = _cell_members("CS")
    with pytest.raises(PermissionDenied):
        rs.agency_cell_mark(actor=province.users["editor_a"], cell=province["CS"], since=D(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        rs.residence_contact_register(
            actor=province.users["editor_a"], member=a, since=D(2024, 1, 1), residence_name="Thôn Y"
        )
    with pytest.raises(DomainError, match="không phải chi bộ"):
        rs.agency_cell_mark(actor=None, cell=province["XA"], since=D(2020, 1, 1))
    assert selectors.residence_due(province.users["editor_a"], today=D(2025, 1, 1), year=2024) == []


def test_seriously_ill_member_shows_up_early_and_may_receive_the_badge(province: Any) -> None:
    editor = province.users["editor_a"]
    m = services.member_admit(
        actor=None,
        cell=province["CA1"],
        full_name="Trần Văn Ốm",
        gender=Gender.MALE,
        birth_date=D(1970, 1, 1),
        ethnicity="Kinh",
        admitted_on=D(2000, 6, 1),
    )  # 30 years of Party age on 01/06/2030
    today = D(2029, 11, 20)  # next presentation 03/02/2030
    assert m not in [b.member for b in selectors.badges_due(editor, today=today)]
    with pytest.raises(DomainError, match="chưa đủ 30 năm"):
        services.member_award_badge(actor=editor, member=m, on=D(2030, 2, 3), years=30)
    with pytest.raises(DomainError, match="lý do"):
        services.member_mark_seriously_ill(actor=editor, member=m, on=D(2029, 10, 1), reason=" ")
    mark = services.member_mark_seriously_ill(
        actor=editor, member=m, on=D(2029, 10, 1), reason="Ung thư giai đoạn cuối"
    )
    due = [b for b in selectors.badges_due(editor, today=today) if b.member == m]
    assert [(b.years, b.early, b.presentation_on) for b in due] == [(30, True, D(2030, 2, 3))]
    assert all(not b.early for b in selectors.badges_due(editor, today=today) if b.member != m)
    services.member_award_badge(actor=editor, member=m, on=D(2030, 2, 3), years=30)
    assert MembershipEvent.objects.filter(member=m, kind=EventKind.BADGE, badge_years=30).exists()
    assert m not in [b.member for b in selectors.badges_due(editor, today=today)]
    services.member_unmark_seriously_ill(actor=editor, mark=mark, on=D(2030, 3, 1))
    mark.refresh_from_db()
    assert mark.revoked_on == D(2030, 3, 1)
    assert not services.seriously_ill_on(m, D(2030, 3, 1)) and services.seriously_ill_on(m, D(2030, 2, 28))
