"""Pages of tasks: what needs attention across the user's scope, each unit's inbox, giving a task from a
conference or document, one task with its progress reports, the .xlsx export and import. Thin: forms in,
services write, refusals come back as the service's message."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, user_holds
from dangvu.assignments import selectors, services
from dangvu.assignments.export import tasks_xlsx
from dangvu.assignments.forms import ImportForm, ProgressForm, TaskForm
from dangvu.assignments.models import Task
from dangvu.assignments.reminders import reminders_for
from dangvu.assignments.status import State, Status
from dangvu.assignments.xlsx_import import tasks_import, template_write
from dangvu.core.errors import DomainError
from dangvu.core.versions import VERSION_FIELD, version_check, version_of
from dangvu.documents.forms import VoidForm, add_error, unit_by_code
from dangvu.meetings.selectors import meeting_for
from dangvu.organisations.forms import split_codes
from dangvu.organisations.models import Organisation


def _filters(request: HttpRequest) -> tuple[Organisation | None, str]:
    code = request.GET.get("org", "").strip()
    org = organisation_for(request.user, code) if code else None
    status = request.GET.get("status", "")
    return org, status if status in {s.value for s in Status} else ""


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    org, status = _filters(request)
    found = selectors.tasks_search(request.user, organisation=org, status=status)
    return render(
        request,
        "assignments/list.html",
        {
            "tasks": found,
            "org": org,
            "status": status,
            "statuses": list(Status),
            "attention": selectors.tasks_attention(request.user, organisation=org),
            "counts": selectors.status_counts(found),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def task_export(request: HttpRequest) -> HttpResponse:
    org, status = _filters(request)
    today = dt.date.today()
    found = selectors.tasks_search(request.user, organisation=org, status=status, limit=100_000)
    response = HttpResponse(
        tasks_xlsx(found, today),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{today:%Y%m%d}.xlsx"'
    return response


@login_required
def task_inbox(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code)
    tasks = selectors.tasks_inbox(request.user, org)
    return render(
        request, "assignments/inbox.html", {"org": org, "tasks": tasks, "reminders": reminders_for(org)}
    )


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    meeting = (
        meeting_for(request.user, int(request.GET["hoi_nghi"]))
        if request.GET.get("hoi_nghi", "").isdigit()
        else None
    )
    form = TaskForm(request.POST or None, initial={"organisation_code": request.GET.get("org", "")})
    if request.method == "POST" and form.is_valid():
        d, user = form.cleaned_data, request.user
        try:
            giver = (
                None
                if meeting
                else unit_by_code(user, d["organisation_code"], RoleLevel.EDITOR, field="organisation_code")
            )
            task = services.task_assign(
                actor=user,
                text=d["text"],
                organisation=giver,
                meeting=meeting,
                document=d["document"],
                lead=unit_by_code(user, d["lead_code"], field="lead_code") if d["lead_code"] else None,
                lead_name=d["lead_name"],
                supporting=[
                    unit_by_code(user, c, field="supporting_codes")
                    for c in split_codes(d["supporting_codes"])
                ],
                supporting_names=d["supporting_names"],
                deadline=d["deadline"],
            )
        except DomainError as e:
            add_error(form, e)
        else:
            messages.success(request, "Đã giao nhiệm vụ.")
            return redirect("assignments:detail", pk=task.pk)
    if meeting is not None:
        del form.fields["organisation_code"]
    title = f"Giao nhiệm vụ theo kết luận: {meeting.title}" if meeting else "Giao nhiệm vụ"
    return render(request, "documents/form.html", {"form": form, "title": title, "cancel_url": "/nhiem-vu/"})


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    live = task.voided_at is None
    return render(
        request,
        "assignments/detail.html",
        {
            "task": task,
            "can_report": live and services.may_report(request.user, task),
            "can_void": live and user_holds(request.user, task.organisation, RoleLevel.EDITOR),
            "progress_form": ProgressForm(initial={"state": task.state, "reported_on": dt.date.today()}),
            "void_form": VoidForm(),
            "version": version_of([task]),
        },
    )


@login_required
@require_POST
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("assignments:detail", pk=task.pk)
    d = form.cleaned_data
    try:
        with transaction.atomic():
            version_check(
                request.POST.get(VERSION_FIELD), Task.objects.filter(pk=task.pk), what="Nhiệm vụ này"
            )
            task.refresh_from_db()
            services.task_progress_record(
                actor=request.user,
                task=task,
                state=State(d["state"]),
                reported_on=d["reported_on"],
                note=d["note"],
                evidence=d["evidence"],
            )
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "Đã ghi báo cáo tiến độ.")
    return redirect("assignments:detail", pk=task.pk)


@login_required
@require_POST
def task_void(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    try:
        services.task_void(actor=request.user, task=task, reason=request.POST.get("reason", ""))
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "Đã hủy nhiệm vụ.")
    return redirect("assignments:detail", pk=task.pk)


UPLOADS = Path(tempfile.gettempdir()) / "dangvu-imports"


@login_required
def task_template(request: HttpRequest) -> HttpResponse:
    out = io.BytesIO()
    template_write(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-nhiem-vu.xlsx"'
    return response


@login_required
def task_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload, checked without writing (the preview). Step 2: confirm, written all at once."""
    ctx: dict[str, Any] = {"form": ImportForm()}
    if request.method == "POST" and request.POST.get("token"):
        try:
            path = UPLOADS / f"tasks-{request.user.pk}-{uuid.UUID(request.POST['token'])}.xlsx"
        except ValueError:
            raise Http404("Tệp không hợp lệ.") from None
        if not path.exists():
            raise Http404("Tệp đã hết hạn; hãy tải lên lại.")
        result = tasks_import(path, actor=request.user)
        path.unlink(missing_ok=True)
        if result.written or (result.ok and not result.created):
            messages.success(
                request, f"Đã giao {result.created} nhiệm vụ; {result.unchanged} đã có (bỏ qua)."
            )
            return redirect("assignments:list")
        ctx["result"] = result
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            UPLOADS.mkdir(exist_ok=True)
            token = uuid.uuid4()
            path = UPLOADS / f"tasks-{request.user.pk}-{token}.xlsx"
            with path.open("wb") as out:
                for chunk in form.cleaned_data["file"].chunks():
                    out.write(chunk)
            result = tasks_import(path, actor=request.user, dry_run=True)
            ctx.update(result=result, token=token if result.ok else None)
            if not result.ok:
                path.unlink(missing_ok=True)
        ctx["form"] = form
    return render(request, "assignments/import.html", ctx)
