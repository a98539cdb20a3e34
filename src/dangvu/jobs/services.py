"""Writes of the jobs app: enqueue, claim (atomic, one worker per job), finish, fail, abandon, recover,
cancel, run again, and the workers' sign of life.

The claim is safe with many workers: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`; on SQLite a
conditional `UPDATE … WHERE status = 'queued'` whose row count says who won. A worker that dies leaves its
job `running` with an old heartbeat; `jobs_recover_stale` puts it back in the queue while attempts remain,
else marks it failed with a reason, so no job stays `running` for ever.

Cancelling a queued job finishes it at once (a claim takes only `queued` rows, so it never starts); a
running job gets `cancel_requested_at`, which its next progress report turns into `Cancelled` in the worker
(`job_cancelled`). A job asked to stop is never queued again, whatever else happens to its run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from auditlog.context import set_actor
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, FileField, Q
from django.utils import timezone

from dangvu.core.errors import DomainError
from dangvu.jobs.models import Job, JobStatus, WorkerSighting
from dangvu.jobs.registry import kind_function, kind_label, kind_rerunnable
from dangvu.organisations.models import Organisation

STALE_MESSAGE = "Máy chạy việc đã dừng đột ngột {n} lần khi đang làm việc này; việc không hoàn thành."
CANCELLED_STAGE = "Đã dừng theo yêu cầu hủy; phần việc đang làm dở đã được hoàn tác"


def stale_seconds() -> int:
    return int(getattr(settings, "JOBS_STALE_SECONDS", 120))


@contextlib.contextmanager
def _writing(actor: Any) -> Iterator[None]:
    with transaction.atomic():
        if getattr(actor, "pk", None) is None:
            yield
        else:
            with set_actor(actor):
                yield


def job_enqueue(
    *,
    actor: Any,
    kind: str,
    arguments: dict[str, Any],
    organisation: Organisation | None,
    title: str = "",
    max_attempts: int = 3,
) -> Job:
    """Queue a job of a registered kind; it runs as `actor` (what they may see is what it produces)."""
    if kind_function(kind) is None:
        raise DomainError(f"Không có loại việc «{kind}».", field="kind")
    with _writing(actor):
        return Job.objects.create(
            kind=kind,
            title=(title or kind_label(kind))[:255],
            arguments=arguments,
            requested_by=actor if getattr(actor, "pk", None) is not None else None,
            organisation=organisation,
            max_attempts=max(1, max_attempts),
            stage="Đang chờ máy chạy việc nhận",
        )


def _claim_fields(worker_id: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "status": JobStatus.RUNNING,
        "claimed_by": worker_id[:128],
        "attempts": F("attempts") + 1,
        "started_at": now,
        "heartbeat_at": now,
        "progress_done": 0,
        "progress_total": 0,
        "stage": "Bắt đầu",
    }


def job_claim_next(worker_id: str) -> Job | None:
    """Take the oldest queued job for `worker_id` (None: queue empty). Two claims never share one."""
    now = timezone.now()
    queued = Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at", "id")
    if connection.vendor == "postgresql":
        with transaction.atomic():
            job = queued.select_for_update(skip_locked=True).first()
            if job is None:
                return None
            Job.objects.filter(pk=job.pk).update(**_claim_fields(worker_id, now))
        return Job.objects.get(pk=job.pk)
    for pk in queued.values_list("pk", flat=True)[:5]:
        if Job.objects.filter(pk=pk, status=JobStatus.QUEUED).update(**_claim_fields(worker_id, now)) == 1:
            return Job.objects.get(pk=pk)
    return None


@contextlib.contextmanager
def _own(job: Job, worker_id: str) -> Iterator[Job | None]:
    """The job's current row, locked, if `worker_id` still holds it (a recovered job may have moved on)."""
    with transaction.atomic():
        row = Job.objects.select_for_update().filter(pk=job.pk).first()
        yield (
            row
            if row is not None and row.status == JobStatus.RUNNING and row.claimed_by == worker_id
            else None
        )


def job_finish(job: Job, worker_id: str, filename: str, data: bytes | Path) -> bool:
    """Store the result file and mark the job done; False (file dropped) if the worker no longer holds it."""
    field = cast(FileField, Job._meta.get_field("result"))
    stored = field.generate_filename(job, filename)
    if isinstance(data, Path):
        with data.open("rb") as fh:
            name = field.storage.save(stored, File(fh))
    else:
        name = field.storage.save(stored, ContentFile(data))
    with _own(job, worker_id) as row:
        if row is None:
            field.storage.delete(name)
            return False
        row.result.name = name
        row.result_name = filename[:255]
        row.status = JobStatus.DONE
        row.finished_at = row.heartbeat_at = timezone.now()
        row.stage = row.stage if row.stage and row.stage != "Bắt đầu" else "Đã xong"
        if row.progress_total:
            row.progress_done = row.progress_total
        row.save()
    return True


def job_fail(
    job: Job, worker_id: str, *, message: str, traceback: str = "", retry: bool = True
) -> Job | None:
    """A run failed: queue it again while attempts remain (and `retry`), else failed with `message`."""
    with _own(job, worker_id) as row:
        if row is None:
            return None
        row.traceback = traceback
        row.claimed_by = ""
        if row.cancel_requested_at is not None:  # asked to stop: never queued again
            _mark_cancelled(row, timezone.now())
        elif retry and row.attempts < row.max_attempts:
            row.status = JobStatus.QUEUED
            row.stage = f"Lần chạy {row.attempts} gặp lỗi; sẽ chạy lại"
        else:
            row.status = JobStatus.FAILED
            row.error = message
            row.finished_at = timezone.now()
        row.save()
        return row


