"""Saving a reviewed proposal as records, through the same services as hand-entered ones.

Owns the mapping from a proposal (the gold.jsonl shape, as the review form left it) to a conference
(`meeting_record`, which cites every document reference), its chairs and other people
(`meeting_participant_add`), its figures and shortcomings (`meeting_figure_add`, `meeting_shortcoming_add`)
and its tasks (`task_assign`), all in one transaction: a refusal from any service leaves nothing
half-saved. The text read is kept with the conference (`meeting_source_keep`), with where each fact was
written in it, so the conference page can show every fact in its place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from dangvu.assignments.services import task_assign
from dangvu.core.errors import DomainError
from dangvu.meetings.kinds import BY_CODE, kind_from_reader
from dangvu.meetings.models import Meeting, ParticipantRole
from dangvu.meetings.services import (
    SOURCE_MARK_KINDS,
    meeting_figure_add,
    meeting_participant_add,
    meeting_record,
    meeting_shortcoming_add,
    meeting_source_keep,
)
from dangvu.organisations.models import Organisation


def _iso_date(value: Any, *, field: str, label: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(f"{label} không hợp lệ: «{value}» (cần dạng YYYY-MM-DD).", field=field) from None


def _reference(document: dict[str, Any]) -> str:
    """The reference as written, or one composed from its parts ("Chỉ thị số 05-CT/TW")."""
    if document.get("text"):
        return str(document["text"])
    symbol = "-".join(p for p in (document.get("number"), document.get("type")) if p)
    if document.get("issuer"):
        symbol += f"/{document['issuer']}"
    return f"{document.get('kind') or ''} số {symbol}".strip()


def _offsets(fact: Any, length: int) -> dict[str, int | None]:
    """The fact's offsets when they lie inside the kept text, else none."""
    start, end = (fact.get("start"), fact.get("end")) if isinstance(fact, dict) else (None, None)
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
        return {"start": start, "end": end}
    return {"start": None, "end": None}


def _marks(proposal: dict[str, Any], length: int) -> list[dict[str, Any]]:
    """Where the facts without a record of their own offsets were written: date, people, documents …"""
    event = proposal.get("event") or {}
    found = [{"kind": "date", "start": event.get("date_start"), "end": event.get("date_end")}]
    for kind in SOURCE_MARK_KINDS[1:]:
        found += [{"kind": kind, **_offsets(f, length)} for f in proposal.get(kind) or []]
    return [m for m in found if _offsets(m, length)["start"] is not None]


def _text(fact: Any) -> str:
    return str(fact.get("text") or "") if isinstance(fact, dict) else str(fact or "")


def proposal_save(
    *,
    actor: Any,
    organiser: Organisation,
    proposal: dict[str, Any],
    source: str = "",
    origin: str = "",
) -> Meeting:
    """Record the conference a proposal describes, with its people, documents, figures, shortcomings and
    tasks; `source` is the (normalised) text it was read from, into which the facts' offsets point."""
    event = proposal.get("event") or {}
    held_on = _iso_date(event.get("date"), field="event_date", label="Ngày hội nghị")
    if held_on is None:
        raise DomainError("Cần ngày hội nghị (YYYY-MM-DD) để lưu.", field="event_date")
    period = (event.get("period") or "").strip()
    kind = kind_from_reader(event.get("kind"), period or None)
    title = (proposal.get("title") or "").strip() or f"{BY_CODE[kind].label} ngày {held_on:%d/%m/%Y}"
    with transaction.atomic():
        meeting = meeting_record(
            actor=actor,
            organiser=organiser,
            kind=kind,
            title=title,
            held_on=held_on,
            venue=event.get("venue") or "",
            period=period,
            documents=[_reference(d) for d in proposal.get("documents") or []],
        )
        chair_names = {c["name"].casefold() for c in proposal.get("chairs") or []}
        people = [(ParticipantRole.CHAIR, c) for c in proposal.get("chairs") or []] + [
            (ParticipantRole.ATTENDEE, p)
            for p in proposal.get("people") or []
            if p["name"].casefold() not in chair_names
        ]
        for role, person in people:
            meeting_participant_add(
                actor=actor,
                meeting=meeting,
                role=role,
                full_name=person["name"],
                positions=person.get("positions") or [],
            )
        length = len(source) if source.strip() else 0
        if length:
            meeting_source_keep(
                actor=actor, meeting=meeting, text=source, origin=origin, marks=_marks(proposal, length)
            )
        for figure in proposal.get("figures") or []:
            meeting_figure_add(
                actor=actor,
                meeting=meeting,
                value=figure["value"],
                of=figure.get("of"),
                unit=figure.get("unit") or "",
                indicator=figure.get("indicator") or "",
                is_target=bool(figure.get("is_target")),
                forecast=figure.get("forecast") or "",
                approximate=bool(figure.get("approximate")),
                text=figure.get("text") or "",
                **_offsets(figure, length),
            )
        for shortcoming in proposal.get("limitations") or []:
            meeting_shortcoming_add(
                actor=actor, meeting=meeting, text=_text(shortcoming), **_offsets(shortcoming, length)
            )
        for task in proposal.get("tasks") or []:
            task_assign(
                actor=actor,
                text=task["text"],
                meeting=meeting,
                lead_name=task.get("assignee") or "",
                deadline=_iso_date(task.get("deadline"), field="task_deadline", label="Thời hạn"),
            )
    return meeting
