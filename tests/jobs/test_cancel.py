"""Cancelling a job: a queued one never starts; a running one stops at its next progress report and its
transaction is rolled back (a members import cancelled midway leaves nothing); only who asked for it or an
administrator of its unit may cancel, on the page, the API and the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client

from dangvu.accounts.services import api_token_create
from dangvu.core.errors import DomainError
from dangvu.jobs import registry, services
from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.worker import Worker

HERE = Path(__file__).parent
SRC = HERE.parent.parent / "src"


def _enqueue(kind: str = "tests.echo", actor: Any = None, **kw: Any) -> Job:
    args = kw.pop("arguments", {"text": "xin chào"})
    return services.job_enqueue(actor=actor, kind=kind, arguments=args, organisation=None, **kw)


def _client(province: Any, username: str) -> Client:
    c = Client()
    c.force_login(province.users[username])
    return c


@pytest.mark.django_db
def test_a_queued_job_cancelled_never_starts(django_user_model: Any) -> None:
    user = django_user_model.objects.create_user(username="nguoi_huy", password="x-Mat-khau-2026")
    job = _enqueue(actor=user)
    services.job_cancel(actor=user, job=job)
    job.refresh_from_db()
    assert (job.status, job.cancelled_by, job.finished) == (JobStatus.CANCELLED, user, True)
    assert job.finished_at is not None and job.cancel_requested_at is not None
    assert Worker("w").run_once() is False  # nothing to claim
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.CANCELLED, 0)
    change = LogEntry.objects.get_for_object(job).order_by("-pk").first()
    assert change is not None and change.actor == user and "cancelled" in str(change.changes)


@pytest.mark.django_db
def test_a_running_job_stops_at_its_next_progress_report() -> None:
    job = _enqueue(arguments={"text": "không bao giờ ghi", "steps": 5})
    claimed = services.job_claim_next("w")
    assert claimed is not None
    services.job_cancel(actor=None, job=claimed)
    claimed.refresh_from_db()
    assert claimed.status == JobStatus.RUNNING and claimed.cancelling
    Worker("w").run_job(claimed)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.stage == services.CANCELLED_STAGE
    assert not job.result and job.claimed_by == ""
    with pytest.raises(DomainError, match="đã kết thúc"):
        services.job_cancel(actor=None, job=job)


@pytest.mark.django_db
def test_a_job_asked_to_stop_is_never_queued_again() -> None:
    """Whatever ends its run — a bug, SIGTERM, a dead worker — a job someone cancelled stays cancelled."""
    for end in ("fail", "abandon", "stale"):
        job = _enqueue(kind="tests.boom", arguments={})
        claimed = services.job_claim_next("w")
        assert claimed is not None and claimed.pk == job.pk
        services.job_cancel(actor=None, job=claimed)
        if end == "fail":
            services.job_fail(claimed, "w", message="lỗi")
        elif end == "abandon":
            services.job_abandon(claimed, "w")
        else:
            Job.objects.filter(pk=job.pk).update(heartbeat_at=None)
            services.jobs_recover_stale()
        job.refresh_from_db()
        assert job.status == JobStatus.CANCELLED, end


def test_cancel_on_the_page_for_the_requester_and_administrators_only(province: Any) -> None:
    editor = _client(province, "editor_a")
    editor.post("/bao-cao/XA/bieu-thong-ke/?at=2019-12-31")
    job = Job.objects.get()
    page = editor.get(f"/cong-viec/{job.pk}/").content.decode()
    assert f'action="/cong-viec/{job.pk}/huy/"' in page and ">Hủy<" in page
    assert 'id="job-no-worker"' in page  # nobody runs `dangvu worker`: the page says so
    services.worker_sighting_record("may-chu:1:abc")
    assert 'id="job-no-worker"' not in editor.get(f"/cong-viec/{job.pk}/").content.decode()
    assert _client(province, "outsider").post(f"/cong-viec/{job.pk}/huy/").status_code == 404
    assert editor.get(f"/cong-viec/{job.pk}/huy/").status_code == 405  # a POST only
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED

    response = editor.post(f"/cong-viec/{job.pk}/huy/", follow=True)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.cancelled_by == province.users["editor_a"]
    text = response.content.decode()
    assert "Đã hủy việc" in text and 'id="job-cancelled"' in text and "hx-get" not in text
    assert f'action="/cong-viec/{job.pk}/chay-lai/"' in text  # the forms can be made again
    assert "Đã hủy" in editor.get("/cong-viec/").content.decode()
    again = editor.post(f"/cong-viec/{job.pk}/huy/", follow=True).content.decode()
    assert "không còn gì để hủy" in again

    rerun = editor.post(f"/cong-viec/{job.pk}/chay-lai/")
    new = Job.objects.exclude(pk=job.pk).get()
    assert rerun["Location"] == f"/cong-viec/{new.pk}/"
    assert (new.kind, new.arguments, new.organisation, new.status) == (
        job.kind,
        job.arguments,
        job.organisation,
        JobStatus.QUEUED,
    )
    admin = _client(province, "admin")  # an administrator above the unit may cancel it too
    assert admin.post(f"/cong-viec/{new.pk}/huy/").status_code == 302
    new.refresh_from_db()
    assert new.status == JobStatus.CANCELLED and new.cancelled_by == province.users["admin"]


def test_cancel_through_the_api(province: Any) -> None:
    _client(province, "editor_a").post("/bao-cao/XA/bieu-thong-ke/?at=2019-12-31")
    job = Job.objects.get()
    raw = api_token_create(actor=province.users["editor_a"], user=province.users["editor_a"], label="thử")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    raw_out = api_token_create(actor=province.users["outsider"], user=province.users["outsider"], label="x")
    outside = Client().post(f"/api/jobs/{job.pk}/cancel", HTTP_AUTHORIZATION=f"Bearer {raw_out}")
    assert outside.status_code == 404
    answer = Client().post(f"/api/jobs/{job.pk}/cancel", **auth)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["status"] == "cancelled" and body["cancel_requested_at"]
    twice = Client().post(f"/api/jobs/{job.pk}/cancel", **auth)
    assert twice.status_code == 409 and "không còn gì để hủy" in twice.json()["detail"]


def _members_file(path: Path, rows: int, cell: str) -> None:
    import openpyxl

    from dangvu.members.xlsx import template_write

    template_write(path)
    wb = openpyxl.load_workbook(path)
    for i in range(1, rows + 1):
        line: list[Any] = [i, f"Trần Văn Hủy {i}", "Nam", f"0{i % 9 + 1}/02/1990", "Kinh", *[None] * 8]
        wb.active.append([*line, "03/03/2015", None, None, cell])  # type: ignore[union-attr]
    wb.save(path)


def test_an_import_cancelled_midway_leaves_nothing(province: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Cancelled after its first batches are written (inside its one transaction): all rolled back."""
    from dangvu.members import xlsx_import
    from dangvu.members.models import Member, MembershipEvent, Placement

    path = tmp_path / "huy.xlsx"
    _members_file(path, 9, "CA1")
    name = default_storage.save("imports/huy.xlsx", ContentFile(path.read_bytes()))
    editor = province.users["editor_a"]
    job = services.job_enqueue(
        actor=editor,
        kind="members.import",
        arguments={"file": name, "label": "huy.xlsx"},
        organisation=province["XA"],
        max_attempts=2,
    )
    before = (Member.objects.count(), Placement.objects.count(), MembershipEvent.objects.count())
    monkeypatch.setattr(xlsx_import, "BATCH", 3)
    monkeypatch.setattr(registry, "PROGRESS_EVERY", 0.0)  # every report checks for a cancel
    written: list[int] = []

    def cancel_after_first_batch(point: str) -> None:
        written.append(Member.objects.count() - before[0])
        if len(written) == 1:  # someone presses "Hủy" while the import is writing
            services.job_cancel(actor=editor, job=Job.objects.get(pk=job.pk))

    monkeypatch.setattr(xlsx_import, "fault_point", cancel_after_first_batch)
    Worker("w").run_once()

    job.refresh_from_db()
    assert written[0] == 3  # the first batch was in the database when the cancel came
    assert job.status == JobStatus.CANCELLED, job.traceback
    assert (Member.objects.count(), Placement.objects.count(), MembershipEvent.objects.count()) == before
    assert not Member.objects.filter(full_name__startswith="Trần Văn Hủy").exists()
    assert not job.result and job.attempts == 1
    with pytest.raises(DomainError, match="tải tệp lên lại"):  # its upload is not a thing to run again
        services.job_rerun(actor=editor, job=job)


