"""API of conferences: the same selectors and services as the pages (same scope, same 404s)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.meetings import bodies, oversight, selectors, services
from dangvu.meetings.models import Body, Meeting, ParticipantRole

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
    body_id: int | None = None


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
    body_id: int | None = None


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
        "body_id": m.body_id,
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


@router.get("/{int:pk}", response=MeetingOut, summary="Một hội nghị")
def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(selectors.meeting_for(request.user, pk))


@router.post("", response={201: MeetingOut, 400: ErrorOut, 403: ErrorOut}, summary="Ghi hội nghị")
def record(request: HttpRequest, payload: MeetingIn) -> Any:
    organiser = organisation_for(request.user, payload.organiser_code, RoleLevel.EDITOR)
    body = None
    if payload.body_id is not None:  # a body outside the user's editor scope: 404, as any id of theirs
        body = get_object_or_404(oversight.bodies_visible(request.user, RoleLevel.EDITOR), pk=payload.body_id)
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
            body=body,
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


class SeatOut(Schema):
    id: int
    person_id: int
    name: str
    role: str
    valid_from: dt.date
    valid_to: dt.date | None


class OversightOut(Schema):
    id: int
    organisation_code: str
    person_id: int | None
    agency: str
    valid_from: dt.date
    valid_to: dt.date | None


class BodyOut(Schema):
    id: int
    name: str
    organisation_code: str
    established_on: dt.date
    document: str | None
    members: list[SeatOut]
    oversights: list[OversightOut]


class BodyIn(Schema):
    organisation_code: str
    name: str
    established_on: dt.date
    document: str = ""


class SeatIn2(Schema):
    full_name: str
    role: str = "Thành viên"
    positions: list[str] = []
    valid_from: dt.date


class OversightIn(Schema):
    organisation_code: str
    valid_from: dt.date
    person_id: int | None = None
    agency: str = ""


class OverseenOut(Schema):
    organisation_code: str
    name: str
    since: dt.date
    members: float | None
    admissions: float | None
    admission_target: float | None
    overdue_tasks: int


def _body_out(b: Body) -> dict[str, Any]:
    return {
        "id": b.pk,
        "name": b.name,
        "organisation_code": b.organisation.code,
        "established_on": b.established_on,
        "document": b.established_by.symbol if b.established_by else None,
        "members": [
            {
                "id": s.pk,
                "person_id": s.person_id,
                "name": s.person.full_name,
                "role": s.role,
                "valid_from": s.valid_from,
                "valid_to": s.valid_to,
            }
            for s in b.members.all()
        ],
        "oversights": [
            {
                "id": o.pk,
                "organisation_code": o.organisation.code,
                "person_id": o.person_id,
                "agency": o.agency,
                "valid_from": o.valid_from,
                "valid_to": o.valid_to,
            }
            for o in b.oversights.all()
        ],
    }


def _refusal(e: DomainError) -> Any:
    return Status(403 if isinstance(e, PermissionDenied) else 400, {"detail": e.message})


@router.get("/bodies", response=list[BodyOut], summary="Ban Chỉ đạo trong phạm vi")
def bodies_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        _body_out(oversight.body_for(request.user, b.pk))
        for b in oversight.bodies_visible(request.user)[:200]
    ]


@router.get("/bodies/{int:pk}", response=BodyOut, summary="Một Ban Chỉ đạo")
def body_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _body_out(oversight.body_for(request.user, pk))


@router.post(
    "/bodies", response={201: BodyOut, 400: ErrorOut, 403: ErrorOut}, summary="Thành lập Ban Chỉ đạo"
)
def body_establish(request: HttpRequest, payload: BodyIn) -> Any:
    org = organisation_for(request.user, payload.organisation_code, RoleLevel.EDITOR)
    try:
        body = bodies.body_establish(
            actor=request.user,
            organisation=org,
            name=payload.name,
            established_on=payload.established_on,
            document=payload.document,
        )
    except DomainError as e:
        return _refusal(e)
    return Status(201, _body_out(oversight.body_for(request.user, body.pk)))


@router.post(
    "/bodies/{int:pk}/members",
    response={201: BodyOut, 400: ErrorOut, 403: ErrorOut},
    summary="Thêm thành viên Ban",
)
def body_member_add(request: HttpRequest, pk: int, payload: SeatIn2) -> Any:
    body = oversight.body_for(request.user, pk)
    try:
        bodies.body_member_add(
            actor=request.user,
            body=body,
            full_name=payload.full_name,
            role=payload.role,
            valid_from=payload.valid_from,
            positions=payload.positions,
        )
    except DomainError as e:
        return _refusal(e)
    return Status(201, _body_out(oversight.body_for(request.user, pk)))


@router.post(
    "/bodies/{int:pk}/oversights",
    response={201: BodyOut, 400: ErrorOut, 403: ErrorOut},
    summary="Phân công phụ trách đơn vị",
)
def oversight_assign(request: HttpRequest, pk: int, payload: OversightIn) -> Any:
    body = oversight.body_for(request.user, pk)
    person = next((s.person for s in body.members.all() if s.person_id == payload.person_id), None)
    if payload.person_id is not None and person is None:
        return Status(400, {"detail": "Người này không là thành viên Ban."})
    try:
        bodies.oversight_assign(
            actor=request.user,
            body=body,
            organisation=organisation_for(request.user, payload.organisation_code),
            valid_from=payload.valid_from,
            person=person,
            agency=payload.agency,
        )
    except DomainError as e:
        return _refusal(e)
    return Status(201, _body_out(oversight.body_for(request.user, pk)))


@router.get(
    "/bodies/{int:pk}/overseen", response=list[OverseenOut], summary="Số liệu địa bàn một người phụ trách"
)
def overseen(
    request: HttpRequest, pk: int, person_id: int | None = None, agency: str = ""
) -> list[dict[str, Any]]:
    body = oversight.body_for(request.user, pk)
    person = next((s.person for s in body.members.all() if s.person_id == person_id), None)
    units = (
        oversight.overseer_units(request.user, body, person=person, agency=agency) if person or agency else []
    )
    return [
        {
            "organisation_code": u.organisation.code,
            "name": u.organisation.name,
            "since": u.since,
            "members": u.members,
            "admissions": u.admissions,
            "admission_target": u.admission_target,
            "overdue_tasks": u.overdue_tasks,
        }
        for u in units
    ]
