"""Task pages, export and API: give a task from a conference, report progress, inbox and attention,
refusals as messages, and 404 outside scope."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from dangvu.accounts.services import api_token_create
from dangvu.assignments.models import Task
from dangvu.assignments.services import task_assign
from dangvu.meetings.services import meeting_record

TODAY = dt.date.today()


def _setup(province):
    admin = province.users["admin"]
    m = meeting_record(
        actor=admin,
        organiser=province["D1"],
        kind="giao_ban",
        title="Giao ban huyện",
        held_on=TODAY - dt.timedelta(days=20),
    )
    late = task_assign(
        actor=admin,
        meeting=m,
        text="Kiện toàn chi bộ",
        lead=province["XA"],
        deadline=TODAY - dt.timedelta(days=1),
    )
    other = task_assign(
        actor=admin,
        meeting=m,
        text="Rà soát đảng viên",
        lead=province["XB"],
        deadline=TODAY + dt.timedelta(days=3),
    )
    return m, late, other


def test_give_a_task_from_a_conference_through_the_form(client, province):
    m, _, _ = _setup(province)
    client.force_login(province.users["admin"])
    r = client.post(
        f"/nhiem-vu/moi/?hoi_nghi={m.pk}",
        {
            "text": "Tham mưu đầu tư trụ sở xã",
            "lead_name": "Sở Kế hoạch và Đầu tư",
            "supporting_codes": "XA, XB",
            "deadline": (TODAY + dt.timedelta(days=30)).isoformat(),
            "document": "Kế hoạch số 42-KH/TU",
        },
    )
    task = Task.objects.get(text="Tham mưu đầu tư trụ sở xã")
    assert r.status_code == 302 and task.meeting == m and task.document.symbol == "42-KH/TU"
    assert set(task.supporting.values_list("code", flat=True)) == {"XA", "XB"}
    r = client.post(f"/nhiem-vu/moi/?hoi_nghi={m.pk}", {"text": "x", "lead_code": "KHONGCO"})
    assert "Không có tổ chức mã «KHONGCO»" in r.content.decode()


def test_report_progress_and_see_the_status(client, province):
    _, late, _ = _setup(province)
    client.force_login(province.users["editor_a"])
    r = client.post(
        f"/nhiem-vu/{late.pk}/tien-do/", {"state": "done", "reported_on": TODAY.isoformat()}, follow=True
    )
    assert "cần minh chứng" in r.content.decode()
    client.post(
        f"/nhiem-vu/{late.pk}/tien-do/",
        {"state": "done", "reported_on": TODAY.isoformat(), "evidence": "Quyết định số 12-QĐ/ĐU"},
    )
    page = client.get(f"/nhiem-vu/{late.pk}/").content.decode()
    assert "Hoàn thành quá hạn" in page and "12-QĐ/ĐU" in page


def test_inbox_list_attention_and_refusals(client, province):
    _, late, other = _setup(province)
    client.force_login(province.users["admin"])
    page = client.get("/nhiem-vu/").content.decode()
    assert "Quá hạn (1)" in page and "Sắp đến hạn trong 7 ngày (1)" in page
    client.force_login(province.users["outsider"])
    inbox = client.get("/nhiem-vu/don-vi/XB/").content.decode()
    assert "Rà soát đảng viên" in inbox and "Kiện toàn chi bộ" not in inbox
    assert client.get("/nhiem-vu/don-vi/XA/").status_code == 404
    assert client.get(f"/nhiem-vu/{late.pk}/").status_code == 404
    assert (
        client.post(f"/nhiem-vu/{late.pk}/tien-do/", {"state": "in_progress", "note": "x"}).status_code == 404
    )
    page = client.get(f"/nhiem-vu/{other.pk}/").content.decode()
    assert "progress-form" not in page  # a viewer of the lead unit does not report
    r = client.post(f"/nhiem-vu/{other.pk}/tien-do/", {"state": "in_progress", "note": "x"}, follow=True)
    assert "Chỉ đơn vị chủ trì" in r.content.decode()
    assert client.get("/nhiem-vu/?org=XA").status_code == 404


def test_export_xlsx(client, province):
    _setup(province)
    client.force_login(province.users["editor_a"])
    r = client.get("/nhiem-vu/xuat.xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][1] == "Nội dung nhiệm vụ"
    assert [row[1] for row in rows[1:]] == ["Kiện toàn chi bộ"]  # only what editor_a may see
    assert rows[1][9] == "Quá hạn"


def test_api(client, province):
    _, late, other = _setup(province)
    tokens = {n: api_token_create(actor=u, user=u, label="t") for n, u in province.users.items()}

    def h(n):
        return {"HTTP_AUTHORIZATION": f"Bearer {tokens[n]}"}

    assert client.get("/api/tasks").status_code == 401
    assert [t["id"] for t in client.get("/api/tasks", **h("outsider")).json()] == [other.pk]
    assert client.get(f"/api/tasks/{late.pk}", **h("outsider")).status_code == 404
    assert client.get("/api/tasks/inbox/XA", **h("outsider")).status_code == 404
    att = client.get("/api/tasks/attention", **h("admin")).json()
    assert [t["id"] for t in att["overdue"]] == [late.pk] and att["overdue"][0]["status"] == "overdue"
    r = client.post(
        f"/api/tasks/{other.pk}/progress",
        {"state": "in_progress", "note": "x"},
        content_type="application/json",
        **h("outsider"),
    )
    assert r.status_code == 403
    r = client.post(
        f"/api/tasks/{late.pk}/progress",
        {"state": "done", "evidence": "Báo cáo 3-BC/ĐU"},
        content_type="application/json",
        **h("editor_a"),
    )
    assert r.status_code == 201 and r.json()["status"] == "done_late"
