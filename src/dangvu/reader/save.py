"""Saving a reviewed proposal as records, through the same services as hand-entered ones.

Owns the mapping from a proposal (the gold.jsonl shape, as the review form left it) to a conference
(`meeting_record`, which cites every document reference), its chairs and other people
(`meeting_participant_add`) and its tasks (`task_assign`), all in one transaction: a refusal from any
service leaves nothing half-saved. Figures and shortcomings have no register yet and are not saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from dangvu.assignments.services import task_assign
from dangvu.core.errors import DomainError
from dangvu.meetings.kinds import BY_CODE, kind_from_reader
from dangvu.meetings.models import Meeting, ParticipantRole
from dangvu.meetings.services import meeting_participant_add, meeting_record
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


def proposal_save(*, actor: Any, organiser: Organisation, proposal: dict[str, Any]) -> Meeting:
    """Record the conference a proposal describes, with its people, documents and tasks."""
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
        for task in proposal.get("tasks") or []:
            task_assign(
                actor=actor,
                text=task["text"],
                meeting=meeting,
                lead_name=task.get("assignee") or "",
                deadline=_iso_date(task.get("deadline"), field="task_deadline", label="Thời hạn"),
            )
    return meeting
