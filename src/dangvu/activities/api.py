"""API of activities: registers, the coverage / plan-vs-done / meeting reports of a sub-tree, and recording a
cell meeting or an inspection; the same selectors and services as the pages (same scope, same 404s)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for
from dangvu.activities import selectors, services
from dangvu.activities.models import CellMeeting, Inspection, Mode
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.periods import Period

router = Router()


class ErrorOut(Schema):
    detail: str


class CellMeetingIn(Schema):
    cell: str
    held_on: dt.date
    kind: str
    expected: int
    present: int
    absent_excused: int = 0
    absent_unexcused: int = 0
    topic: str = ""
    chair: str = ""
    quality: str = ""


class CellMeetingOut(Schema):
    id: int
    cell: str
    held_on: dt.date
    kind: str
    topic: str
    expected: int
    present: int
    absent_excused: int
    absent_unexcused: int
    chair: str
    quality: str


class InspectionOut(Schema):
    id: int
    mode: str
    kind: str
    conductor: str
    subject_organisation: str | None
    subject_member_id: int | None
    topic: str
    started_on: dt.date
    ended_on: dt.date | None
    conclusion: str


class CoverageGroupOut(Schema):
    kind: str
    label: str
    done: list[str]
    not_done: list[str]


class CoverageOut(Schema):
    sentence: str
    groups: list[CoverageGroupOut]


class PlanRowOut(Schema):
    organisation: str
    inspections_planned: int
    inspections_done: int
    supervisions_planned: int
    supervisions_done: int


class CellGapsOut(Schema):
    cell: str
    months_missed: list[str]
    quarters_missed: list[str]
    meetings: int
    attendance: float | None


def _meeting(m: CellMeeting) -> dict[str, Any]:
    fields = ("id", "held_on", "kind", "topic", "expected", "present", "absent_excused", "absent_unexcused")
    return {**{f: getattr(m, f) for f in fields}, "cell": m.cell.code, "chair": m.chair, "quality": m.quality}


def _inspection(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk,
        "mode": i.mode,
        "kind": i.kind,
        "conductor": i.conductor.code,
        "subject_organisation": i.subject_organisation.code if i.subject_organisation else None,
        "subject_member_id": i.subject_member_id,
        "topic": i.topic,
        "started_on": i.started_on,
        "ended_on": i.ended_on,
        "conclusion": i.conclusion,
    }


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except DomainError:
        return Period.parse(str(dt.date.today().year))


@router.get("/cell-meetings", response=list[CellMeetingOut], summary="Sinh hoạt chi bộ trong phạm vi")
def cell_meetings(request: HttpRequest, org: str = "") -> list[dict[str, Any]]:
    qs = selectors.cell_meetings_visible(request.user)
    if org:
        qs = selectors.under(qs, organisation_for(request.user, org), "cell")
    return [_meeting(m) for m in qs[:1000]]


@router.post(
    "/cell-meetings",
    response={201: CellMeetingOut, 400: ErrorOut, 403: ErrorOut},
    summary="Ghi một buổi sinh hoạt chi bộ",
)
def cell_meeting_create(request: HttpRequest, payload: CellMeetingIn) -> Any:
    cell = organisation_for(request.user, payload.cell)
    try:
        m = services.cell_meeting_record(actor=request.user, cell=cell, **payload.dict(exclude={"cell"}))
    except PermissionDenied as e:
        return Reply(403, {"detail": e.message})
    except DomainError as e:
        return Reply(400, {"detail": e.message})
    return Reply(201, _meeting(m))


@router.get("/inspections", response=list[InspectionOut], summary="Kiểm tra, giám sát trong phạm vi")
def inspections(request: HttpRequest, org: str = "") -> list[dict[str, Any]]:
    qs = selectors.inspections_visible(request.user)
    if org:
        qs = selectors.under(qs, organisation_for(request.user, org), "conductor")
    return [_inspection(i) for i in qs[:1000]]


@router.get("/inspections/{pk}", response=InspectionOut, summary="Một cuộc kiểm tra, giám sát")
def inspection(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _inspection(selectors.one_for(selectors.inspections_visible(request.user), pk))


@router.get("/coverage/{code}", response=CoverageOut, summary="Đơn vị đã / chưa kiểm tra, giám sát")
def coverage(
    request: HttpRequest, code: str, period: str = "", mode: Mode = Mode.SUPERVISION
) -> dict[str, Any]:
    cov = selectors.coverage(organisation_for(request.user, code), _period(period), mode)
    return {
        "sentence": cov.sentence,
        "groups": [
            {
                "kind": g.kind.value,
                "label": g.label,
                "done": [u.code for u in g.done],
                "not_done": [u.code for u in g.not_done],
            }
            for g in cov.groups
        ],
    }


@router.get(
    "/plans/{code}",
    response=list[PlanRowOut],
    summary="Chương trình kiểm tra, giám sát: kế hoạch và thực hiện",
)
def plans(request: HttpRequest, code: str, year: int) -> list[dict[str, Any]]:
    rows = selectors.plan_vs_done(organisation_for(request.user, code), year)
    return [{**r.__dict__, "organisation": r.organisation.code} for r in rows]


@router.get(
    "/meeting-gaps/{code}", response=list[CellGapsOut], summary="Chi bộ thiếu sinh hoạt theo quy định"
)
def meeting_gaps(request: HttpRequest, code: str, period: str = "") -> list[dict[str, Any]]:
    report = selectors.meeting_report(organisation_for(request.user, code, RoleLevel.VIEWER), _period(period))
    return [
        {
            "cell": r.cell.code,
            "months_missed": [f"{y}-{m:02d}" for y, m in r.gaps.months_missed],
            "quarters_missed": [f"{y}-Q{q}" for y, q in r.gaps.quarters_missed],
            "meetings": r.attendance.meetings,
            "attendance": r.attendance.rate,
        }
        for r in report.rows
    ]
