"""The register's pages: each works for a user in scope and refuses (404) one outside it; personal data
only for editors and above, and each view of it logged."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.core.management import call_command
from django.test import Client

from dangvu.members.models import EventKind, Member, MembershipEvent, PersonalDataAccess
from dangvu.members.xlsx import template_write


def _client(province: Any, name: str) -> Client:
    c = Client()
    c.force_login(province.users[name])
    return c


def _member(code: str) -> Member:
    return Member.objects.filter(placements__organisation__code=code).order_by("id").first()  # type: ignore[return-value]


def test_register_list_search_and_export(province: Any) -> None:
    c = _client(province, "editor_a")
    page = c.get("/dang-vien/", {"q": "dang vien thu", "at": "2021-01-01"})
    assert page.status_code == 200 and page.content.decode().count("/dang-vien/") >= 5
    assert "Chi bộ thôn Bắc Sơn" not in page.content.decode()  # XB is not editor_a's
    assert c.get("/dang-vien/", {"org": "XB"}).status_code == 404
    export = c.get("/dang-vien/xuat/", {"org": "XA", "at": "2021-01-01"})
    assert export.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active  # type: ignore[attr-defined]
    assert ws.max_row == 6
    assert PersonalDataAccess.objects.get().count == 5
    assert c.get("/dang-vien/mau-nhap/").status_code == 200


def test_member_page_personal_data_and_refusal(province: Any) -> None:
    m = _member("CB1")
    viewer = _client(province, "outsider").get(f"/dang-vien/{m.pk}/").content.decode()
    assert 'id="personal-hidden"' in viewer and "01/01/1980" not in viewer
    assert not PersonalDataAccess.objects.exists()
    admin = _client(province, "admin").get(f"/dang-vien/{m.pk}/").content.decode()
    assert "01/01/1980" in admin
    log = PersonalDataAccess.objects.get()
    assert (log.actor, log.kind, log.member_ids) == (province.users["admin"], "view", [m.pk])
    assert _client(province, "editor_a").get(f"/dang-vien/{m.pk}/").status_code == 404


def test_recording_events_through_the_page(province: Any) -> None:
    m = _member("CA1")
    c = _client(province, "editor_a")
    r = c.post(
        f"/dang-vien/{m.pk}/bien-dong/", {"kind": "transfer", "on": "2022-01-01", "to_cell_code": "CA2"}
    )
    assert r.status_code == 302
    assert MembershipEvent.objects.filter(member=m, kind=EventKind.TRANSFER).exists()
    c.post(f"/dang-vien/{m.pk}/bien-dong/", {"kind": "transfer", "on": "2023-01-01", "to_cell_code": "CB1"})
    assert MembershipEvent.objects.filter(member=m, kind=EventKind.TRANSFER).count() == 1  # CB1: refused
    other = _member("CB1")
    assert (
        c.post(f"/dang-vien/{other.pk}/bien-dong/", {"kind": "death", "on": "2022-01-01"}).status_code == 404
    )


def test_admission_form(province: Any) -> None:
    c = _client(province, "editor_a")
    data = {
        "cell_code": "CA1",
        "full_name": "Phan Thị Mai",
        "gender": "nu",
        "birth_date": "1996-04-04",
        "ethnicity": "Kinh",
        "admitted_on": "2024-05-19",
        "theory_level": "",
    }
    assert c.post("/dang-vien/ket-nap/", data).status_code == 302
    assert Member.objects.filter(name_folded="phan thi mai").exists()
    refused = c.post("/dang-vien/ket-nap/", data | {"cell_code": "CB1", "full_name": "Khác"})
    assert "không có chi bộ mã" in refused.content.decode().lower()


def test_import_wizard_preview_then_confirm(province: Any, tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "f.xlsx"
    template_write(path)
    wb = openpyxl.load_workbook(path)
    wb.active.append(
        [
            1,
            "Võ Văn Nhập",
            "Nam",
            "02/02/1992",
            "Kinh",
            None,
            None,
            None,
            None,
            None,
            None,  # type: ignore[union-attr]
            None,
            None,
            "03/03/2015",
            None,
            None,
            "CA2",
        ]
    )
    wb.save(path)
    c = _client(province, "editor_a")
    with path.open("rb") as f:
        preview = c.post("/dang-vien/nhap/", {"file": f})
    assert 'id="import-ok"' in preview.content.decode()
    assert not Member.objects.filter(name_folded="vo van nhap").exists()
    token = preview.context["token"]
    confirmed = c.post("/dang-vien/nhap/", {"token": str(token)})
    assert confirmed.status_code == 302 and confirmed["Location"].startswith("/cong-viec/")
    assert not Member.objects.filter(name_folded="vo van nhap").exists()  # the worker writes it
    call_command("worker", "--once", stdout=io.StringIO())
    assert Member.objects.filter(name_folded="vo van nhap").exists()
    assert "Đã thêm 1 đảng viên" in c.get(confirmed["Location"]).content.decode()
    outsider = _client(province, "outsider")
    with path.open("rb") as f:
        refused = outsider.post("/dang-vien/nhap/", {"file": f})
    assert 'id="import-errors"' in refused.content.decode()


def test_statistics_and_work_lists(province: Any) -> None:
    c = _client(province, "outsider")
    page = c.get("/dang-vien/thong-ke/", {"at": "2021-01-01"})
    assert page.status_code == 200 and page.context["stats"].total == 4
    assert c.get("/dang-vien/thong-ke/", {"org": "XA"}).status_code == 404
    assert c.get("/dang-vien/viec-can-lam/").status_code == 200
    assert Client().get("/dang-vien/").status_code == 302  # anonymous: to the login page
