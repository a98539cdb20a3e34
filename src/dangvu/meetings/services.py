"""Writes about conferences and the people in them. Each service checks that the actor edits the organiser,
writes in one transaction with the audit trail's actor set, and raises a DomainError (Vietnamese) otherwise.

People are matched by name within the registers the organiser works from (its own and those above it): a
person already known with one of the given positions, or the only person of that name, is reused;
otherwise a new person is recorded. Each position given for a day is recorded by the unit writing it (the
organiser, the steering body's unit) as held from that day, unless that unit or one above it already
recorded it then: a title is that unit's record, seen where its records are seen, never a sibling's.

A conference read from a text keeps that text (`meeting_source_keep`); its figures and shortcomings
(`meeting_figure_add`, `meeting_shortcoming_add`) and the other facts read may point at where they were
written in it (character offsets into the kept text, checked to lie inside it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.text import fold
from dangvu.documents.selectors import path_prefixes
from dangvu.documents.services import document_cite, writing
from dangvu.meetings.kinds import BY_CODE, period_problem
from dangvu.meetings.models import (
    Body,
    Contribution,
    Figure,
    Meeting,
    Participant,
    ParticipantRole,
    Person,
    PersonPosition,
    Shortcoming,
)
from dangvu.meetings.selectors import seen_from
from dangvu.organisations.models import Organisation


def require_editor(actor: Any, organisation: Organisation) -> None:
    if actor is not None and not user_holds(actor, organisation, RoleLevel.EDITOR):
        raise PermissionDenied(f"Bạn không có quyền cập nhật tại «{organisation.name}».")


def clean_positions(positions: Sequence[str] | str) -> list[str]:
    """Positions as a list: "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh" → two positions."""
    items = positions.replace(";", ",").split(",") if isinstance(positions, str) else list(positions)
    return [" ".join(p.split()) for p in items if p.strip()]


def _person_match(name: str, positions: list[str], home: Organisation) -> Person | None:
    """By name among the people `home` sees; the titles compared are only those `home` sees too, so a
    match never turns on what a sibling unit wrote."""
    folded = fold(name)
    seen = PersonPosition.objects.filter(seen_from([home.path], "recorded_by"))
    known = list(
        Person.objects.filter(seen_from([home.path], "home"), name_folded=folded).prefetch_related(
            Prefetch("positions", queryset=seen, to_attr="titles")
        )
    )
    wanted = {fold(p) for p in positions}
    with_position = [p for p in known if wanted & {fold(pp.title) for pp in p.titles}]
    if len(with_position) == 1:
        return with_position[0]
    return known[0] if len(known) == 1 else None


def person_record(
    *, actor: Any, full_name: str, positions: Sequence[str], on: dt.date, home: Organisation
) -> Person:
    """The person named, found or newly recorded, holding `positions` on `on` as `home` records it: `home`
    is the unit writing (the new person's home; the unit that keeps the titles)."""
    require_editor(actor, home)
    name = " ".join(full_name.split())
    if not name:
        raise DomainError("Cần họ và tên.", field="full_name")
    titles = clean_positions(positions)
    with writing(actor):
        person = _person_match(name, titles, home)
        if person is None:
            person = Person.objects.create(full_name=name, name_folded=fold(name), home=home)
        for title in titles:
            _position_hold(person, title, on, home)
        return person


def _position_hold(person: Person, title: str, on: dt.date, unit: Organisation) -> None:
    """`unit` records that `person` held `title` on `on`. Already known to `unit` or a unit above it (whose
    records everyone who reads `unit`'s reads too): nothing to add. Known to `unit` from a later day: it
    was held already on this one. Otherwise a new title of `unit`'s."""
    same = [
        p
        for p in person.positions.filter(recorded_by__path__in=path_prefixes(unit.path))
        if fold(p.title) == fold(title)
    ]
    if any(p.valid_from <= on and (p.valid_to is None or on < p.valid_to) for p in same):
        return
    later = [p for p in same if p.valid_from > on and p.recorded_by_id == unit.pk]
    if later:
        first = min(later, key=lambda p: p.valid_from)
        first.valid_from = on
        first.save(update_fields=["valid_from"])
        return
    PersonPosition.objects.create(person=person, title=title, valid_from=on, recorded_by=unit)


def positions_on(person: Person, on: dt.date) -> list[str]:
    return [
        p.title
        for p in person.positions.all()
        if p.valid_from <= on and (p.valid_to is None or on < p.valid_to)
    ]


def meeting_record(
    *,
    actor: Any,
    organiser: Organisation,
    kind: str,
    title: str,
    held_on: dt.date,
    starts_at: dt.time | None = None,
    venue: str = "",
    period: str = "",
    agenda: str = "",
    conclusion: str = "",
    documents: Sequence[str] = (),
    body: Body | None = None,
) -> Meeting:
    """Record a conference; `documents` are references as written ("Chỉ thị số 05-CT/TƯ"), each cited."""
    require_editor(actor, organiser)
    if kind not in BY_CODE:
        raise DomainError(f"Không có loại hội nghị «{kind}».", field="kind")
    if not title.strip():
        raise DomainError("Cần tên hội nghị.", field="title")
    problem = period_problem(kind, period.strip())
    if problem:
        raise DomainError(problem, field="period")
    if body is not None and body.organisation_id != organiser.pk:
        raise DomainError(f"«{body}» không thuộc «{organiser.name}».", field="body")
    if body is not None and (
        held_on < body.established_on or (body.dissolved_on is not None and held_on >= body.dissolved_on)
    ):
        raise DomainError(f"«{body}» không hoạt động vào ngày {held_on:%d/%m/%Y}.", field="body")
    if organiser.established_on > held_on or (organiser.dissolved_on and held_on >= organiser.dissolved_on):
        raise DomainError(f"«{organiser.name}» không hoạt động vào ngày {held_on:%d/%m/%Y}.", field="held_on")
    with writing(actor):
        meeting = Meeting.objects.create(
            kind=kind,
            title=" ".join(title.split()),
            organiser=organiser,
            body=body,
            held_on=held_on,
            starts_at=starts_at,
            venue=venue.strip(),
            period=period.strip().upper(),
            agenda=agenda.strip(),
            conclusion=conclusion.strip(),
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        for reference in documents:
            meeting_document_cite(actor=actor, meeting=meeting, reference=reference)
        return meeting


def _require_open(actor: Any, meeting: Meeting) -> None:
    require_editor(actor, meeting.organiser)
    if meeting.voided_at:
        raise DomainError("Hội nghị này đã bị hủy.")


def meeting_document_cite(*, actor: Any, meeting: Meeting, reference: str) -> Any:
    _require_open(actor, meeting)
    with writing(actor):
        try:
            doc = document_cite(actor=actor, reference=reference, organisation=meeting.organiser)
        except DomainError as e:
            raise DomainError(e.message, field="documents") from None
        meeting.documents.add(doc)
        return doc


def meeting_conclude(*, actor: Any, meeting: Meeting, conclusion: str) -> Meeting:
    """Record (or correct) the conference's conclusion (kết luận)."""
    _require_open(actor, meeting)
    if not conclusion.strip():
        raise DomainError("Cần nội dung kết luận.", field="conclusion")
    with writing(actor):
        meeting.conclusion = conclusion.strip()
        meeting.save(update_fields=["conclusion"])
    return meeting


def _speaker(actor: Any, meeting: Meeting, full_name: str, positions: Sequence[str] | str) -> Person | None:
    if not full_name.strip():
        return None
    return person_record(
        actor=actor,
        full_name=full_name,
        positions=clean_positions(positions),
        on=meeting.held_on,
        home=meeting.organiser,
    )


def meeting_participant_add(
    *,
    actor: Any,
    meeting: Meeting,
    role: ParticipantRole,
    full_name: str = "",
    positions: Sequence[str] | str = (),
    organisation: Organisation | None = None,
    unit_name: str = "",
) -> Participant:
    """A chair or attendee: a person (with the positions held that day) and/or a unit."""
    _require_open(actor, meeting)
    if not (full_name.strip() or organisation or unit_name.strip()):
        raise DomainError("Cần họ tên người dự hoặc đơn vị dự.", field="full_name")
    with writing(actor):
        person = _speaker(actor, meeting, full_name, positions)
        if person and meeting.participants.filter(person=person, role=role).exists():
            raise DomainError(f"{person} đã có trong danh sách {ParticipantRole(role).label.lower()}.")
        return Participant.objects.create(
            meeting=meeting,
            role=role,
            person=person,
            positions=clean_positions(positions) if person else [],
            organisation=organisation,
            unit_name=unit_name.strip(),
        )


def meeting_contribution_add(
    *,
    actor: Any,
    meeting: Meeting,
    topic: str,
    summary: str = "",
    full_name: str = "",
    positions: Sequence[str] | str = (),
    organisation: Organisation | None = None,
    unit_name: str = "",
) -> Contribution:
    """Who spoke (a person and/or a unit) and on what."""
    _require_open(actor, meeting)
    if not topic.strip():
        raise DomainError("Cần nội dung ý kiến.", field="topic")
    if not (full_name.strip() or organisation or unit_name.strip()):
        raise DomainError("Cần người hoặc đơn vị phát biểu.", field="full_name")
    with writing(actor):
        return Contribution.objects.create(
            meeting=meeting,
            person=_speaker(actor, meeting, full_name, positions),
            organisation=organisation,
            unit_name=unit_name.strip(),
            topic=topic.strip(),
            summary=summary.strip(),
        )


def meeting_void(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    """Void a conference recorded in error; its tasks stay, and still say where they came from."""
    _require_open(actor, meeting)
    if not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", field="reason")
    with writing(actor):
        meeting.voided_at = timezone.now()
        meeting.void_reason = reason.strip()
        meeting.save(update_fields=["voided_at", "void_reason"])
    return meeting


SOURCE_MARK_KINDS = ("date", "chairs", "people", "documents", "deadlines", "tasks")


def _span(meeting: Meeting, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """Offsets into the conference's source text, or (None, None); a DomainError when they cannot be."""
    if start is None and end is None:
        return None, None
    if start is None or end is None or not 0 <= start < end <= len(meeting.source_text):
        raise DomainError("Vị trí trong văn bản nguồn không hợp lệ.", field="start")
    return start, end


def meeting_source_keep(
    *, actor: Any, meeting: Meeting, text: str, origin: str, marks: Sequence[Mapping[str, Any]] = ()
) -> Meeting:
    """Keep the text a conference was read from, where it came from ("tệp bao-cao.docx", "văn bản dán"),
    and `marks`: where the facts not recorded with their own offsets were written
    ({"kind": one of SOURCE_MARK_KINDS, "start", "end"}); marks that do not fit the text are dropped."""
    _require_open(actor, meeting)
    if not text.strip():
        raise DomainError("Văn bản nguồn trống.", field="source_text")
    kept = []
    for mark in marks:
        start, end, kind = mark.get("start"), mark.get("end"), mark.get("kind")
        fits = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if kind in SOURCE_MARK_KINDS and fits:
            kept.append({"kind": kind, "start": start, "end": end})
    with writing(actor):
        meeting.source_text = text
        meeting.source_origin = " ".join(origin.split())[:255]
        meeting.source_marks = kept
        meeting.save(update_fields=["source_text", "source_origin", "source_marks"])
    return meeting


def _decimal(value: Any, *, field: str, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise DomainError(f"{label} không phải là số: «{value}».", field=field) from None
    if not number.is_finite() or abs(number) >= Decimal("1e16"):
        raise DomainError(f"{label} không hợp lệ: «{value}».", field=field)
    return number


def meeting_figure_add(
    *,
    actor: Any,
    meeting: Meeting,
    value: Decimal | float | int | str,
    unit: str = "",
    of: Decimal | float | int | str | None = None,
    indicator: str = "",
    is_target: bool = False,
    forecast: str = "",
    approximate: bool = False,
    text: str = "",
    start: int | None = None,
    end: int | None = None,
) -> Figure:
    """A figure the conference states: `value` (of `of` for "16/35"), its unit and what it counts."""
    _require_open(actor, meeting)
    number = _decimal(value, field="value", label="Số liệu")
    if number is None:
        raise DomainError("Cần giá trị số liệu.", field="value")
    whole = _decimal(of, field="of", label="Tổng số")
    if whole is not None and whole <= 0:
        raise DomainError("Tổng số phải lớn hơn 0.", field="of")
    start, end = _span(meeting, start, end)
    with writing(actor):
        return Figure.objects.create(
            meeting=meeting,
            value=number,
            of=whole,
            unit=" ".join(unit.split())[:64],
            indicator=" ".join(indicator.split())[:255],
            is_target=is_target,
            forecast=" ".join(forecast.split())[:255],
            approximate=approximate,
            text=" ".join(text.split())[:500],
            start=start,
            end=end,
        )


def meeting_shortcoming_add(
    *, actor: Any, meeting: Meeting, text: str, start: int | None = None, end: int | None = None
) -> Shortcoming:
    """A shortcoming (hạn chế) the conference states, as written."""
    _require_open(actor, meeting)
    clean = " ".join(text.split())
    if not clean:
        raise DomainError("Cần nội dung hạn chế.", field="text")
    start, end = _span(meeting, start, end)
    with writing(actor):
        return Shortcoming.objects.create(meeting=meeting, text=clean, start=start, end=end)


def person_member_link(*, actor: Any, person: Person, card_number: str) -> Person:
    """Link a cadre to their record in the member register, found by party card number within the
    actor's scope (the same 404-as-missing rule: an unseen member is "not found")."""
    from dangvu.members.models import Member  # members does not depend on meetings
    from dangvu.members.selectors import member_for

    require_editor(actor, person.home)
    card = card_number.strip()
    found = Member.objects.filter(card_number=card).first() if card else None
    try:
        member = member_for(actor, found.pk) if found is not None and actor is not None else found
    except Http404:  # not in the actor's scope
        member = None
    if member is None:
        raise DomainError(
            f"Không tìm thấy đảng viên có số thẻ «{card}» trong phạm vi của bạn.", field="card_number"
        )
    if Person.objects.filter(member=member).exclude(pk=person.pk).exists():
        raise DomainError(f"Đảng viên {member.full_name} đã gắn với một cán bộ khác.", field="card_number")
    with writing(actor):
        person.member = member
        person.save(update_fields=["member"])
    return person
