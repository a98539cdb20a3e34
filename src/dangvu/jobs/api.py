"""API of background jobs: a job's status and progress (the same visibility as the pages: 404 outside it),
its file, and cancelling it (who asked for it, or an administrator of its unit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from ninja import Router, Schema, Status

from dangvu.core.errors import DomainError
from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.selectors import job_for, job_managed_for
from dangvu.jobs.services import job_cancel

router = Router()


class JobOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    status_label: str
    progress_done: int
    progress_total: int
    percent: int
    stage: str
    attempts: int
    max_attempts: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: str
    result_name: str
    download_url: str | None
    cancel_requested_at: dt.datetime | None
    result_expired_at: dt.datetime | None


class ErrorOut(Schema):
    detail: str


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.pk,
        kind=job.kind,
        title=job.title,
        status=job.status,
        status_label=job.get_status_display(),
        progress_done=job.progress_done,
        progress_total=job.progress_total,
        percent=job.percent,
        stage=job.stage,
        attempts=job.attempts,
        max_attempts=job.max_attempts,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        error=job.error,
        result_name=job.result_name,
        download_url=f"/api/jobs/{job.pk}/file" if job.status == "done" and job.result else None,
        cancel_requested_at=job.cancel_requested_at,
        result_expired_at=job.result_expired_at,
    )


@router.get("/{job_id}", response=JobOut, summary="Trạng thái và tiến độ của một công việc nền")
def job_status(request: HttpRequest, job_id: int) -> JobOut:
    return job_out(job_for(request.user, job_id))


@router.get("/{job_id}/file", summary="Tệp kết quả của một công việc đã xong")
def job_file(request: HttpRequest, job_id: int) -> FileResponse:
    job = job_for(request.user, job_id)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("Việc chưa có tệp kết quả, hoặc tệp đã hết hạn.")
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or "ket-qua")


@router.post(
    "/{job_id}/cancel",
    response={200: JobOut, 409: ErrorOut},
    summary="Hủy một công việc đang chờ hoặc yêu cầu dừng một công việc đang chạy",
)
def job_cancel_api(request: HttpRequest, job_id: int) -> Any:
    try:
        row = job_cancel(actor=request.user, job=job_managed_for(request.user, job_id))
    except DomainError as e:  # already finished
        return Status(409, {"detail": e.message})
    return Status(200, job_out(job_for(request.user, row.pk)))
