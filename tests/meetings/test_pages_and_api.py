"""Conference pages and API: record through the form, add people, refusals as messages, 404 outside scope."""

from __future__ import annotations

import datetime as dt

from dangvu.accounts.services import api_token_create
from dangvu.meetings.models import Meeting
from dangvu.meetings.services import meeting_record

FORM = {
    "organiser_code": "XA",
    "kind": "so_ket_quy",
    "title": "Sơ kết quý 1",
    "held_on": "2018-04-06",
    "period": "2018-Q1",
    "documents": "Chỉ thị số 05-CT/TƯ\nKế hoạch số 42-KH/TU ngày 17/5/2021",
}


def _meeting(province):
    return meeting_record(
        actor=province.users["admin"],
        organiser=province["XA"],
        kind="giao_ban",
        title="Giao ban quý 1",
        held_on=dt.date(2022, 4, 14),
    )


def test_record_through_the_form_then_add_a_chair(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post("/hoi-nghi/moi/", FORM)
    m = Meeting.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/hoi-nghi/{m.pk}/"
    client.post(
        f"/hoi-nghi/{m.pk}/nguoi-du/",
        {
            "role": "chair",
            "full_name": "Thào Hồng Sơn",
            "positions": "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
        },
    )
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert "Thào Hồng Sơn</a>, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh" in page
    assert "05-CT/TW" in page and "42-KH/TU" in page
    person = m.participants.get().person
    assert "Chủ tịch HĐND tỉnh" in client.get(f"/hoi-nghi/can-bo/{person.pk}/").content.decode()
    assert "Sơ kết quý 1" in client.get("/hoi-nghi/?q=so ket").content.decode()


def test_form_errors_come_back_on_the_form(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post("/hoi-nghi/moi/", {**FORM, "period": "2018-H1"})
    assert "không xem xét kỳ" in r.content.decode()
    r = client.post("/hoi-nghi/moi/", {**FORM, "documents": "02-NQ"})
    assert "thiếu cơ quan ban hành" in r.content.decode()
    r = client.post("/hoi-nghi/moi/", {**FORM, "organiser_code": "XB"})
    assert "Không có tổ chức mã «XB»" in r.content.decode()
    assert not Meeting.objects.exists()


def test_refusals_as_messages_and_404s(client, province):
    m = _meeting(province)
    client.force_login(province.users["editor_a"])
    r = client.post(f"/hoi-nghi/{m.pk}/ket-luan/", {"conclusion": " "}, follow=True)
    assert "Trường này là bắt buộc" in r.content.decode() or "Cần nội dung" in r.content.decode()
    client.force_login(province.users["outsider"])
    assert client.get(f"/hoi-nghi/{m.pk}/").status_code == 404
    assert client.post(f"/hoi-nghi/{m.pk}/ket-luan/", {"conclusion": "x"}).status_code == 404
    assert client.post(f"/hoi-nghi/{m.pk}/khong-co/", {}).status_code == 404
    assert "Giao ban quý 1" not in client.get("/hoi-nghi/").content.decode()
    Meeting.objects.filter(pk=m.pk).update(conclusion="")
    assert Meeting.objects.get(pk=m.pk).conclusion == ""


def test_api(client, province):
    m = _meeting(province)
    tokens = {n: api_token_create(actor=u, user=u, label="t") for n, u in province.users.items()}

    def h(n):
        return {"HTTP_AUTHORIZATION": f"Bearer {tokens[n]}"}

    assert client.get(f"/api/meetings/{m.pk}").status_code == 401
    assert client.get(f"/api/meetings/{m.pk}", **h("outsider")).status_code == 404
    assert client.get(f"/api/meetings/{m.pk}", **h("editor_a")).json()["title"] == "Giao ban quý 1"
    body = {
        "organiser_code": "XA",
        "kind": "hoi_nghi",
        "title": "Hội nghị chuyên đề",
        "held_on": "2022-05-20",
        "documents": ["Nghị quyết 37-NQ/TW"],
        "participants": [
            {
                "role": "chair",
                "full_name": "Hoàng Trung Dũng",
                "positions": ["Phó Bí thư Thường trực Tỉnh ủy"],
            }
        ],
    }
    r = client.post("/api/meetings", body, content_type="application/json", **h("editor_a"))
    assert r.status_code == 201, r.content
    assert r.json()["documents"] == ["37-NQ/TW"] and r.json()["participants"][0]["name"] == "Hoàng Trung Dũng"
    r = client.post(
        "/api/meetings", {**body, "organiser_code": "XB"}, content_type="application/json", **h("outsider")
    )
    assert r.status_code == 404
    r = client.post(
        "/api/meetings", {**body, "documents": ["02-NQ"]}, content_type="application/json", **h("editor_a")
    )
    assert r.status_code == 400 and "thiếu cơ quan" in r.json()["detail"]