def job_abandon(job: Job, worker_id: str) -> None:
    """The worker was asked to stop mid-job: give the job back to the queue, the attempt not counted."""
    with _own(job, worker_id) as row:
        if row is None:
            return
        row.claimed_by = ""
        if row.cancel_requested_at is not None:
            _mark_cancelled(row, timezone.now())
        else:
            row.status = JobStatus.QUEUED
            row.attempts = max(0, row.attempts - 1)
            row.stage = "Máy chạy việc dừng theo yêu cầu; việc sẽ chạy lại"
        row.save()


def job_cancelled(job: Job, worker_id: str) -> None:
    """The job stopped at a progress report because it was asked to (its transactions are rolled back)."""
    with _own(job, worker_id) as row:
        if row is not None:
            row.claimed_by = ""
            _mark_cancelled(row, timezone.now())
            row.save()


def _mark_cancelled(row: Job, now: dt.datetime) -> None:
    row.status = JobStatus.CANCELLED
    row.finished_at = now
    row.stage = CANCELLED_STAGE


def job_cancel(*, actor: Any, job: Job) -> Job:
    """Cancel `job` for `actor` (who may: `selectors.job_may_manage`). Queued: cancelled now, it never
    starts. Running: asked to stop; the worker stops at its next progress report and undoes the step."""
    with _writing(actor):
        row = Job.objects.select_for_update().get(pk=job.pk)
        now = timezone.now()
        if row.status == JobStatus.QUEUED:
            row.claimed_by = ""
            _mark_cancelled(row, now)
            row.stage = "Đã hủy khi còn chờ; việc không chạy"
        elif row.status != JobStatus.RUNNING:
            raise DomainError(
                f"Việc #{row.pk} đã kết thúc ({row.get_status_display().lower()}); không còn gì để hủy.",
                field="status",
            )
        elif row.cancel_requested_at is not None:
            return row  # asked already: the first request (and who made it) stands
        row.cancel_requested_at = now
        row.cancelled_by = actor if getattr(actor, "pk", None) is not None else None
        row.save()
        return row


def job_rerun(*, actor: Any, job: Job) -> Job:
    """Queue a finished job again (same kind, unit and arguments), run as `actor`: after its result
    expired, or it failed or was cancelled. Refused for kinds whose input is gone (an uploaded file)."""
    if not job.finished:
        raise DomainError(f"Việc #{job.pk} chưa kết thúc; hãy chờ hoặc hủy trước.", field="status")
    if not kind_rerunnable(job.kind):
        raise DomainError(
            "Việc này không chạy lại được vì tệp tải lên đã được xóa sau khi chạy; hãy tải tệp lên lại.",
            field="kind",
        )
    return job_enqueue(
        actor=actor,
        kind=job.kind,
        arguments=job.arguments,
        organisation=job.organisation,
        title=job.title,
        max_attempts=job.max_attempts,
    )


def worker_sighting_record(worker_id: str, now: dt.datetime | None = None) -> None:
    """A worker says it is alive (every loop, at most every `worker.SIGHTING_EVERY` seconds)."""
    host = worker_id.split(":", 1)[0][:128]
    WorkerSighting.objects.update_or_create(
        host=host, defaults={"worker": worker_id[:128], "seen_at": now or timezone.now()}
    )


def jobs_recover_stale(now: dt.datetime | None = None, *, seconds: int | None = None) -> list[Job]:
    """Running jobs with a heartbeat older than `seconds`: queued again, or failed if out of attempts."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=stale_seconds() if seconds is None else seconds)
    stale = Job.objects.filter(status=JobStatus.RUNNING).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True)
    )
    recovered = []
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            row = Job.objects.select_for_update().filter(pk=pk, status=JobStatus.RUNNING).first()
            if row is None or (row.heartbeat_at is not None and row.heartbeat_at >= limit):
                continue
            row.claimed_by = ""
            if row.cancel_requested_at is not None:
                _mark_cancelled(row, now)
            elif row.attempts < row.max_attempts:
                row.status = JobStatus.QUEUED
                row.stage = "Máy chạy việc dừng đột ngột; việc sẽ chạy lại"
            else:
                row.status = JobStatus.FAILED
                row.error = STALE_MESSAGE.format(n=row.attempts)
                row.finished_at = now
            row.save()
            recovered.append(row)
    return recovered


def uploads_purge(now: dt.datetime | None = None, *, folder: str = "imports", days: int = 1) -> int:
    """Delete uploads left waiting for a confirmation that never came (older than `days`, and no queued or
    running job reads them). Result files are kept: jobs are records."""
    now = now or timezone.now()
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return 0
    in_use = {
        str(args.get("file"))
        for args in Job.objects.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).values_list(
            "arguments", flat=True
        )
        if isinstance(args, dict)
    }
    purged = 0
    for name in files:
        path = f"{folder}/{name}"
        if path in in_use or now - default_storage.get_modified_time(path) < dt.timedelta(days=days):
            continue
        default_storage.delete(path)
        purged += 1
    return purged
