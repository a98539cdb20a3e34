"""Writes for Quy định 213-QĐ/TW: which cells are agency cells, members' contact with their place of
residence, and the yearly comment from the residence (sent, come back, what it says).

Each service checks the actor edits at the member's (or the cell's) unit, writes in one audited transaction
and refuses with a Vietnamese message, having written nothing. Nothing is deleted: a contact is ended, an
agency mark closed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.core.errors import DomainError
from dangvu.members.models import AgencyCell, Member, ResidenceComment, ResidenceContact
from dangvu.members.services import _open_placement, _require_editor, _writing
from dangvu.organisations.models import Organisation


def _recorder(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def agency_cell_mark(*, actor: Any, cell: Organisation, since: dt.date, note: str = "") -> AgencyCell:
    """Mark `cell` as a cell of an agency, public service unit or enterprise from `since`."""
    if cell.kind not in ("grassroots_cell", "subordinate_cell"):
        raise DomainError(f"«{cell.name}» không phải chi bộ.", field="cell")
    with _writing(actor):
        _require_editor(actor, cell)
        if AgencyCell.objects.filter(organisation=cell, until__isnull=True).exists():
            raise DomainError(f"«{cell.name}» đã được đánh dấu là chi bộ cơ quan.", field="cell")
        return AgencyCell.objects.create(organisation=cell, since=since, note=note.strip())


def agency_cell_unmark(*, actor: Any, cell: Organisation, on: dt.date) -> AgencyCell:
    """The cell is no longer an agency cell from `on` (the mark is closed, not deleted)."""
    with _writing(actor):
        _require_editor(actor, cell)
        mark = AgencyCell.objects.filter(organisation=cell, until__isnull=True).first()
        if mark is None:
            raise DomainError(f"«{cell.name}» chưa được đánh dấu là chi bộ cơ quan.", field="cell")
        if on <= mark.since:
            raise DomainError(f"Ngày thôi phải sau ngày đánh dấu ({mark.since:%d/%m/%Y}).", field="on")
        mark.until = on
        mark.save(update_fields=["until"])
        return mark


def residence_contact_register(
    *,
    actor: Any,
    member: Member,
    since: dt.date,
    residence_unit: Organisation | None = None,
    residence_name: str = "",
) -> ResidenceContact:
    """The member is introduced to the Party organisation where they reside (a unit of the register, or a
    named place outside it); an earlier open contact ends on `since`."""
    name = " ".join((residence_name or (residence_unit.name if residence_unit else "")).split())
    if not name:
        raise DomainError("Cần chọn chi bộ hoặc ghi tên nơi cư trú.", field="residence_name")
    if since < member.admitted_on:
        raise DomainError(f"Ngày {since:%d/%m/%Y} trước ngày vào Đảng.", field="since")
    with _writing(actor):
        _require_editor(actor, _open_placement(member).organisation)
        previous = ResidenceContact.objects.filter(member=member, ended_on__isnull=True).first()
        if previous is not None:
            if since <= previous.since:
                raise DomainError(
                    f"Ngày {since:%d/%m/%Y} phải sau ngày liên hệ hiện có ({previous.since:%d/%m/%Y}).",
                    field="since",
                )
            previous.ended_on = since
            previous.save(update_fields=["ended_on"])
        return ResidenceContact.objects.create(
            member=member,
            residence_unit=residence_unit,
            residence_name=name,
            since=since,
            recorded_by=_recorder(actor),
        )


def residence_comment_send(
    *, actor: Any, contact: ResidenceContact, year: int, sent_on: dt.date
) -> ResidenceComment:
    """The cell asks the residence for its comment on the member for `year` (phiếu gửi đi)."""
    if contact.ended_on is not None:
        raise DomainError("Liên hệ với nơi cư trú này đã kết thúc.", field="contact")
    if not contact.since.year <= year <= sent_on.year:
        raise DomainError(f"Năm nhận xét {year} không hợp lệ.", field="year")
    with _writing(actor):
        _require_editor(actor, _open_placement(contact.member).organisation)
        if ResidenceComment.objects.filter(contact=contact, year=year).exists():
            raise DomainError(f"Đã gửi phiếu xin nhận xét năm {year}.", field="year")
        return ResidenceComment.objects.create(contact=contact, year=year, sent_on=sent_on)


def residence_comment_return(
    *, actor: Any, comment: ResidenceComment, returned_on: dt.date, assessment: str, content: str = ""
) -> ResidenceComment:
    """The residence's comment came back on `returned_on`, with its assessment and text."""
    if not assessment.strip():
        raise DomainError("Cần ghi đánh giá của nơi cư trú.", field="assessment")
    if returned_on < comment.sent_on:
        raise DomainError(f"Ngày nhận lại trước ngày gửi ({comment.sent_on:%d/%m/%Y}).", field="returned_on")
    with _writing(actor):
        _require_editor(actor, _open_placement(comment.contact.member).organisation)
        if comment.returned_on is not None:
            raise DomainError(f"Nhận xét năm {comment.year} đã được nhận lại.", field="returned_on")
        comment.returned_on = returned_on
        comment.assessment = assessment.strip()
        comment.content = content.strip()
        comment.save(update_fields=["returned_on", "assessment", "content"])
        return comment
