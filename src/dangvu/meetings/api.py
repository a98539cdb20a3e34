"""API of conferences: the same selectors and services as the pages (same scope, same 404s)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.meetings import selectors, services
from dangvu.meetings.models import Meeting, ParticipantRole

router = Router()


class PersonSeat(Schema):
    role: str
    name: str | None
    positions: list[str]
    unit: str | None


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    organiser_code: str
    held_on: dt.date
    starts_at: dt.time | None
    venue: str
    period: str
    conclusion: str
    documents: list[str]
    participants: list[PersonSeat]


class SeatIn(Schema):
    role: ParticipantRole = ParticipantRole.CHAIR
    full_name: str = ""
    positions: list[str] = []
    unit_name: str = ""


class MeetingIn(Schema):
    organiser_code: str
    kind: str
    title: str
    held_on: dt.date
    starts_at: dt.time | None = None
    venue: str = ""
    period: str = ""
    agenda: str = ""
    conclusion: str = ""
    documents: list[str] = []
    participants: list[SeatIn] = []


class ErrorOut(Schema):
    detail: str


def _out(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "title": m.title,
        "organiser_code": m.organiser.code,
        "held_on": m.held_on,
        "starts_at": m.starts_at,
        "venue": m.venue,
        "period": m.period,
        "conclusion": m.conclusion,
        "documents": [d.symbol for d in m.documents.all()],
        "participants": [
            {
                "role": p.role,
                "name": p.person.full_name if p.person else None,
                "positions": p.positions,
                "unit": p.organisation.name if p.organisation else (p.unit_name or None),
            }
            for p in m.participants.all()
        ],
    }


@router.get("", response=list[MeetingOut], summary="Hội nghị trong phạm vi")
def search(
    request: HttpRequest,
    q: str = "",
    org: str = "",
    kind: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[dict[str, Any]]:
    found = selectors.meetings_search(
        request.user, q=q, organiser_code=org, kind=kind, date_from=date_from, date_to=date_to
    )
    return [_out(selectors.meeting_for(request.user, m.pk)) for m in found[:100]]


@router.get("/{pk}", response=MeetingOut, summary="Một hội nghị")
def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(selectors.meeting_for(request.user, pk))


@router.post("", response={201: MeetingOut, 400: ErrorOut, 403: ErrorOut}, summary="Ghi hội nghị")
def record(request: HttpRequest, payload: MeetingIn) -> Any:
    organiser = organisation_for(request.user, payload.organiser_code, RoleLevel.EDITOR)
    try:
        meeting = services.meeting_record(
            actor=request.user,
            organiser=organiser,
            kind=payload.kind,
            title=payload.title,
            held_on=payload.held_on,
            starts_at=payload.starts_at,
            venue=payload.venue,
            period=payload.period,
            agenda=payload.agenda,
            conclusion=payload.conclusion,
            documents=payload.documents,
        )
        for seat in payload.participants:
            services.meeting_participant_add(
                actor=request.user,
                meeting=meeting,
                role=seat.role,
                full_name=seat.full_name,
                positions=seat.positions,
                unit_name=seat.unit_name,
            )
    except PermissionDenied as e:
        return Status(403, {"detail": e.message})
    except DomainError as e:
        return Status(400, {"detail": e.message})
    return Status(201, _out(selectors.meeting_for(request.user, meeting.pk)))
