"""Result files expire: `DANGVU_JOB_RESULT_DAYS` after a job finished its file is removed (on disk or in S3,
through the storage API), the job's row stays, marked and audited, its page says so and offers to run it
again; `dangvu jobs purge [--days N] [--dry-run]` and the worker's daily pass do it."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dangvu.accounts.services import api_token_create
from dangvu.jobs import services
from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.retention import job_results_purge
from dangvu.jobs.worker import RESULTS_PURGE_EVERY, Worker


def _done(text: str, *, days_ago: float) -> Job:
    job = services.job_enqueue(actor=None, kind="tests.echo", arguments={"text": text}, organisation=None)
    claimed = services.job_claim_next("w")
    assert claimed is not None and claimed.pk == job.pk
    Worker("w").run_job(claimed)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=days_ago))
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_old_result_files_are_removed_from_disk_and_the_rows_kept(settings: Any) -> None:
    old, recent = _done("cũ", days_ago=31), _done("mới", days_ago=29)
    old_file = Path(settings.MEDIA_ROOT) / old.result.name
    recent_file = Path(settings.MEDIA_ROOT) / recent.result.name
    assert old_file.exists() and recent_file.exists()

    purge = job_results_purge()

    assert [j.pk for j in purge.purged] == [old.pk] and not purge.failed
    assert not old_file.exists() and recent_file.exists()
    old.refresh_from_db()
    assert (old.status, old.result.name, old.result_name) == (JobStatus.DONE, "", "echo.txt")
    assert old.result_expired_at is not None
    change = LogEntry.objects.get_for_object(old).order_by("-pk").first()
    assert change is not None and "result_expired_at" in change.changes_dict
    assert change.changes_dict["result"][0].startswith("jobs/")  # which file went, kept in the audit trail
    assert job_results_purge().purged == []  # nothing twice


@pytest.mark.django_db
def test_the_setting_and_the_command(settings: Any) -> None:
    settings.JOB_RESULT_DAYS = 5
    a, b = _done("a", days_ago=6), _done("b", days_ago=2)
    out = io.StringIO()
    call_command("jobs", "purge", "--dry-run", stdout=out)
    assert f"#{a.pk}" in out.getvalue() and f"#{b.pk}" not in out.getvalue()
    assert "Sẽ xóa tệp kết quả của 1 việc" in out.getvalue() and "chạy thử" in out.getvalue()
    assert Job.objects.filter(result_expired_at__isnull=False).count() == 0
    assert (Path(settings.MEDIA_ROOT) / a.result.name).exists()

    out = io.StringIO()
    call_command("jobs", "purge", "--days", "1", stdout=out)
    assert "Đã xóa tệp kết quả của 2 việc" in out.getvalue() and "giữ 1 ngày" in out.getvalue()
    assert Job.objects.filter(result_expired_at__isnull=False).count() == 2
    assert not any((Path(settings.MEDIA_ROOT) / "jobs").rglob("*.txt"))


@pytest.mark.django_db
def test_the_worker_purges_once_a_day() -> None:
    first = _done("một", days_ago=40)
    worker = Worker("w")
    worker.run_once()
    first.refresh_from_db()
    assert first.result_expired_at is not None
    second = _done("hai", days_ago=40)
    worker.run_once()  # the same day: not again
    second.refresh_from_db()
    assert second.result and second.result_expired_at is None
    worker._results_purged_at -= RESULTS_PURGE_EVERY  # a day later
    worker.run_once()
    second.refresh_from_db()
    assert not second.result and second.result_expired_at is not None


def test_the_page_says_expired_and_offers_to_run_again(province: Any) -> None:
    editor = Client()
    editor.force_login(province.users["editor_a"])
    editor.post("/bao-cao/XA/bieu-thong-ke/?at=2019-12-31")
    call_command("worker", "--once", stdout=io.StringIO())
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=31))
    assert len(job_results_purge().purged) == 1

    page = editor.get(f"/cong-viec/{job.pk}/").content.decode()
    assert 'id="job-expired"' in page and "đã hết hạn" in page and "giữ 30 ngày" in page
    assert 'id="job-download"' not in page and f'action="/cong-viec/{job.pk}/chay-lai/"' in page
    assert "Tệp đã hết hạn" in editor.get("/cong-viec/").content.decode()
    assert editor.get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 404
    raw = api_token_create(actor=province.users["editor_a"], user=province.users["editor_a"], label="thử")
    api = Client().get(f"/api/jobs/{job.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert api["download_url"] is None and api["result_expired_at"]
    assert Client().get(f"/api/jobs/{job.pk}/file", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 404
    outsider = Client()
    outsider.force_login(province.users["outsider"])
    assert outsider.post(f"/cong-viec/{job.pk}/chay-lai/").status_code == 404

    again = editor.post(f"/cong-viec/{job.pk}/chay-lai/")
    new = Job.objects.exclude(pk=job.pk).get()
    assert again["Location"] == f"/cong-viec/{new.pk}/" and new.requested_by == province.users["editor_a"]
    call_command("worker", "--once", stdout=io.StringIO())
    new.refresh_from_db()
    assert new.status == JobStatus.DONE and new.result_name == job.result_name


# --- the files in an S3-compatible store (moto in-process), as with DANGVU_S3_BUCKET -------------------


@pytest.fixture
def s3_storage(settings: Any) -> Iterator[Any]:
    pytest.importorskip("storages")
    moto = pytest.importorskip("moto")
    import boto3

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "thu-nghiem")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "thu-nghiem")
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="dangvu-cong-viec")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "dangvu-cong-viec",
                    "region_name": "us-east-1",
                    "default_acl": None,
                    "file_overwrite": False,
                },
            },
        }
        yield client


@pytest.mark.django_db
def test_purge_through_the_storage_api_on_s3(s3_storage: Any) -> None:
    def keys() -> set[str]:
        found = s3_storage.list_objects_v2(Bucket="dangvu-cong-viec").get("Contents", [])
        return {o["Key"] for o in found}

    old, recent = _done("trong S3, cũ", days_ago=45), _done("trong S3, mới", days_ago=1)
    assert keys() == {old.result.name, recent.result.name}
    with old.result.open("rb") as fh:
        assert fh.read().decode() == "trong S3, cũ"

    assert [j.pk for j in job_results_purge().purged] == [old.pk]

    assert keys() == {recent.result.name}
    old.refresh_from_db()
    assert old.result_expired_at is not None and not old.result
