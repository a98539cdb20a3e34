"""Writes of the jobs app: enqueue, claim (atomic, one worker per job), finish, fail, abandon, recover.

The claim is safe with many workers: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`; on SQLite a
conditional `UPDATE … WHERE status = 'queued'` whose row count says who won. A worker that dies leaves its
job `running` with an old heartbeat; `jobs_recover_stale` puts it back in the queue while attempts remain,
else marks it failed with a reason, so no job stays `running` for ever.
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
from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.registry import kind_function, kind_label
from dangvu.organisations.models import Organisation

STALE_MESSAGE = "Máy chạy việc đã dừng đột ngột {n} lần khi đang làm việc này; việc không hoàn thành."


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
        if retry and row.attempts < row.max_attempts:
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
        if row is not None:
            row.status = JobStatus.QUEUED
            row.claimed_by = ""
            row.attempts = max(0, row.attempts - 1)
            row.stage = "Máy chạy việc dừng theo yêu cầu; việc sẽ chạy lại"
            row.save()


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
            if row.attempts < row.max_attempts:
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
