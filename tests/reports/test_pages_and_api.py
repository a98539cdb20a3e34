"""The report builder pages, downloads and API: what each fixture user may do (404 outside their scope)."""

from __future__ import annotations

import io

import pytest
from docx import Document

URLS = [
    "/bao-cao/{code}/?period=2019&on=2020-01-15",
    "/bao-cao/{code}/tai-ve/docx/?period=2019&on=2020-01-15",
    "/bao-cao/{code}/tai-ve/xlsx/?period=2019",
    "/bao-cao/{code}/bieu-thong-ke/?at=2019-12-31",
    "/api/reports/{code}/draft?period=2019",
    "/api/reports/{code}/file?period=2019&format=docx",
    "/api/reports/{code}/forms?at=2019-12-31",
]


@pytest.mark.parametrize("url", URLS)
def test_a_user_without_rights_gets_404(year_2019, client, url):
    client.force_login(year_2019.users["outsider"])  # views XB only
    assert client.get(url.format(code="HL")).status_code == 404
    assert client.get(url.format(code="XA")).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_the_administrator_gets_each_page_and_file(year_2019, client, url):
    client.force_login(year_2019.users["admin"])
    assert client.get(url.format(code="HL")).status_code == 200


def test_preview_links_every_figure_to_its_provenance(year_2019, client):
    client.force_login(year_2019.users["admin"])
    html = client.get("/bao-cao/HL/?period=2019&on=2020-01-15").content.decode()
    for code in ("DV_CUOI_KY", "DV_KET_NAP", "TC_CO_SO", "TC_CHI_BO"):
        assert f'href="/chi-tieu/HL/nguon/{code}/?period=2019&amp;view=was"' in html
    assert "TỈNH ỦY THỬ NGHIỆM" in html and "kết nạp đảng viên mới đạt 57% chỉ tiêu" in html.lower()


def test_an_editor_writes_narratives_for_their_unit_only(year_2019, client):
    client.force_login(year_2019.users["editor_a"])
    r = client.post("/bao-cao/XA/", {"period": "2019", "on": "2020-01-15", "chinh_tri": "Đoạn văn của xã."})
    assert r.status_code == 302
    data = client.get("/bao-cao/XA/tai-ve/docx/?period=2019&on=2020-01-15").content
    assert "Đoạn văn của xã." in "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert client.post("/bao-cao/HL/", {"period": "2019", "chinh_tri": "x"}).status_code == 404
    client.force_login(year_2019.users["outsider"])
    assert client.post("/bao-cao/XB/", {"period": "2019", "chinh_tri": "x"}).status_code == 404  # a viewer


def test_api_draft_states_the_tree_counts(year_2019, client):
    client.force_login(year_2019.users["admin"])
    body = client.get("/api/reports/HL/draft?period=2019&on=2020-01-15").json()
    assert body["structure"]["members"] == 15
    assert body["header"]["place_date"] == "Thử nghiệm, ngày 15 tháng 01 năm 2020"


def test_templates_page_is_for_top_administrators(year_2019, client):
    client.force_login(year_2019.users["editor_a"])
    assert client.get("/bao-cao/mau/").status_code == 404
    assert client.get("/bao-cao/mau/0/").status_code == 404
    client.force_login(year_2019.users["admin"])
    assert client.get("/bao-cao/mau/").status_code == 200
    assert client.get("/bao-cao/mau/0/")["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_editor_sets_the_signer_and_recipients_of_their_unit(year_2019, client):
    client.force_login(year_2019.users["editor_a"])
    form = {
        "signer_name": "Nguyễn Văn An",
        "signer_title": "BÍ THƯ",
        "recipients": "Huyện ủy Thạch Hà\nĐảng viên",
    }
    assert client.post("/bao-cao/XA/thiet-lap/", form).status_code == 302
    body = client.get("/api/reports/XA/draft?period=2019&on=2020-01-15").json()["header"]
    assert body["signer_name"] == "Nguyễn Văn An"
    assert body["recipients"] == ["- Huyện ủy Thạch Hà;", "- Đảng viên;", "- Lưu Văn phòng Đảng ủy."]
    assert client.post("/bao-cao/HL/thiet-lap/", form).status_code == 404


def test_issue_from_the_page_then_download_the_frozen_files(year_2019, client):
    from dangvu.reports.models import IssuedReport

    client.force_login(year_2019.users["outsider"])
    assert client.post("/bao-cao/HL/ban-hanh/", {"period": "2019", "on": "2020-01-15"}).status_code == 404
    client.force_login(year_2019.users["admin"])
    assert client.post("/bao-cao/HL/ban-hanh/", {"period": "2019", "on": "2020-01-15"}).status_code == 302
    issued = IssuedReport.objects.get()
    assert issued.symbol == "01-BC/TU"
    assert client.get(f"/bao-cao/da-ban-hanh/{issued.pk}/docx/").status_code == 200
    assert "01-BC/TU" in client.get("/bao-cao/HL/?period=2019&on=2020-01-15").content.decode()
    client.force_login(year_2019.users["outsider"])
    assert client.get(f"/bao-cao/da-ban-hanh/{issued.pk}/docx/").status_code == 404
