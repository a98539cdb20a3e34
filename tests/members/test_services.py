"""The register's services: each event dated, placements kept right, roles checked, nothing back-dated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.members import services
from dangvu.members.models import EventKind, Gender, MembershipEvent, Placement
from dangvu.members.selectors import member_counts_by_organisation

D = dt.date
MARCH_2020 = D(2020, 3, 1)


def _admit(province: Any, actor: Any = None, cell: str = "CA1", on: D = MARCH_2020, **kw: Any) -> Any:
    fields = {
        "full_name": "Nguyễn Văn An",
        "gender": Gender.MALE,
        "birth_date": D(1995, 5, 5),
        "ethnicity": "Kinh",
        "admitted_on": on,
    } | kw
    return services.member_admit(actor=actor, cell=province[cell], **fields)


def test_admission_places_the_member_and_records_the_event(province: Any) -> None:
    m = _admit(province, province.users["editor_a"], card_number="12345678")
    assert m.name_folded == "nguyen van an" and m.cell == province["CA1"]
    assert [e.kind for e in m.events.all()] == [EventKind.ADMISSION]
    assert member_counts_by_organisation(D(2020, 3, 1))[province["CA1"].pk] == 4
    assert province["CA1"].pk in member_counts_by_organisation(D(2020, 2, 29))


def test_admission_refused_outside_scope_under_age_or_in_a_committee(province: Any) -> None:
    with pytest.raises(PermissionDenied):
        _admit(province, province.users["editor_a"], cell="CB1")
    with pytest.raises(PermissionDenied):
        _admit(province, province.users["outsider"], cell="CB1")  # a viewer may not write
    with pytest.raises(DomainError, match="18 tuổi"):
        _admit(province, birth_date=D(2005, 1, 1))
    with pytest.raises(DomainError, match="không phải chi bộ"):
        _admit(province, cell="XA")


def test_card_number_unique_when_present(province: Any) -> None:
    _admit(province, card_number="12345678")
    _admit(province, full_name="Lê Thị Bình")  # no card: fine
    _admit(province, full_name="Trần Văn Cường")
    with pytest.raises(DomainError, match="đã có"):
        _admit(province, full_name="Hồ Văn Dũng", card_number="12345678")
    with pytest.raises(DomainError, match="chữ số"):
        _admit(province, full_name="Hồ Văn Dũng", card_number="AB12")


def test_confirmation_after_twelve_months_only(province: Any) -> None:
    m = _admit(province)
    with pytest.raises(DomainError, match="12 tháng"):
        services.member_confirm(actor=None, member=m, confirmed_on=D(2021, 2, 28))
    services.member_confirm(actor=province.users["editor_a"], member=m, confirmed_on=D(2021, 3, 1))
    assert m.confirmed_on == D(2021, 3, 1)
    with pytest.raises(DomainError, match="đã là"):
        services.member_confirm(actor=None, member=m, confirmed_on=D(2021, 4, 1))


def test_transfer_closes_one_placement_and_opens_another(province: Any) -> None:
    m = _admit(province)
    services.member_transfer(
        actor=province.users["editor_a"], member=m, to_cell=province["CA2"], on=D(2022, 1, 1)
    )
    rows = list(
        Placement.objects.filter(member=m)
        .order_by("valid_from")
        .values_list("organisation__code", "valid_from", "valid_to")
    )
    assert rows == [("CA1", D(2020, 3, 1), D(2022, 1, 1)), ("CA2", D(2022, 1, 1), None)]
    counts = member_counts_by_organisation(D(2021, 12, 31)), member_counts_by_organisation(D(2022, 1, 1))
    ca1, ca2 = province["CA1"].pk, province["CA2"].pk
    assert (counts[0][ca1], counts[0][ca2]) == (4, 2)
    assert (counts[1][ca1], counts[1][ca2]) == (3, 3)
    event = MembershipEvent.objects.get(member=m, kind=EventKind.TRANSFER)
    assert (event.organisation, event.to_organisation) == (province["CA1"], province["CA2"])


def test_transfer_to_a_cell_outside_scope_is_refused(province: Any) -> None:
    m = _admit(province)
    with pytest.raises(PermissionDenied):
        services.member_transfer(
            actor=province.users["editor_a"], member=m, to_cell=province["CB1"], on=D(2022, 1, 1)
        )
    assert Placement.objects.filter(member=m, valid_to__isnull=True).count() == 1


def test_leaving_closes_the_placement_and_history_cannot_be_backdated(province: Any) -> None:
    m = _admit(province)
    services.member_exempt(actor=None, member=m, on=D(2023, 1, 1), reason="Sức khỏe yếu")
    with pytest.raises(DomainError, match="trước biến động"):
        services.member_remove(actor=None, member=m, on=D(2022, 6, 1), reason=EventKind.DEATH)
    services.member_remove(actor=None, member=m, on=D(2024, 5, 1), reason=EventKind.DEATH)
    assert m.left_on == D(2024, 5, 1)
    assert Placement.objects.get(member=m).valid_to == D(2024, 5, 1)
    with pytest.raises(DomainError, match="không còn sinh hoạt"):
        services.member_transfer(actor=None, member=m, to_cell=province["CA2"], on=D(2025, 1, 1))
    with pytest.raises(DomainError, match="nơi chuyển đến"):
        services.member_remove(
            actor=None,
            member=_admit(province, full_name="B"),
            on=D(2024, 1, 1),
            reason=EventKind.TRANSFER_OUT,
        )


def test_transfer_out_then_back_in(province: Any) -> None:
    m = _admit(province)
    services.member_remove(
        actor=None, member=m, on=D(2022, 1, 1), reason=EventKind.TRANSFER_OUT, destination="Hà Nội"
    )
    services.member_receive(actor=None, member=m, cell=province["CB1"], on=D(2023, 1, 1), came_from="Hà Nội")
    assert m.left_on is None and m.cell == province["CB1"]
    assert [e.kind for e in m.events.order_by("occurred_on")] == [
        EventKind.ADMISSION,
        EventKind.TRANSFER_OUT,
        EventKind.TRANSFER_IN,
    ]


def test_discipline_and_badge(province: Any) -> None:
    m = _admit(province, on=D(2000, 1, 1), birth_date=D(1970, 1, 1))
    services.member_discipline(actor=None, member=m, on=D(2019, 1, 1), outcome="Khiển trách")
    with pytest.raises(DomainError, match="chưa đủ"):
        services.member_award_badge(actor=None, member=m, on=D(2029, 11, 7), years=30)
    services.member_award_badge(actor=None, member=m, on=D(2030, 2, 3), years=30)
    with pytest.raises(DomainError, match="đã được trao"):
        services.member_award_badge(actor=None, member=m, on=D(2030, 5, 19), years=30)


def test_services_write_the_audit_trail_with_the_actor(province: Any) -> None:
    from auditlog.models import LogEntry

    editor = province.users["editor_a"]
    m = _admit(province, editor)
    entries = LogEntry.objects.filter(actor=editor)
    assert entries.filter(content_type__model="member", object_pk=str(m.pk)).exists()
    assert entries.filter(content_type__model="membershipevent").exists()
    assert all(e.additional_data["org_code"] == "CA1" for e in entries)
