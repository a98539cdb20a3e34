"""The reorganisation pages: administrators change the tree through forms; refusals come back as messages."""

from __future__ import annotations

import datetime as dt

from dangvu.organisations.models import Organisation, OrgLink


def test_admin_renames_a_commune_through_the_form(client, province):
    client.force_login(province.users["admin"])
    response = client.post(
        "/to-chuc/XA/sap-xep/doi-ten/",
        {"name": "Đảng bộ xã Thạch Long Mới", "effective_on": "2021-01-01", "decision": "12-QĐ/HU"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(code="XA").name == "Đảng bộ xã Thạch Long Mới"


def test_admin_merges_two_communes_into_a_new_one_under_the_province(client, province):
    client.force_login(province.users["admin"])
    response = client.post(
        "/to-chuc/XA/sap-xep/hop-nhat/",
        {
            "other_codes": "XB",
            "new_code": "XN",
            "new_name": "Đảng bộ xã Thạch Hà Mới",
            "new_parent_code": "HL",
            "effective_on": "2025-07-01",
            "decision": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Organisation.objects.get(code="XN")
    assert new.parent is not None and new.parent.code == "HL"
    assert set(new.children.values_list("code", flat=True)) == {"CA1", "CA2", "CB1"}
    assert Organisation.objects.get(code="XA").successor == new
    assert OrgLink.objects.get(child__code="CA1", valid_to=dt.date(2025, 7, 1)).parent.code == "XA"


def test_a_refused_change_shows_the_reason_and_changes_nothing(client, province):
    client.force_login(province.users["admin"])
    before = OrgLink.objects.count()
    response = client.post(
        "/to-chuc/CA1/sap-xep/dieu-chuyen/",
        {"parent_code": "HL", "effective_on": "2021-01-01", "decision": ""},
    )
    assert response.status_code == 200
    assert "không thể có đơn vị trực thuộc" in response.content.decode()
    assert OrgLink.objects.count() == before


def test_unknown_or_out_of_scope_codes_are_named_in_the_error(client, province):
    client.force_login(province.users["admin"])
    response = client.post(
        "/to-chuc/XA/sap-xep/dieu-chuyen/", {"parent_code": "KHONGCO", "effective_on": "2021-01-01"}
    )
    assert "Không có tổ chức mã «KHONGCO»" in response.content.decode()


def test_non_administrators_get_404_on_reorganisation_pages(client, province):
    client.force_login(province.users["editor_a"])
    assert client.get("/to-chuc/XA/sap-xep/doi-ten/").status_code == 404
    client.force_login(province.users["outsider"])
    assert client.get("/to-chuc/XA/sap-xep/doi-ten/").status_code == 404


def test_detail_page_offers_reorganisation_only_to_administrators(client, province):
    client.force_login(province.users["admin"])
    assert "reorganise-links" in client.get("/to-chuc/XA/").content.decode()
    client.force_login(province.users["editor_a"])
    assert "reorganise-links" not in client.get("/to-chuc/XA/").content.decode()
