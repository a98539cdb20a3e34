"""Activity pages, the .xlsx import and the API: forms through the services, refusals as messages, and 404
outside scope for editor_a (edits XA) and outsider (views XB)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from dangvu.accounts.services import api_token_create
from dangvu.activities import ratings, services
from dangvu.activities.models import CellMeeting, Discipline, Inspection, QualityRating
from dangvu.members.models import Member

D = dt.date(2024, 3, 12)


def _inspection(province, conductor="XA", subject="CA1"):
    return services.inspection_record(
        actor=None,
        mode="supervision",
        kind="thematic",
        conductor=province[conductor],
        body="committee",
        subject_organisation=province[subject],
        topic="Giám sát chuyên đề",
        started_on=D,
    )


def test_record_a_meeting_through_the_form(client, province):
    client.force_login(province.users["editor_a"])
    form = {
        "cell_code": "CA1",
        "held_on": "2024-03-05",
        "kind": "regular",
        "expected": 3,
        "present": 3,
        "absent_excused": 0,
        "absent_unexcused": 0,
    }
    assert client.post("/hoat-dong/sinh-hoat/moi/", form).status_code == 302
    assert CellMeeting.objects.get().cell.code == "CA1"
    r = client.post("/hoat-dong/sinh-hoat/moi/", {**form, "present": 1})
    assert "phải bằng số phải dự" in r.content.decode()
    r = client.post("/hoat-dong/sinh-hoat/moi/", {**form, "cell_code": "CB1"})
    assert "Không có tổ chức mã «CB1»" in r.content.decode()  # outside editor_a's scope: not even named
    page = client.get("/hoat-dong/sinh-hoat/").content.decode()
    assert "Chi bộ thôn Trung Hòa" in page


def test_overview_and_refusals(client, province):
    _inspection(province)
    client.force_login(province.users["admin"])
    page = client.get("/hoat-dong/?org=HL&period=2024").content.decode()
    assert "1/2 đảng ủy cơ sở" in page and "Đảng bộ xã Thạch Sơn" in page
    client.force_login(province.users["editor_a"])
    assert client.get("/hoat-dong/?org=XB").status_code == 404
    assert client.get("/hoat-dong/").status_code == 200  # defaults to editor_a's own unit
    client.force_login(province.users["outsider"])
    assert client.get("/hoat-dong/?org=XA").status_code == 404
    assert client.get("/hoat-dong/sinh-hoat/?org=XA").status_code == 404
    insp = Inspection.objects.get()
    assert client.get(f"/hoat-dong/kiem-tra/{insp.pk}/").status_code == 404
    assert client.post(f"/hoat-dong/kiem-tra/{insp.pk}/huy/", {"reason": "x"}).status_code == 404
    r = client.post(
        "/hoat-dong/kiem-tra/moi/",
        {
            "mode": "inspection",
            "kind": "regular",
            "conductor_code": "XB",
            "body": "committee",
            "subject_code": "CB1",
            "topic": "x",
            "started_on": "2024-01-02",
        },
    )
    assert "Không có tổ chức mã «XB»" in r.content.decode()  # a viewer is not an editor
    assert "Đảng bộ xã Thạch Long" not in client.get("/hoat-dong/kiem-tra/").content.decode()


def test_inspection_detail_discipline_and_void(client, province):
    admin = province.users["admin"]
    member = Member.objects.filter(placements__organisation=province["CA1"]).first()
    insp = services.inspection_record(
        actor=None,
        mode="inspection",
        kind="violation",
        conductor=province["XA"],
        body="commission",
        subject_member=member,
        topic="Dấu hiệu vi phạm",
        started_on=D,
    )
    client.force_login(province.users["editor_a"])
    page = client.get(f"/hoat-dong/kiem-tra/{insp.pk}/").content.decode()
    assert "void-form" in page
    r = client.post(
        f"/hoat-dong/ky-luat/moi/?kiem_tra={insp.pk}",
        {"member": member.pk, "form": "reprimand", "decided_on": "2024-04-01", "reason": "Vi phạm"},
    )
    assert r.status_code == 302 and Discipline.objects.get().inspection == insp
    assert "Khiển trách" in client.get("/hoat-dong/ky-luat/").content.decode()
    client.force_login(province.users["outsider"])
    assert "Khiển trách" not in client.get("/hoat-dong/ky-luat/").content.decode()
    client.force_login(admin)
    client.post(f"/hoat-dong/kiem-tra/{insp.pk}/huy/", {"reason": "nhập nhầm"})
    insp.refresh_from_db()
    assert insp.voided_at is not None


def test_ratings_pages(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post(
        "/hoat-dong/xep-loai/de-xuat/",
        {
            "period": "2025",
            "organisation_code": "CA1",
            "grade": "htxsnv",
            "score": "80",
            "tasks_on_time": "100",
        },
    )
    assert "cần từ 90 điểm" in r.content.decode()
    client.post(
        "/hoat-dong/xep-loai/de-xuat/",
        {
            "period": "2025",
            "organisation_code": "CA1",
            "grade": "httnv",
            "score": "80",
            "tasks_on_time": "100",
        },
    )
    rating = QualityRating.objects.get()
    r = client.post(
        f"/hoat-dong/xep-loai/{rating.pk}/quyet-dinh/",
        {"decider_code": "XA", "grade": "httnv", "score": "80"},
        follow=True,
    )
    assert "không có quyền quyết định" in r.content.decode()
    client.force_login(province.users["admin"])
    client.post(
        f"/hoat-dong/xep-loai/{rating.pk}/quyet-dinh/", {"decider_code": "XA", "grade": "htnv", "score": "65"}
    )
    rating.refresh_from_db()
    assert (rating.proposed_grade, rating.decided_grade) == ("httnv", "htnv")
    client.force_login(province.users["outsider"])
    assert "Trung Hòa" not in client.get("/hoat-dong/xep-loai/").content.decode()
    assert client.post(f"/hoat-dong/xep-loai/{rating.pk}/quyet-dinh/", {}).status_code == 404


def test_models_and_plan_pages(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post(
        "/hoat-dong/dan-van-kheo/moi/",
        {
            "organisation_code": "XA",
            "year": 2024,
            "name": "Nhà sạch vườn đẹp",
            "field": "society",
            "level": "commune",
        },
    )
    assert r.status_code == 302
    assert "Nhà sạch vườn đẹp" in client.get("/hoat-dong/dan-van-kheo/").content.decode()
    r = client.post(
        "/hoat-dong/kiem-tra/chuong-trinh/",
        {"organisation_code": "XA", "year": 2024, "inspections_planned": 3, "supervisions_planned": 2},
    )
    assert r.status_code == 302
    client.force_login(province.users["outsider"])
    assert "Nhà sạch vườn đẹp" not in client.get("/hoat-dong/dan-van-kheo/").content.decode()
    r = client.post(
        "/hoat-dong/dan-van-kheo/moi/",
        {"organisation_code": "XB", "year": 2024, "name": "x", "field": "society", "level": "commune"},
    )
    assert "Không có tổ chức mã «XB»" in r.content.decode()


def _xlsx(rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "sinh-hoat.xlsx"
    return out


HEAD = [
    "Mã chi bộ",
    "Ngày sinh hoạt",
    "Loại",
    "Nội dung, chuyên đề",
    "Phải dự",
    "Có mặt",
    "Vắng có lý do",
    "Vắng không lý do",
    "Chủ trì",
    "Chất lượng",
]


def test_import_meetings_preview_errors_then_confirm(client, province):
    client.force_login(province.users["editor_a"])
    template = client.get("/hoat-dong/nhap/sinh-hoat/mau.xlsx")
    assert openpyxl.load_workbook(io.BytesIO(template.content)).active["A1"].value == "Mã chi bộ"
    bad = _xlsx(
        [
            HEAD,
            ["CA1", "05/01/2024", "Thường kỳ", "", 3, 2, 1, 0, "", "Tốt"],
            ["CB1", "05/01/2024", "Thường kỳ", "", 4, 4, 0, 0, "", ""],
            ["CA2", "32/01/2024", "Họp", "", 2, 3, 0, 0, "", ""],
        ]
    )
    r = client.post("/hoat-dong/nhap/sinh-hoat/", {"file": bad})
    errors = [str(e) for e in r.context["result"].errors]
    assert errors[0] == "Dòng 3, cột «Mã chi bộ»: không có tổ chức mã «CB1» trong phạm vi cập nhật của bạn."
    assert errors[1].startswith("Dòng 4, cột «Ngày sinh hoạt»: Ngày sinh hoạt không hợp lệ")
    assert errors[2] == "Dòng 4, cột «Loại (Thường kỳ / Chuyên đề)»: «Họp» không phải một giá trị được chọn."
    assert "Tệp có 3 lỗi trong 3 dòng; không ghi gì" in r.content.decode()
    assert CellMeeting.objects.count() == 0
    good = _xlsx(
        [
            HEAD,
            ["CA1", "05/01/2024", "Thường kỳ", "", 3, 2, 1, 0, "", "Tốt"],
            ["CA2", dt.datetime(2024, 2, 20), "Chuyên đề", "Học tập Bác", 2, 1, 0, 1, "", ""],
        ]
    )
    r = client.post("/hoat-dong/nhap/sinh-hoat/", {"file": good})
    token = r.context["token"]
    assert "2 dòng hợp lệ" in r.content.decode() and CellMeeting.objects.count() == 0
    client.post("/hoat-dong/nhap/sinh-hoat/", {"token": token, "name": "sinh-hoat.xlsx"})
    assert (
        CellMeeting.objects.count() == 2 and CellMeeting.objects.first().source == "nhập tệp sinh-hoat.xlsx"
    )
    again = _xlsx([HEAD, ["CA1", "05/01/2024", "Thường kỳ", "", 3, 2, 1, 0, "", "Tốt"]])
    assert "1 đã có trong sổ" in client.post("/hoat-dong/nhap/sinh-hoat/", {"file": again}).content.decode()


def test_import_inspections(client, province):
    from dangvu.activities.xlsx_import import KINDS, activities_import

    head = [c.header for c in KINDS["kiem-tra"][1]]
    f = _xlsx(
        [
            head,
            ["Giám sát", "Chuyên đề", "XA", "Cấp ủy", "CA1", "Nghị quyết", "10/04/2024", "", ""],
            ["Giám sát", "Khi có dấu hiệu vi phạm", "XA", "Cấp ủy", "CA2", "x", "10/04/2024", "", ""],
        ]
    )
    result = activities_import(f, kind="kiem-tra", actor=province.users["editor_a"])
    assert not result.written and [str(e) for e in result.errors] == [
        "Dòng 3, cột «Loại (Thường xuyên / Chuyên đề / Khi có dấu hiệu vi phạm)»: "
        "«Khi có dấu hiệu vi phạm» là loại của cuộc kiểm tra, không phải giám sát."
    ]
    client.force_login(province.users["outsider"])
    assert client.get("/hoat-dong/nhap/khong-co/").status_code == 404


def test_api(client, province):
    insp = _inspection(province)
    tokens = {n: api_token_create(actor=u, user=u, label="t") for n, u in province.users.items()}

    def h(n):
        return {"HTTP_AUTHORIZATION": f"Bearer {tokens[n]}"}

    assert client.get("/api/activities/inspections").status_code == 401
    assert [i["id"] for i in client.get("/api/activities/inspections", **h("editor_a")).json()] == [insp.pk]
    assert client.get("/api/activities/inspections", **h("outsider")).json() == []
    assert client.get(f"/api/activities/inspections/{insp.pk}", **h("outsider")).status_code == 404
    assert client.get("/api/activities/coverage/XA", **h("outsider")).status_code == 404
    cov = client.get("/api/activities/coverage/HL?period=2024", **h("admin")).json()
    assert cov["sentence"].startswith("2/2 đảng bộ trực thuộc, 1/2 đảng ủy cơ sở")
    body = {"cell": "CA1", "held_on": "2024-01-05", "kind": "regular", "expected": 3, "present": 3}
    r = client.post("/api/activities/cell-meetings", body, content_type="application/json", **h("editor_a"))
    assert r.status_code == 201 and r.json()["cell"] == "CA1"
    r = client.post(
        "/api/activities/cell-meetings",
        {**body, "cell": "CB1", "expected": 4, "present": 4},
        content_type="application/json",
        **h("outsider"),
    )
    assert r.status_code == 403
    r = client.post(
        "/api/activities/cell-meetings",
        {**body, "present": 2},
        content_type="application/json",
        **h("editor_a"),
    )
    assert r.status_code == 400
    gaps = client.get("/api/activities/meeting-gaps/XA?period=2024-Q1", **h("editor_a")).json()
    assert {g["cell"]: g["months_missed"] for g in gaps} == {
        "CA1": ["2024-02", "2024-03"],
        "CA2": ["2024-01", "2024-02", "2024-03"],
    }
    assert client.get("/api/activities/plans/XB?year=2024", **h("editor_a")).status_code == 404
    assert client.get("/api/activities/cell-meetings?org=XB", **h("editor_a")).status_code == 404
    ratings.rating_propose(actor=None, period="2023", organisation=province["CA1"], grade="htnv")
