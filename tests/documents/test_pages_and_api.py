"""Document pages and API: register through the form, bad symbols shown with the parser's reason, the
document page lists what cites it, and every page refuses outsiders with 404."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.accounts.services import api_token_create
from dangvu.assignments.services import task_assign
from dangvu.documents.models import Document
from dangvu.documents.services import document_register
from dangvu.meetings.services import meeting_record


def test_register_through_the_form_and_see_it(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post(
        "/van-ban/moi/",
        {
            "reference": "Nghị quyết số 03-NQ/ĐU ngày 5/3/2021",
            "owner_code": "XA",
            "title": "Về phát triển đảng viên",
        },
    )
    doc = Document.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/van-ban/{doc.pk}/"
    page = client.get(f"/van-ban/{doc.pk}/").content.decode()
    assert "03-NQ/ĐU" in page and "05/03/2021" in page
    assert doc.symbol in client.get("/van-ban/?q=phat trien dang vien").content.decode()


def test_a_bad_symbol_shows_the_parsers_reason_on_the_form(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post("/van-ban/moi/", {"reference": "02-NQ", "owner_code": "XA"})
    assert r.status_code == 200
    assert "thiếu cơ quan ban hành" in r.content.decode()
    assert not Document.objects.exists()


def test_refusals_on_forms(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post("/van-ban/moi/", {"reference": "04-NQ/ĐU", "owner_code": "XB"})
    assert "Không có tổ chức mã «XB»" in r.content.decode()
    client.force_login(province.users["outsider"])
    r = client.post("/van-ban/moi/", {"reference": "04-NQ/ĐU", "owner_code": "XB"})
    assert "không có quyền" in r.content.decode()
    assert not Document.objects.exists()


def test_document_page_shows_meetings_and_tasks_that_cite_it(client, province):
    admin = province.users["admin"]
    m = meeting_record(
        actor=admin,
        organiser=province["XA"],
        kind="giao_ban",
        title="Giao ban tháng 4",
        held_on=dt.date(2022, 4, 14),
        documents=["Chỉ thị 05 của Bộ Chính trị"],
    )
    doc = m.documents.get()
    task_assign(
        actor=admin,
        organisation=province["XB"],
        document="05-CT/TW",
        text="Học tập và làm theo",
        lead=province["CB1"],
    )
    client.force_login(province.users["editor_a"])
    page = client.get(f"/van-ban/{doc.pk}/").content.decode()
    assert "Giao ban tháng 4" in page and "Học tập và làm theo" not in page  # the XB task is not theirs
    client.force_login(admin)
    page = client.get(f"/van-ban/{doc.pk}/").content.decode()
    assert "Giao ban tháng 4" in page and "Học tập và làm theo" in page


def test_outsiders_get_404_and_viewers_no_edit_forms(client, province):
    doc = document_register(actor=province.users["admin"], reference="03-NQ/ĐU", owner=province["XA"])
    client.force_login(province.users["outsider"])
    assert client.get(f"/van-ban/{doc.pk}/").status_code == 404
    assert client.post(f"/van-ban/{doc.pk}/huy/", {"reason": "x"}).status_code == 404
    shared = document_register(actor=province.users["admin"], reference="05-CT/TW")
    page = client.get(f"/van-ban/{shared.pk}/").content.decode()
    assert "void-form" not in page
    client.post(f"/van-ban/{shared.pk}/huy/", {"reason": "x"})
    assert Document.objects.get(pk=shared.pk).voided_at is None


def test_link_and_void_through_the_page(client, province):
    admin = province.users["admin"]
    nq = document_register(actor=admin, reference="02-NQ/TU", owner=province["HL"])
    kh = document_register(actor=admin, reference="42-KH/TU", owner=province["HL"])
    client.force_login(admin)
    client.post(f"/van-ban/{kh.pk}/lien-ket/", {"relation": "implements", "target": "Nghị quyết số 02-NQ/TU"})
    assert "thực hiện" in client.get(f"/van-ban/{nq.pk}/").content.decode()
    r = client.post(
        f"/van-ban/{kh.pk}/lien-ket/", {"relation": "implements", "target": "99-NQ/TU"}, follow=True
    )
    assert "hãy vào sổ trước" in r.content.decode()
    client.post(f"/van-ban/{kh.pk}/huy/", {"reason": "nhầm"})
    assert Document.objects.get(pk=kh.pk).voided_at is not None


@pytest.fixture
def tokens(province):
    return {name: api_token_create(actor=u, user=u, label="thử") for name, u in province.users.items()}


def _h(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_api_search_parse_register_and_scope(client, province, tokens):
    own = document_register(actor=province.users["admin"], reference="03-NQ/ĐU", owner=province["XA"])
    assert client.get("/api/documents").status_code == 401
    assert [
        d["symbol"] for d in client.get("/api/documents?q=03-NQ/ĐU", **_h(tokens["editor_a"])).json()
    ] == ["03-NQ/ĐU"]
    assert client.get("/api/documents?q=03-NQ/ĐU", **_h(tokens["outsider"])).json() == []
    assert client.get(f"/api/documents/{own.pk}", **_h(tokens["outsider"])).status_code == 404
    r = client.get("/api/documents/parse?text=Chỉ thị 05 của Bộ Chính trị", **_h(tokens["outsider"]))
    assert r.json()["issuer"] == "TW" and r.json()["number"] == "05"
    r = client.get("/api/documents/parse?text=02-NQ", **_h(tokens["outsider"]))
    assert r.status_code == 400 and "thiếu cơ quan" in r.json()["detail"]
    r = client.post(
        "/api/documents", {"reference": "05-CT/TƯ"}, content_type="application/json", **_h(tokens["outsider"])
    )
    assert r.status_code == 403
    r = client.post(
        "/api/documents", {"reference": "05-CT/TƯ"}, content_type="application/json", **_h(tokens["editor_a"])
    )
    assert r.status_code == 201 and r.json()["symbol"] == "05-CT/TW" and r.json()["owner_code"] is None
