"""Writes about tasks: assign, record progress, void. Each is one audited transaction with role checks.

The unit that gives a task (its conference's organiser, or the unit whose document gives it) must be
edited by the actor; progress is recorded by an editor of the lead unit (chủ trì) or of the giving unit.
A task done is reported with its evidence (minh chứng); whether it was on time is computed, not typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.assignments.models import ProgressUpdate, Task
from dangvu.assignments.status import State
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.documents.models import Document
from dangvu.documents.services import document_cite, writing
from dangvu.meetings.models import Meeting
from dangvu.meetings.services import require_editor
from dangvu.organisations.models import Organisation


def task_assign(
    *,
    actor: Any,
    text: str,
    organisation: Organisation | None = None,
    meeting: Meeting | None = None,
    document: Document | str | None = None,
    lead: Organisation | None = None,
    lead_name: str = "",
    supporting: Sequence[Organisation] = (),
    supporting_names: str = "",
    deadline: dt.date | None = None,
    assigned_on: dt.date | None = None,
) -> Task:
    """A task from a conference's conclusion (`meeting`) or from a document, given by `organisation`."""
    giver = organisation or (meeting.organiser if meeting else None)
    if giver is None:
        raise DomainError("Cần đơn vị giao nhiệm vụ.", field="organisation")
    require_editor(actor, giver)
    if meeting is not None and (meeting.organiser_id != giver.pk or meeting.voided_at):
        raise DomainError(f"Hội nghị «{meeting.title}» không phải của «{giver.name}».", field="meeting")
    if not text.strip():
        raise DomainError("Cần nội dung nhiệm vụ.", field="text")
    if lead is None and not lead_name.strip():
        raise DomainError("Cần đơn vị chủ trì.", field="lead")
    if lead is not None and lead in supporting:
        raise DomainError(
            f"«{lead.name}» đã là đơn vị chủ trì, không đồng thời phối hợp.", field="supporting"
        )
    given = assigned_on or (meeting.held_on if meeting else dt.date.today())
    if deadline is not None and deadline < given:
        raise DomainError(
            f"Thời hạn {deadline:%d/%m/%Y} trước ngày giao nhiệm vụ {given:%d/%m/%Y}.", field="deadline"
        )
    with writing(actor):
        if isinstance(document, str):
            document = (
                document_cite(actor=actor, reference=document, organisation=giver)
                if document.strip()
                else None
            )
        task = Task.objects.create(
            organisation=giver,
            meeting=meeting,
            document=document,
            text=" ".join(text.split()),
            lead=lead,
            lead_name="" if lead else lead_name.strip(),
            supporting_names=supporting_names.strip(),
            assigned_on=given,
            deadline=deadline,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if supporting:
            task.supporting.set(supporting)
        return task


def may_report(actor: Any, task: Task) -> bool:
    if actor is None:
        return True
    units = [task.organisation] + ([task.lead] if task.lead else [])
    return any(user_holds(actor, u, RoleLevel.EDITOR) for u in units)


def task_progress_record(
    *,
    actor: Any,
    task: Task,
    state: State,
    reported_on: dt.date | None = None,
    note: str = "",
    evidence: str = "",
) -> ProgressUpdate:
    """A progress report; `State.DONE` needs evidence and sets the day the task was done."""
    if not may_report(actor, task):
        raise PermissionDenied("Chỉ đơn vị chủ trì hoặc đơn vị giao nhiệm vụ được báo cáo tiến độ.")
    if task.voided_at:
        raise DomainError("Nhiệm vụ này đã bị hủy.")
    day = reported_on or dt.date.today()
    if day < task.assigned_on:
        raise DomainError(
            f"Ngày báo cáo trước ngày giao nhiệm vụ ({task.assigned_on:%d/%m/%Y}).", field="reported_on"
        )
    if day > dt.date.today():
        raise DomainError("Ngày báo cáo không thể ở tương lai.", field="reported_on")
    state = State(state)
    if state is State.DONE and not evidence.strip():
        raise DomainError(
            "Báo cáo hoàn thành cần minh chứng (văn bản, sản phẩm, kết quả cụ thể).", field="evidence"
        )
    if not (note.strip() or evidence.strip()) and state.value == task.state:
        raise DomainError("Cần nội dung báo cáo.", field="note")
    with writing(actor):
        update = ProgressUpdate.objects.create(
            task=task,
            reported_on=day,
            state=state,
            note=note.strip(),
            evidence=evidence.strip(),
            reported_by=actor if getattr(actor, "pk", None) else None,
        )
        task.state = state
        if state is State.DONE and task.completed_on is None:
            task.completed_on = day
        if state is not State.DONE:
            task.completed_on = None
        task.save(update_fields=["state", "completed_on"])
        return update


def task_void(*, actor: Any, task: Task, reason: str) -> Task:
    """Void a task given in error (its updates stay)."""
    require_editor(actor, task.organisation)
    if not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", field="reason")
    if task.voided_at:
        raise DomainError("Nhiệm vụ này đã bị hủy.")
    with writing(actor):
        task.voided_at = timezone.now()
        task.void_reason = reason.strip()
        task.save(update_fields=["voided_at", "void_reason"])
    return task
