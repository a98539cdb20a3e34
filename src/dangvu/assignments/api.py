"""API of tasks: lists, a unit's inbox, attention (overdue, due soon), progress reports; the same
selectors and services as the pages (same scope, same 404s)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply

from dangvu.accounts.selectors import organisation_for
from dangvu.assignments import selectors, services
from dangvu.assignments.models import Task
from dangvu.assignments.status import State, Status
from dangvu.core.errors import DomainError, PermissionDenied

router = Router()


class TaskOut(Schema):
    id: int
    text: str
    organisation_code: str
    meeting_id: int | None
    document: str | None
    lead_code: str | None
    lead: str
    supporting_codes: list[str]
    assigned_on: dt.date
    deadline: dt.date | None
    state: str
    status: Status
    completed_on: dt.date | None


class ProgressIn(Schema):
    state: State
    reported_on: dt.date | None = None
    note: str = ""
    evidence: str = ""


class ErrorOut(Schema):
    detail: str


def _out(t: Task) -> dict[str, Any]:
    return {
        "id": t.pk,
        "text": t.text,
        "organisation_code": t.organisation.code,
        "meeting_id": t.meeting_id,
        "document": t.document.symbol if t.document else None,
        "lead_code": t.lead.code if t.lead else None,
        "lead": t.lead_label,
        "supporting_codes": [o.code for o in t.supporting.all()],
        "assigned_on": t.assigned_on,
        "deadline": t.deadline,
        "state": t.state,
        "status": t.status,
        "completed_on": t.completed_on,
    }


@router.get("", response=list[TaskOut], summary="Nhiệm vụ trong phạm vi (lọc theo đơn vị và tình trạng)")
def search(request: HttpRequest, org: str = "", status: Status | None = None) -> list[dict[str, Any]]:
    unit = organisation_for(request.user, org) if org else None
    return [_out(t) for t in selectors.tasks_search(request.user, organisation=unit, status=status or "")]


@router.get("/attention", response=dict[str, list[TaskOut]], summary="Nhiệm vụ quá hạn và sắp đến hạn")
def attention(request: HttpRequest, org: str = "") -> dict[str, list[dict[str, Any]]]:
    unit = organisation_for(request.user, org) if org else None
    found = selectors.tasks_attention(request.user, organisation=unit)
    return {key: [_out(t) for t in tasks] for key, tasks in found.items()}


@router.get("/inbox/{code}", response=list[TaskOut], summary="Nhiệm vụ của một đơn vị (chủ trì, phối hợp)")
def inbox(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    return [_out(t) for t in selectors.tasks_inbox(request.user, organisation_for(request.user, code))]


@router.get("/{pk}", response=TaskOut, summary="Một nhiệm vụ")
def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(selectors.task_for(request.user, pk))


@router.post(
    "/{pk}/progress", response={201: TaskOut, 400: ErrorOut, 403: ErrorOut}, summary="Báo cáo tiến độ"
)
def progress(request: HttpRequest, pk: int, payload: ProgressIn) -> Any:
    task = selectors.task_for(request.user, pk)
    try:
        services.task_progress_record(
            actor=request.user,
            task=task,
            state=payload.state,
            reported_on=payload.reported_on,
            note=payload.note,
            evidence=payload.evidence,
        )
    except PermissionDenied as e:
        return Reply(403, {"detail": e.message})
    except DomainError as e:
        return Reply(400, {"detail": e.message})
    return Reply(201, _out(selectors.task_for(request.user, pk)))
