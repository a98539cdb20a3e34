"""Pages of background jobs: my jobs (and, for administrators, their sub-tree's), one job with its progress
bar refreshed by htmx, and the result's download (404 to anyone who may not see the job's unit)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.jobs.models import JobStatus
from dangvu.jobs.selectors import job_for, jobs_visible


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(jobs_visible(request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "jobs/list.html", {"page": page})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for(request.user, pk)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = job_for(request.user, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("Việc chưa có tệp kết quả.")
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or "ket-qua")
