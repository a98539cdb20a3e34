"""Pages of background jobs: my jobs (and, for administrators, their sub-tree's), one job with its progress
bar refreshed by htmx, the result's download (404 to anyone who may not see the job's unit), and the two
buttons of the job's page: cancel ("Hủy") and run again ("Chạy lại"), for who asked or an administrator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.core.errors import DomainError
from dangvu.jobs import services
from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.registry import kind_rerunnable
from dangvu.jobs.retention import result_days
from dangvu.jobs.selectors import (
    job_for,
    job_managed_for,
    job_may_manage,
    jobs_visible,
    worker_seen_recently,
)


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(jobs_visible(request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "jobs/list.html", {"page": page})


def _status_context(request: HttpRequest, job: Job) -> dict[str, Any]:
    return {
        "job": job,
        "may_manage": job_may_manage(request.user, job),
        "rerunnable": kind_rerunnable(job.kind),
        "worker_alive": job.status != JobStatus.QUEUED or worker_seen_recently(),
        "result_days": result_days(),
    }


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for(request.user, pk)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, _status_context(request, job))


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = job_for(request.user, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("Việc chưa có tệp kết quả, hoặc tệp đã hết hạn.")
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or "ket-qua")


@login_required
@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_managed_for(request.user, pk)
    try:
        row = services.job_cancel(actor=request.user, job=job)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        if row.status == JobStatus.CANCELLED:
            messages.success(request, f"Đã hủy việc #{row.pk}; việc sẽ không chạy.")
        else:
            messages.success(
                request,
                f"Đã yêu cầu dừng việc #{row.pk}; máy chạy việc sẽ dừng ở bước kế tiếp "
                "và hoàn tác phần đang làm.",
            )
    return redirect("jobs:detail", pk)


@login_required
@require_POST
def job_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_managed_for(request.user, pk)
    try:
        again = services.job_rerun(actor=request.user, job=job)
    except DomainError as e:
        messages.error(request, e.message)
        return redirect("jobs:detail", pk)
    messages.success(request, f"Đã xếp việc #{again.pk}: chạy lại việc #{job.pk}.")
    return redirect("jobs:detail", again.pk)
