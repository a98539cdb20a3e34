"""`dangvu forms|report --background`: the same job as the page's button, its number and page printed, a
warning when no worker was seen lately; `dangvu worker` then builds the file."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from dangvu.jobs.cli import NO_WORKER
from dangvu.jobs.models import Job, JobStatus, WorkerSighting
from dangvu.jobs.selectors import worker_seen_recently
from dangvu.jobs.services import job_claim_next, worker_sighting_record


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_forms_in_the_background_queue_the_pages_job(year_2019: Any) -> None:
    out, err = _run("forms", "--org", "XA", "--at", "2019-12-31", "--background")
    job = Job.objects.get()
    assert f"Đã xếp việc #{job.pk}" in out and f"/cong-viec/{job.pk}/" in out and f"/api/jobs/{job.pk}" in out
    assert err.strip() == NO_WORKER  # nobody runs `dangvu worker` yet
    assert job.requested_by is None and job.status == JobStatus.QUEUED  # the command line acts as the system

    editor = Client()
    editor.force_login(year_2019.users["editor_a"])
    editor.post("/bao-cao/XA/bieu-thong-ke/?at=2019-12-31")
    page_job = Job.objects.exclude(pk=job.pk).get()
    assert (job.kind, job.arguments, job.title, job.organisation) == (
        page_job.kind,
        page_job.arguments,
        page_job.title,
        page_job.organisation,
    )

    call_command("worker", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result_name == "bieu-thong-ke-XA-2019-12-31.xlsx"
    with job.result.open("rb") as fh:
        assert fh.read(2) == b"PK"

    # The worker was just seen: no warning now; --user: the job runs as that user.
    out, err = _run("forms", "--org", "XA", "--at", "2019-12-31", "--background", "--user", "editor_a")
    assert err == ""
    assert Job.objects.order_by("-pk")[0].requested_by == year_2019.users["editor_a"]


def test_report_in_the_background(year_2019: Any) -> None:
    worker_sighting_record("may-chu:1:abc")
    out, err = _run(
        "report", "--org", "XA", "--period", "2019", "--format", "xlsx", "--on", "2020-01-15", "--background"
    )
    job = Job.objects.get()
    assert err == "" and f"/cong-viec/{job.pk}/" in out
    assert job.kind == "reports.report"
    assert job.arguments == {"code": "XA", "period": "2019", "fmt": "xlsx", "view": "was", "on": "2020-01-15"}
    call_command("worker", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.traceback
    assert job.result_name.endswith(".xlsx")


def test_refusals_queue_nothing(year_2019: Any) -> None:
    with pytest.raises(CommandError, match="Thiếu -o/--output"):
        call_command("forms", "--at", "2019-12-31")
    with pytest.raises(CommandError, match="Thiếu -o/--output"):
        call_command("report", "--period", "2019")
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức «HL»"):
        call_command("forms", "--org", "HL", "--at", "2019-12-31", "--background", "--user", "outsider")
    with pytest.raises(CommandError, match="--at"):
        call_command("forms", "--at", "31/02/2019", "--background")
    with pytest.raises(CommandError):
        call_command("report", "--period", "2019-Q5", "--background")
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_worker_counts_as_seen_by_its_loop_or_its_running_job() -> None:
    now = timezone.now()
    assert not worker_seen_recently()
    worker_sighting_record("may-a:1:x", now - dt.timedelta(minutes=10))
    assert not worker_seen_recently()  # long ago
    worker_sighting_record("may-a:2:y", now)  # the same machine: one row, refreshed
    assert WorkerSighting.objects.count() == 1 and worker_seen_recently()

    WorkerSighting.objects.update(seen_at=now - dt.timedelta(minutes=10))
    from dangvu.jobs.services import job_enqueue

    job_enqueue(actor=None, kind="reports.forms_xlsx", arguments={}, organisation=None)
    assert job_claim_next("may-a:2:y") is not None  # busy with a long job: its heartbeat is fresh
    assert worker_seen_recently()