def test_an_import_already_committed_is_not_undone_by_a_late_cancel(
    province: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """After the commit no progress report stops the job: the members stay and the job is done."""
    from dangvu.members import xlsx_import
    from dangvu.members.models import Member

    path = tmp_path / "muon.xlsx"
    _members_file(path, 2, "CA1")
    name = default_storage.save("imports/muon.xlsx", ContentFile(path.read_bytes()))
    job = services.job_enqueue(
        actor=None, kind="members.import", arguments={"file": name}, organisation=province["XA"]
    )
    real = xlsx_import.members_import

    def import_then_cancel(*args: Any, **kw: Any) -> Any:
        result = real(*args, **kw)
        services.job_cancel(actor=None, job=Job.objects.get(pk=job.pk))
        return result

    monkeypatch.setattr("dangvu.members.xlsx_import.members_import", import_then_cancel)
    Worker("w").run_once()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.traceback
    assert Member.objects.filter(full_name__startswith="Trần Văn Hủy").count() == 2


# --- a real worker process, cancelled from another process -----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_stops_a_job_cancelled_from_the_command_line(tmp_path: Path) -> None:
    from test_fault import _database_url, _row, _wait_for_progress

    job = services.job_enqueue(
        actor=None, kind="tests.slow", arguments={"steps": 200, "delay": 0.1}, organisation=None
    )
    url = _database_url(tmp_path)
    env: dict[str, Any] = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DANGVU_DATABASE_URL": url,
        "DANGVU_DATA_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, str(HERE / "run_worker.py"), "worker", "--once", "--poll", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_progress(url, job.pk, worker)
        cancel = subprocess.run(
            [sys.executable, str(HERE / "run_worker.py"), "jobs", "cancel", str(job.pk)],
            env=env,
            capture_output=True,
            timeout=60,
        )
        assert cancel.returncode == 0, cancel.stderr.decode()
        assert "Đã yêu cầu dừng việc" in cancel.stdout.decode()
        started = time.monotonic()
        out, _ = worker.communicate(timeout=60)  # --once: it stops the job, finds the queue empty, exits
    finally:
        if worker.poll() is None:
            worker.kill()
    assert time.monotonic() - started < 15  # well before the job's 20 s
    assert "đã dừng theo yêu cầu hủy" in out.decode()
    status, done, _attempts, total = _row(url, job.pk)
    assert status == "cancelled" and done < total


@pytest.mark.django_db
def test_cancel_command_refuses_what_is_not_there() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có việc #999"):
        call_command("jobs", "cancel", "999")
