"""API of background jobs: a job's status and progress (the same visibility as the pages: 404 outside it)."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, Http404, HttpRequest
from ninja import Router, Schema

from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.selectors import job_for

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
    )


@router.get("/{job_id}", response=JobOut, summary="Trạng thái và tiến độ của một công việc nền")
def job_status(request: HttpRequest, job_id: int) -> JobOut:
    return job_out(job_for(request.user, job_id))


@router.get("/{job_id}/file", summary="Tệp kết quả của một công việc đã xong")
def job_file(request: HttpRequest, job_id: int) -> FileResponse:
    job = job_for(request.user, job_id)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("Việc chưa có tệp kết quả.")
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or "ket-qua")
