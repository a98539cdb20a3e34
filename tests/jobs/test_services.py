"""The queue's rules: exclusive claims, progress and results, failures with retries, stale recovery."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dangvu.core.errors import DomainError
from dangvu.jobs import services
from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.worker import Worker


def _enqueue(kind: str = "tests.echo", **kw: Any) -> Job:
    args = kw.pop("arguments", {"text": "xin chào"})
    return services.job_enqueue(actor=None, kind=kind, arguments=args, organisation=None, **kw)


@pytest.mark.django_db
def test_claim_is_exclusive() -> None:
    job = _enqueue()
    first = services.job_claim_next("worker-a")
    second = services.job_claim_next("worker-b")
    assert first is not None and first.pk == job.pk
    assert second is None
    first.refresh_from_db()
    assert (first.status, first.claimed_by, first.attempts) == (JobStatus.RUNNING, "worker-a", 1)


@pytest.mark.django_db
def test_two_jobs_two_workers_oldest_first() -> None:
    a, b = _enqueue(), _enqueue()
    claims = [services.job_claim_next("w1"), services.job_claim_next("w2")]
    assert [c.pk for c in claims if c] == [a.pk, b.pk]


@pytest.mark.django_db
def test_unknown_kind_refused() -> None:
    with pytest.raises(DomainError):
        _enqueue(kind="khong.co")


@pytest.mark.django_db
def test_progress_and_result() -> None:
    job = _enqueue(arguments={"text": "kết quả", "steps": 4})
    assert Worker("w").run_once() is True
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.progress_done, job.progress_total, job.percent) == (4, 4, 100)
    assert job.stage == "Bước 4/4"
    assert job.result_name == "echo.txt"
    with job.result.open("rb") as fh:
        assert fh.read().decode() == "kết quả"
    assert job.finished_at is not None
    assert Worker("w").run_once() is False  # queue empty


@pytest.mark.django_db
def test_failing_job_retried_then_failed_with_message() -> None:
    job = _enqueue(kind="tests.boom", arguments={}, max_attempts=2, title="Biểu thống kê")
    Worker("w").run_once()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 1)
    Worker("w").run_once()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 2)
    assert "Biểu thống kê" in job.error and "2 lần" in job.error
    assert "RuntimeError" not in job.error and "RuntimeError" in job.traceback


@pytest.mark.django_db
def test_domain_error_fails_at_once_with_its_message() -> None:
    job = _enqueue(kind="tests.refuse", arguments={})
    Worker("w").run_once()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert job.error == "Kỳ báo cáo «2019-Q5» không hợp lệ."


@pytest.mark.django_db
def test_stale_job_requeued_then_failed_when_out_of_attempts() -> None:
    job = _enqueue(max_attempts=2)
    for attempt in (1, 2):
        claimed = services.job_claim_next(f"dead-{attempt}")
        assert claimed is not None and claimed.attempts == attempt
        later = timezone.now() + dt.timedelta(seconds=services.stale_seconds() + 1)
        assert services.jobs_recover_stale(timezone.now()) == []  # fresh heartbeat: left alone
        assert [j.pk for j in services.jobs_recover_stale(later)] == [job.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "dừng đột ngột 2 lần" in job.error


@pytest.mark.django_db
def test_finish_refused_to_a_worker_that_lost_the_job() -> None:
    job = _enqueue()
    claimed = services.job_claim_next("slow-worker")
    assert claimed is not None
    services.jobs_recover_stale(timezone.now() + dt.timedelta(hours=1))
    assert services.job_claim_next("new-worker") is not None
    assert services.job_finish(claimed, "slow-worker", "x.txt", b"late") is False
    job.refresh_from_db()
    assert (job.status, job.claimed_by) == (JobStatus.RUNNING, "new-worker")


@pytest.mark.django_db
def test_abandon_gives_the_job_back_uncounted() -> None:
    job = _enqueue()
    claimed = services.job_claim_next("w")
    assert claimed is not None
    services.job_abandon(claimed, "w")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.claimed_by) == (JobStatus.QUEUED, 0, "")


@pytest.mark.django_db
def test_stop_mid_job_gives_it_back_to_the_queue() -> None:
    """What SIGTERM does: the running job stops at its next progress report and is queued again."""
    job = _enqueue(kind="tests.slow", arguments={"steps": 5, "delay": 0})
    worker = Worker("w")
    worker.stop()
    claimed = services.job_claim_next("w")
    assert claimed is not None
    worker.run_job(claimed)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.claimed_by) == (JobStatus.QUEUED, 0, "")


@pytest.mark.django_db
def test_progress_inside_the_jobs_own_transaction_goes_through_the_heartbeat_thread() -> None:
    """Others cannot see writes of an open transaction: on PostgreSQL such progress waits for the side
    thread's own connection; on SQLite (one writer) the job's connection writes it."""
    from django.db import connection, transaction

    from dangvu.jobs.registry import JobContext

    job = _enqueue()
    assert services.job_claim_next("w") is not None
    ctx = JobContext(job.pk, None)
    with transaction.atomic():
        ctx.progress(1, 10, "Đang ghi")
        deferred = connection.vendor != "sqlite"
        assert (ctx.pending is not None) is deferred
    assert ctx.flush_pending() is deferred
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.stage) == (1, 10, "Đang ghi")


@pytest.mark.django_db
def test_abandoned_uploads_purged_but_not_those_a_job_reads() -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    old = default_storage.save("imports/bo-do.xlsx", ContentFile(b"x"))
    waiting = default_storage.save("imports/dang-cho.xlsx", ContentFile(b"x"))
    fresh = default_storage.save("imports/moi.xlsx", ContentFile(b"x"))
    services.job_enqueue(actor=None, kind="members.import", arguments={"file": waiting}, organisation=None)
    later = timezone.now() + dt.timedelta(days=2)
    assert services.uploads_purge(later) == 2
    assert not default_storage.exists(old) and not default_storage.exists(fresh)
    assert default_storage.exists(waiting)
    assert services.uploads_purge(timezone.now()) == 0
