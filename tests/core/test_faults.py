"""Faults a user may meet: a database that cannot write, two people saving the same record, too many
requests. Each is told in Vietnamese and nothing is half-written or silently overwritten."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.test import override_settings

from dangvu.accounts.services import api_token_create
from dangvu.assignments.models import ProgressUpdate, Task
from dangvu.core.middleware import database_fault
from dangvu.indicators import services as indicator_services
from dangvu.indicators.models import ReportedValue, Submission
from dangvu.reports.models import ReportNarrative, ReportSettings

VERSION = re.compile(r'name="version" value="(\w*)"')


def version_in(page: bytes, nth: int = 0) -> str:
    return VERSION.findall(page.decode())[nth]


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()
    yield
    cache.clear()


# --- the database cannot write -------------------------------------------------------------------------


@contextlib.contextmanager
def read_only_database() -> Iterator[None]:
    """The database refuses writes: SQLite's `query_only`; on PostgreSQL a read-only (sub)transaction, as
    on a standby server, undone by rolling back to a savepoint."""
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("PRAGMA query_only = ON")
        try:
            yield
        finally:
            with connection.cursor() as c:
                c.execute("PRAGMA query_only = OFF")
        return
    sid = transaction.savepoint()
    with connection.cursor() as c:
        c.execute("SET TRANSACTION READ ONLY")
    try:
        yield
    finally:
        transaction.savepoint_rollback(sid)


def test_a_read_only_database_gives_a_clear_503_and_writes_nothing(province, client):
    client.force_login(province.users["editor_a"])
    before = ReportNarrative.objects.count()
    with read_only_database():
        r = client.post(
            "/bao-cao/XA/", {"period": "2019", "on": "2020-01-15", "chinh_tri": "Một.", "han_che": "Hai."}
        )
        assert r.status_code == 503
        text = r.content.decode()
        assert "chỉ đọc" in text and "không có gì bị ghi dở" in text
        assert r["Retry-After"] == "60"
        assert ReportNarrative.objects.count() == before


def test_a_full_disk_mid_save_keeps_nothing_of_the_save(province, client):
    """The second of two paragraphs fails: the first is rolled back with it."""
    client.force_login(province.users["editor_a"])
    real = ReportNarrative.save
    calls = {"n": 0}

    def failing_save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise OperationalError("database or disk is full")
        return real(self, *args, **kwargs)

    with mock.patch.object(ReportNarrative, "save", failing_save):
        r = client.post("/bao-cao/XA/", {"period": "2019", "chinh_tri": "Một.", "han_che": "Hai."})
    assert r.status_code == 503 and "Ổ đĩa của máy chủ đã đầy" in r.content.decode()
    assert calls["n"] == 2
    assert not ReportNarrative.objects.filter(organisation=province["XA"]).exists()


def test_the_api_answers_a_database_fault_in_json(province, client):
    raw = api_token_create(actor=province.users["admin"], user=province.users["admin"], label="thử")
    fault = OperationalError("attempt to write a readonly database")
    with mock.patch("dangvu.organisations.api.selectors.tree_snapshot", side_effect=fault):
        r = client.get("/api/organisations/tree", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 503
    assert "chỉ đọc" in r.json()["detail"]


def test_a_bug_is_not_dressed_up_as_a_database_fault() -> None:
    assert database_fault(OperationalError("no such column: x")) == "Cơ sở dữ liệu tạm thời không dùng được."
    assert database_fault(ValueError("database or disk is full")) is None
    assert "đầy" in (database_fault(OperationalError("could not extend file: No space left on device")) or "")
    read_only = OperationalError("cannot execute UPDATE in a read-only transaction")
    assert "chỉ đọc" in (database_fault(read_only) or "")


# --- two people saving the same record -----------------------------------------------------------------


def test_the_second_saver_of_reported_figures_is_told(province, client):
    url = "/chi-tieu/XA/so-lieu/?period=2019-Q4"
    client.force_login(province.users["editor_a"])
    first_token = version_in(client.get(url).content)
    second_token = first_token  # both opened the form before either saved
    assert client.post(url, {"period": "2019-Q4", "KT_CUOC": "2", "version": first_token}).status_code == 302
    r = client.post(url, {"period": "2019-Q4", "KT_CUOC": "5", "version": second_token})
    assert r.status_code == 200
    page = r.content.decode()
    assert "đã được người khác sửa lúc" in page and "hãy tải lại trang" in page
    assert "(bởi editor_a)" in page
    assert ReportedValue.objects.get(submission__organisation=province["XA"]).value == 2
    fresh = version_in(client.get(url).content)
    assert client.post(url, {"period": "2019-Q4", "KT_CUOC": "5", "version": fresh}).status_code == 302
    assert ReportedValue.objects.get(submission__organisation=province["XA"]).value == 5


def test_a_change_through_another_door_also_counts(province, client):
    """The API or a service saving the figures between load and save is detected the same way."""
    url = "/chi-tieu/XA/so-lieu/?period=2019-Q4"
    client.force_login(province.users["editor_a"])
    indicator_services.submission_save(
        actor=province.users["editor_a"], organisation=province["XA"], period="2019-Q4", values={"KT_CUOC": 1}
    )
    token = version_in(client.get(url).content)
    sub = Submission.objects.get(organisation=province["XA"])
    indicator_services.submission_submit(actor=province.users["editor_a"], submission=sub)
    r = client.post(url, {"period": "2019-Q4", "KT_CUOC": "3", "version": token})
    assert "đã được người khác sửa" in r.content.decode()
    assert ReportedValue.objects.get(submission=sub).value == 1


def test_report_paragraphs_and_settings_are_not_overwritten(province, client):
    client.force_login(province.users["editor_a"])
    page = client.get("/bao-cao/XA/?period=2019&on=2020-01-15").content
    narratives, settings = version_in(page, 0), version_in(page, 1)
    form = {"period": "2019", "on": "2020-01-15", "version": narratives}
    assert client.post("/bao-cao/XA/", form | {"chinh_tri": "Bản của người thứ nhất."}).status_code == 302
    r = client.post("/bao-cao/XA/", form | {"chinh_tri": "Bản của người thứ hai."}, follow=True)
    text = r.content.decode()
    assert "đã được người khác sửa" in text
    assert "Bản của người thứ hai." in text  # kept in the form for the user to merge
    assert ReportNarrative.objects.get(section="chinh_tri").text == "Bản của người thứ nhất."

    fields = {"query": "period=2019", "version": settings}
    assert client.post("/bao-cao/XA/thiet-lap/", fields | {"signer_name": "Nguyễn Văn A"}).status_code == 302
    r = client.post("/bao-cao/XA/thiet-lap/", fields | {"signer_name": "Trần Thị B"}, follow=True)
    assert "đã được người khác sửa" in r.content.decode()
    assert ReportSettings.objects.get(organisation=province["XA"]).signer_name == "Nguyễn Văn A"


def test_task_progress_on_a_stale_page_is_refused(province, client):
    from dangvu.assignments import services as task_services

    admin = province.users["admin"]
    task = task_services.task_assign(
        actor=admin,
        organisation=province["HL"],
        text="Rà soát hồ sơ đảng viên",
        lead=province["XA"],
        assigned_on=dt.date(2024, 1, 5),
    )
    client.force_login(admin)
    token = version_in(client.get(f"/nhiem-vu/{task.pk}/").content)
    form = {"state": "in_progress", "reported_on": "2024-02-01", "note": "Đã làm một nửa.", "version": token}
    client.post(f"/nhiem-vu/{task.pk}/tien-do/", form)
    r = client.post(f"/nhiem-vu/{task.pk}/tien-do/", form | {"note": "Bản cũ."}, follow=True)
    assert "đã được người khác sửa" in r.content.decode()
    assert ProgressUpdate.objects.filter(task=task).count() == 1
    assert Task.objects.get(pk=task.pk).state == "in_progress"


# --- rate limits ---------------------------------------------------------------------------------------


@override_settings(DANGVU_LOGIN_RATE="3/m")
def test_login_posts_are_limited_per_address(province, client):
    for _ in range(3):
        r = client.post("/dang-nhap/", {"username": "ai-do", "password": "sai"}, REMOTE_ADDR="10.0.0.7")
        assert r.status_code == 200
    r = client.post("/dang-nhap/", {"username": "khac", "password": "sai"}, REMOTE_ADDR="10.0.0.7")
    assert r.status_code == 429 and "Quá nhiều lần đăng nhập" in r.content.decode()
    assert int(r["Retry-After"]) >= 1
    other = client.post("/dang-nhap/", {"username": "ai-do", "password": "sai"}, REMOTE_ADDR="10.0.0.8")
    assert other.status_code == 200
    assert client.get("/dang-nhap/", REMOTE_ADDR="10.0.0.7").status_code == 200  # the page itself still opens


@override_settings(DANGVU_API_RATE="2/m")
def test_api_calls_are_limited_per_token(province, client):
    admin, editor = province.users["admin"], province.users["editor_a"]
    a = api_token_create(actor=admin, user=admin, label="a")
    b = api_token_create(actor=editor, user=editor, label="b")
    for _ in range(2):
        assert client.get("/api/organisations/", HTTP_AUTHORIZATION=f"Bearer {a}").status_code != 429
    r = client.get("/api/organisations/", HTTP_AUTHORIZATION=f"Bearer {a}")
    assert r.status_code == 429
    assert r.json()["detail"].startswith("Quá nhiều yêu cầu tới API")
    assert client.get("/api/organisations/", HTTP_AUTHORIZATION=f"Bearer {b}").status_code != 429


@override_settings(DANGVU_UPLOAD_MAX_MB=1)
def test_a_body_over_the_upload_limit_is_refused_before_it_is_read(province, client):
    client.force_login(province.users["editor_a"])
    r = client.post(
        "/dang-vien/nhap/",
        data=b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert r.status_code == 413 and "quá giới hạn 1 MB" in r.content.decode()


def test_two_committees_deciding_one_rating_the_second_is_told(province, client):
    from dangvu.activities.models import QualityRating

    client.force_login(province.users["editor_a"])
    proposal = {"period": "2025", "organisation_code": "CA1", "grade": "httnv", "score": "80"}
    client.post("/hoat-dong/xep-loai/de-xuat/", proposal | {"tasks_on_time": "100"})
    rating = QualityRating.objects.get()
    client.force_login(province.users["admin"])
    token = version_in(client.get("/hoat-dong/xep-loai/").content)
    url = f"/hoat-dong/xep-loai/{rating.pk}/quyet-dinh/"
    first = {"decider_code": "XA", "grade": "httnv", "score": "80", "version": token}
    client.post(url, first)
    r = client.post(url, first | {"grade": "htnv", "score": "65"}, follow=True)
    assert "đã được người khác sửa" in r.content.decode()
    assert QualityRating.objects.get().decided_grade == "httnv"
