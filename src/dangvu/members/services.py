"""Writes to the members register: admission, confirmation, transfers, exemption, discipline, badges, leaving.

Each service checks that the actor may edit at the cell concerned (`accounts.selectors.user_holds`),
validates dates against the member's history (events come in date order; nothing is back-dated before
the last one), writes the event, keeps `Placement` rows right (a transfer closes one placement and opens
another; leaving closes it) and the member's summary fields, all in one transaction with django-auditlog's
actor set. A refusal raises a DomainError with a Vietnamese message, having written nothing.
`actor=None` is the system itself (CLI, demo).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from auditlog.context import set_actor
from django.db import IntegrityError, models, transaction

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.text import fold
from dangvu.members.models import (
    EarlyBadge,
    EventKind,
    Gender,
    Member,
    MembershipEvent,
    Placement,
    TheoryLevel,
)
from dangvu.members.rules import PROBATION_MONTHS, add_months, adult_on
from dangvu.organisations.models import Organisation


@contextlib.contextmanager
def _writing(actor: Any) -> Iterator[None]:
    with transaction.atomic():
        if actor is None:
            yield
        else:
            with set_actor(actor):
                yield


def _require_editor(actor: Any, org: Organisation) -> None:
    if actor is not None and not user_holds(actor, org, RoleLevel.EDITOR):
        raise PermissionDenied(f"Bạn không có quyền cập nhật đảng viên tại «{org.name}».")


def _require_cell(org: Organisation, on: dt.date) -> None:
    if org.kind not in ("grassroots_cell", "subordinate_cell"):
        raise DomainError(f"«{org.name}» không phải chi bộ: đảng viên sinh hoạt tại chi bộ.", field="cell")
    if org.established_on > on or (org.dissolved_on is not None and org.dissolved_on <= on):
        raise DomainError(f"Chi bộ «{org.name}» không hoạt động vào ngày {on:%d/%m/%Y}.", field="cell")


def _open_placement(member: Member) -> Placement:
    placement = Placement.objects.filter(member=member, valid_to__isnull=True).select_related("organisation")
    found = placement.first()
    if found is None or member.left_on is not None:
        raise DomainError(f"«{member.full_name}» không còn sinh hoạt trong đảng bộ.")
    return found


def _check_after_history(member: Member, on: dt.date) -> None:
    last = MembershipEvent.objects.filter(member=member).order_by("-occurred_on").first()
    floor = max(member.admitted_on, last.occurred_on if last else member.admitted_on)
    if on < floor:
        raise DomainError(
            f"Ngày {on:%d/%m/%Y} trước biến động gần nhất của «{member.full_name}» ({floor:%d/%m/%Y}).",
            field="on",
        )


def _event(actor: Any, member: Member, kind: EventKind, on: dt.date, **fields: Any) -> MembershipEvent:
    recorded_by = actor if getattr(actor, "pk", None) is not None else None
    return MembershipEvent.objects.create(
        member=member, kind=kind, occurred_on=on, recorded_by=recorded_by, **fields
    )


def _card(card_number: str | None) -> str | None:
    card = (card_number or "").strip()
    if not card:
        return None
    if not card.isdigit() or not 6 <= len(card) <= 12:
        raise DomainError(f"Số thẻ đảng viên «{card}» phải gồm 6–12 chữ số.", field="card_number")
    if Member.objects.filter(card_number=card).exists():
        raise DomainError(f"Số thẻ đảng viên {card} đã có trong sổ đảng viên.", field="card_number")
    return card


def member_admit(
    *,
    actor: Any,
    cell: Organisation,
    full_name: str,
    gender: Gender,
    birth_date: dt.date,
    ethnicity: str,
    admitted_on: dt.date,
    religion: str = "",
    home_town: str = "",
    education: str = "",
    profession: str = "",
    theory_level: TheoryLevel = TheoryLevel.NONE,
    identity_number: str = "",
    home_address: str = "",
    positions: str = "",
    card_number: str | None = None,
    decision: str = "",
) -> Member:
    """Kết nạp: a new probationary member, placed in `cell` from the day of the admission decision."""
    name = " ".join(full_name.split())
    if not name:
        raise DomainError("Cần ghi họ và tên.", field="full_name")
    if not adult_on(birth_date, admitted_on):
        raise DomainError("Người được kết nạp phải đủ 18 tuổi vào ngày kết nạp.", field="birth_date")
    with _writing(actor):
        _require_editor(actor, cell)
        _require_cell(cell, admitted_on)
        member = Member.objects.create(
            full_name=name,
            name_folded=fold(name),
            gender=gender,
            birth_date=birth_date,
            ethnicity=ethnicity.strip(),
            religion=religion.strip(),
            home_town=home_town.strip(),
            education=education.strip(),
            profession=profession.strip(),
            theory_level=theory_level,
            identity_number=identity_number.strip(),
            home_address=home_address.strip(),
            positions=positions.strip(),
            card_number=_card(card_number),
            admitted_on=admitted_on,
            admitted_at=cell.name,
            cell=cell,
        )
        Placement.objects.create(member=member, organisation=cell, valid_from=admitted_on)
        _event(actor, member, EventKind.ADMISSION, admitted_on, organisation=cell, decision=decision)
        return member


def member_confirm(*, actor: Any, member: Member, confirmed_on: dt.date, decision: str = "") -> Member:
    """Chuyển đảng chính thức, at the earliest when the 12 months of probation are over."""
    with _writing(actor):
        placement = _open_placement(member)
        _require_editor(actor, placement.organisation)
        if member.confirmed_on is not None:
            raise DomainError(f"«{member.full_name}» đã là đảng viên chính thức.")
        due = add_months(member.admitted_on, PROBATION_MONTHS)
        if confirmed_on < due:
            raise DomainError(f"Chưa hết 12 tháng dự bị: sớm nhất ngày {due:%d/%m/%Y}.", field="confirmed_on")
        _check_after_history(member, confirmed_on)
        _event(
            actor,
            member,
            EventKind.CONFIRMATION,
            confirmed_on,
            organisation=placement.organisation,
            decision=decision,
        )
        member.confirmed_on = confirmed_on
        member.save(update_fields=["confirmed_on"])
        return member


def _move(member: Member, placement: Placement, to: Organisation, on: dt.date) -> None:
    if placement.valid_from >= on:
        raise DomainError(
            f"Ngày chuyển {on:%d/%m/%Y} phải sau ngày bắt đầu sinh hoạt tại «{placement.organisation.name}» "
            f"({placement.valid_from:%d/%m/%Y}).",
            field="on",
        )
    placement.valid_to = on
    placement.save(update_fields=["valid_to"])
    Placement.objects.create(member=member, organisation=to, valid_from=on)
    member.cell = to
    member.save(update_fields=["cell"])


def member_transfer(
    *,
    actor: Any,
    member: Member,
    to_cell: Organisation,
    on: dt.date,
    temporary: bool = False,
    decision: str = "",
) -> Member:
    """Chuyển sinh hoạt between two cells of the register: the sending and receiving cells both in scope."""
    with _writing(actor):
        placement = _open_placement(member)
        source = placement.organisation
        _require_editor(actor, source)
        _require_editor(actor, to_cell)
        _require_cell(to_cell, on)
        if to_cell.pk == source.pk:
            raise DomainError("Chi bộ đến trùng với chi bộ đang sinh hoạt.", field="to_cell")
        _check_after_history(member, on)
        _move(member, placement, to_cell, on)
        _event(
            actor,
            member,
            EventKind.TRANSFER,
            on,
            organisation=source,
            to_organisation=to_cell,
            temporary=temporary,
            decision=decision,
        )
        return member


def member_receive(
    *, actor: Any, member: Member, cell: Organisation, on: dt.date, came_from: str, decision: str = ""
) -> Member:
    """Chuyển sinh hoạt đến: a member who had left (e.g. moved out of the province) is placed again."""
    with _writing(actor):
        _require_editor(actor, cell)
        _require_cell(cell, on)
        if member.left_on is None:
            raise DomainError(f"«{member.full_name}» đang sinh hoạt trong đảng bộ.")
        _check_after_history(member, on)
        Placement.objects.create(member=member, organisation=cell, valid_from=on)
        _event(
            actor,
            member,
            EventKind.TRANSFER_IN,
            on,
            to_organisation=cell,
            elsewhere=came_from,
            decision=decision,
        )
        member.left_on = None
        member.cell = cell
        member.save(update_fields=["left_on", "cell"])
        return member


#: Ways of leaving the rolls, each closing the member's placement.
LEAVING = (EventKind.TRANSFER_OUT, EventKind.REMOVAL, EventKind.EXPULSION, EventKind.DEATH)


def member_remove(
    *,
    actor: Any,
    member: Member,
    on: dt.date,
    reason: EventKind,
    decision: str = "",
    destination: str = "",
    note: str = "",
) -> Member:
    """The member leaves the rolls on `on`: transferred out, removed (xóa tên), expelled or deceased."""
    if reason not in LEAVING:
        raise DomainError("Lý do ra khỏi danh sách không hợp lệ.", field="reason")
    if reason == EventKind.TRANSFER_OUT and not destination.strip():
        raise DomainError("Cần ghi nơi chuyển đến.", field="destination")
    with _writing(actor):
        placement = _open_placement(member)
        _require_editor(actor, placement.organisation)
        _check_after_history(member, on)
        if placement.valid_from >= on:
            raise DomainError(
                f"Ngày {on:%d/%m/%Y} phải sau ngày bắt đầu sinh hoạt ({placement.valid_from:%d/%m/%Y}).",
                field="on",
            )
        placement.valid_to = on
        placement.save(update_fields=["valid_to"])
        _event(
            actor,
            member,
            reason,
            on,
            organisation=placement.organisation,
            elsewhere=destination.strip(),
            decision=decision,
            note=note,
        )
        member.left_on = on
        member.save(update_fields=["left_on"])
        return member


def member_exempt(*, actor: Any, member: Member, on: dt.date, reason: str, decision: str = "") -> Member:
    """Miễn công tác và sinh hoạt (old age, ill health): the member stays on the rolls of the cell."""
    with _writing(actor):
        placement = _open_placement(member)
        _require_editor(actor, placement.organisation)
        _check_after_history(member, on)
        _event(
            actor,
            member,
            EventKind.EXEMPTION,
            on,
            organisation=placement.organisation,
            note=reason,
            decision=decision,
        )
        return member


def member_discipline(
    *, actor: Any, member: Member, on: dt.date, outcome: str, decision: str = "", note: str = ""
) -> Member:
    """A discipline outcome (khiển trách, cảnh cáo, cách chức); expulsion is `member_remove(EXPULSION)`."""
    if not outcome.strip():
        raise DomainError("Cần ghi hình thức kỷ luật.", field="outcome")
    with _writing(actor):
        placement = _open_placement(member)
        _require_editor(actor, placement.organisation)
        _check_after_history(member, on)
        _event(
            actor,
            member,
            EventKind.DISCIPLINE,
            on,
            organisation=placement.organisation,
            outcome=outcome.strip(),
            decision=decision,
            note=note,
        )
        return member


def member_award_badge(*, actor: Any, member: Member, on: dt.date, years: int, decision: str = "") -> Member:
    """Trao Huy hiệu Đảng `years` năm tuổi Đảng; each badge once."""
    from dangvu.members.rules import BADGE_RULE

    if years not in BADGE_RULE.years:
        raise DomainError(f"Không có Huy hiệu {years} năm tuổi Đảng.", field="years")
    with _writing(actor):
        placement = _open_placement(member)
        _require_editor(actor, placement.organisation)
        if MembershipEvent.objects.filter(member=member, kind=EventKind.BADGE, badge_years=years).exists():
            raise DomainError(f"«{member.full_name}» đã được trao Huy hiệu {years} năm tuổi Đảng.")
        ill = seriously_ill_on(member, on)
        if add_months(member.admitted_on, 12 * years - BADGE_RULE.early_months(years, ill)) > on:
            raise DomainError(f"«{member.full_name}» chưa đủ {years} năm tuổi Đảng.", field="on")
        _event(
            actor,
            member,
            EventKind.BADGE,
            on,
            organisation=placement.organisation,
            badge_years=years,
            decision=decision,
        )
        return member


def seriously_ill_on(member: Member, on: dt.date) -> bool:
    """Whether an early presentation (seriously ill) applies to the member on `on`."""
    marks = EarlyBadge.objects.filter(member=member, recorded_on__lte=on)
    return marks.filter(models.Q(revoked_on__isnull=True) | models.Q(revoked_on__gt=on)).exists()


def member_mark_seriously_ill(*, actor: Any, member: Member, on: dt.date, reason: str) -> EarlyBadge:
    """The member is seriously ill from `on`: badges due within the rule's early months are listed and may
    be presented early (Hướng dẫn 01-HD/TW, mục 18)."""
    if not reason.strip():
        raise DomainError("Cần ghi lý do (tình trạng ốm nặng, căn cứ).", field="reason")
    with _writing(actor):
        placement = _open_placement(member)
        _require_editor(actor, placement.organisation)
        if seriously_ill_on(member, on):
            raise DomainError(f"«{member.full_name}» đã được ghi nhận trao huy hiệu sớm.", field="on")
        recorded_by = actor if getattr(actor, "pk", None) is not None else None
        return EarlyBadge.objects.create(
            member=member, recorded_on=on, reason=reason.strip(), recorded_by=recorded_by
        )


def member_unmark_seriously_ill(*, actor: Any, mark: EarlyBadge, on: dt.date) -> EarlyBadge:
    """Withdraw the early-presentation mark from `on` (kept, with the day it stopped applying)."""
    with _writing(actor):
        _require_editor(actor, _open_placement(mark.member).organisation)
        if mark.revoked_on is not None:
            raise DomainError("Ghi nhận này đã thôi áp dụng.")
        if on <= mark.recorded_on:
            raise DomainError(f"Ngày thôi áp dụng phải sau {mark.recorded_on:%d/%m/%Y}.", field="on")
        mark.revoked_on = on
        mark.save(update_fields=["revoked_on"])
        return mark


def member_update_card(*, actor: Any, member: Member, card_number: str) -> Member:
    """Record the member's party card number (unique in the register)."""
    with _writing(actor):
        if member.cell is not None:
            _require_editor(actor, member.cell)
        member.card_number = _card(card_number)
        try:
            with transaction.atomic():
                member.save(update_fields=["card_number"])
        except IntegrityError as e:
            raise DomainError("Số thẻ đảng viên đã có trong sổ.", field="card_number") from e
        return member
