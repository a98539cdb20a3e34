"""The pages' buttons queue jobs; `dangvu worker --once` runs them; the job page, its download and the API
answer only those who may see the job's unit (the requester, administrators above it), 404 to others."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from dangvu.accounts.services import api_token_create
from dangvu.jobs.models import Job, JobStatus


def _client(province: Any, username: str) -> Client:
    c = Client()
    c.force_login(province.users[username])
    return c


def test_forms_job_end_to_end_and_scope(province: Any) -> None:
    editor = _client(province, "editor_a")
    response = editor.post("/bao-cao/XA/bieu-thong-ke/?at=2019-12-31")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{job.pk}/"
    assert (job.kind, job.organisation, job.requested_by) == (
        "reports.forms_xlsx",
        province["XA"],
        province.users["editor_a"],
    )
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(job).get()
    assert entry.actor == province.users["editor_a"]
    assert entry.additional_data == {"org_path": province["XA"].path, "org_code": "XA"}
    waiting = editor.get(f"/cong-viec/{job.pk}/").content.decode()
    assert "Đang chờ" in waiting and 'id="job-waiting"' in waiting and "hx-get" in waiting
    assert editor.get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 404  # nothing to download yet

    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.traceback
    page = editor.get(f"/cong-viec/{job.pk}/").content.decode()
    assert 'id="job-download"' in page and "hx-get" not in page
    download = editor.get(f"/cong-viec/{job.pk}/tai-ve/")
    assert download.status_code == 200
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert body[:2] == b"PK"  # an .xlsx
    assert "bieu-thong-ke-XA-2019-12-31.xlsx" in download["Content-Disposition"]
    partial = editor.get(f"/cong-viec/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="job-status"')
    assert f"/cong-viec/{job.pk}/" in editor.get("/cong-viec/").content.decode()

    outsider = _client(province, "outsider")
    assert outsider.get(f"/cong-viec/{job.pk}/").status_code == 404
    assert outsider.get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 404
    assert f"/cong-viec/{job.pk}/" not in outsider.get("/cong-viec/").content.decode()
    admin = _client(province, "admin")  # administrator of the province: sees the sub-tree's jobs
    assert admin.get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 200

    raw = api_token_create(actor=province.users["editor_a"], user=province.users["editor_a"], label="thử")
    api = Client().get(f"/api/jobs/{job.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert api["status"] == "done" and api["percent"] == 100
    assert api["download_url"] == f"/api/jobs/{job.pk}/file"
    file = Client().get(api["download_url"], HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert b"".join(file.streaming_content)[:2] == b"PK"  # type: ignore[attr-defined]
    raw_out = api_token_create(actor=province.users["outsider"], user=province.users["outsider"], label="x")
    assert Client().get(f"/api/jobs/{job.pk}", HTTP_AUTHORIZATION=f"Bearer {raw_out}").status_code == 404
    assert Client().get(f"/api/jobs/{job.pk}/file", HTTP_AUTHORIZATION=f"Bearer {raw_out}").status_code == 404


def test_forms_out_of_scope_cannot_be_queued(province: Any) -> None:
    assert _client(province, "outsider").post("/bao-cao/XA/bieu-thong-ke/?at=2019-12-31").status_code == 404
    assert not Job.objects.exists()


def test_report_button_queues_a_report_job(province: Any) -> None:
    editor = _client(province, "editor_a")
    page = editor.get("/bao-cao/XA/?period=2019").content.decode()
    assert 'method="post" action="/bao-cao/XA/tai-ve/xlsx/' in page
    response = editor.post("/bao-cao/XA/tai-ve/xlsx/?period=2019&on=2020-01-15")
    job = Job.objects.get()
    assert response["Location"] == f"/cong-viec/{job.pk}/"
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.traceback
    assert job.result_name.endswith(".xlsx") and job.stage == "Đã dựng xong báo cáo"


@pytest.mark.django_db
def test_nav_link_and_empty_list(province: Any) -> None:
    page = _client(province, "outsider").get("/cong-viec/").content.decode()
    assert 'href="/cong-viec/"' in page and "Chưa có việc nào" in page


def _members_file(path: Any, rows: list[tuple[str, str]]) -> None:
    import openpyxl

    from dangvu.members.xlsx import template_write

    template_write(path)
    wb = openpyxl.load_workbook(path)
    for i, (name, cell) in enumerate(rows, start=1):
        row: list[Any] = [i, name, "Nữ", "02/02/1990", "Kinh", *[None] * 8, "03/03/2015", None, None, cell]
        wb.active.append(row)  # type: ignore[union-attr]
    wb.save(path)


def test_large_import_skips_preview_and_stays_all_or_nothing(
    province: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    from dangvu.members import views
    from dangvu.members.models import Member

    monkeypatch.setattr(views, "PREVIEW_MAX_BYTES", 10)  # every file counts as large
    path = tmp_path / "lon.xlsx"
    _members_file(path, [("Lê Thị Một", "CA1"), ("Lê Thị Hai", "CB1")])  # CB1 is outside editor_a's scope
    editor = _client(province, "editor_a")
    with path.open("rb") as f:
        upload = editor.post("/dang-vien/nhap/", {"file": f})
    assert 'id="import-large"' in upload.content.decode()
    confirmed = editor.post("/dang-vien/nhap/", {"token": str(upload.context["token"]), "name": "lon.xlsx"})
    job = Job.objects.get()
    assert confirmed["Location"] == f"/cong-viec/{job.pk}/" and job.organisation == province["XA"]
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert "không ghi gì" in job.error and "Dòng 3" in job.error
    assert not Member.objects.filter(full_name__startswith="Lê Thị").exists()
    assert "Dòng 3" in editor.get(f"/cong-viec/{job.pk}/").content.decode()
