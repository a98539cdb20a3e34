"""The log of reads of personal data (Decree 13/2023): who sees it, its filters, pages, export, and that
browsing it is logged too."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from dangvu.accounts.models import Role, RoleLevel
from dangvu.members.models import AccessKind, Member, PersonalDataAccess

URL = "/quan-tri/du-lieu-ca-nhan/"


def _member_of(province, cell):
    return Member.objects.filter(placements__organisation=province[cell]).first()


@pytest.fixture
def admin_xb(province, django_user_model):
    u = django_user_model.objects.create_user(username="admin_xb", password="Mat-khau-thu-2026")
    Role.objects.create(user=u, organisation=province["XB"], level=RoleLevel.ADMINISTRATOR)
    return u


def test_reads_are_listed_to_the_administrators_of_their_sub_tree_only(client, province, admin_xb):
    client.force_login(province.users["editor_a"])
    m = _member_of(province, "CA1")
    client.get(f"/dang-vien/{m.pk}/")
    assert client.get(URL).status_code == 404  # an editor administers nothing
    client.force_login(province.users["admin"])
    page = client.get(URL).content.decode()
    assert "editor_a" in page and f"hồ sơ {m.full_name}" in page and "Xem hồ sơ" in page
    client.force_login(admin_xb)
    assert f"hồ sơ {m.full_name}" not in client.get(URL).content.decode()


def test_filters_by_user_kind_and_date_and_pages(client, province):
    admin = province.users["admin"]
    editor = province.users["editor_a"]
    path = province["CA1"].path
    for i in range(55):
        PersonalDataAccess.objects.create(
            actor=editor, kind=AccessKind.VIEW, org_path=path, detail=f"hồ sơ số {i}", count=1, member_ids=[i]
        )
    old = PersonalDataAccess.objects.create(
        actor=admin, kind=AccessKind.EXPORT, org_path=path, detail="xuất cũ", count=3, member_ids=[1, 2, 3]
    )
    PersonalDataAccess.objects.filter(pk=old.pk).update(at=dt.datetime(2024, 1, 5, 9, tzinfo=dt.UTC))
    client.force_login(admin)
    first = client.get(URL).content.decode()
    assert "Trang 1/2" in first
    assert "Trang 2/2" in client.get(URL, {"page": 2}).content.decode()
    only_export = client.get(URL, {"kind": "export"}).content.decode()
    assert "xuất cũ" in only_export and "hồ sơ số 3" not in only_export
    by_user = client.get(URL, {"user": "EDITOR_A"}).content.decode()
    assert "hồ sơ số 54" in by_user and "xuất cũ" not in by_user
    dated = client.get(URL, {"from": "2024-01-01", "to": "2024-01-31"}).content.decode()
    assert "xuất cũ" in dated and "hồ sơ số 54" not in dated
    wrong = client.get(URL, {"from": "32/13/2024"}).content.decode()
    assert "Từ ngày không hợp lệ" in wrong  # the wrong date is named, the rest of the page still shown


def test_browsing_and_exporting_the_log_are_logged(client, province):
    admin = province.users["admin"]
    m = _member_of(province, "CA1")
    PersonalDataAccess.objects.create(
        actor=province.users["editor_a"],
        kind=AccessKind.VIEW,
        org_path=province["CA1"].path,
        detail=f"hồ sơ {m.full_name}",
        count=1,
        member_ids=[m.pk],
    )
    client.force_login(admin)
    client.get(URL)
    seen = PersonalDataAccess.objects.filter(actor=admin).get()
    assert (seen.kind, seen.org_path, seen.member_ids) == (AccessKind.VIEW, province["HL"].path, [m.pk])
    assert "nhật ký truy cập dữ liệu cá nhân" in seen.detail
    r = client.get(URL + "xuat.xlsx", {"kind": "view"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Thời điểm", "Người xem", "Hình thức")
    assert {row[1] for row in rows[1:]} == {"editor_a", "admin"}  # the page view above is in the log too
    assert PersonalDataAccess.objects.filter(actor=admin, kind=AccessKind.EXPORT).count() == 1


def test_reads_over_a_whole_scope_carry_its_path(client, province):
    """An export or API read without a unit is logged under the user's scope, so its administrators see it."""
    client.force_login(province.users["editor_a"])
    client.get("/dang-vien/xuat/")
    client.get("/api/members/")
    paths = set(PersonalDataAccess.objects.values_list("org_path", flat=True))
    assert paths == {province["XA"].path}
    client.force_login(province.users["admin"])
    page = client.get(URL).content.decode()
    assert "Xuất tệp" in page and "Đọc qua API" in page


def test_the_administration_menu_links_the_log(client, province):
    client.force_login(province.users["admin"])
    assert f'href="{URL}"' in client.get("/to-chuc/").content.decode()
    client.force_login(province.users["editor_a"])
    assert f'href="{URL}"' not in client.get("/to-chuc/").content.decode()


def test_candidate_reads_name_the_candidates_on_the_page_and_in_the_export(client, province):
    """A read of the candidate list (birth dates of non-members) is logged with the candidates' ids, as a
    read of the members' list is with theirs; the log shows them, exports them, and its own reading names
    them too."""
    from dangvu.members.candidate_models import Occupation
    from dangvu.members.candidate_services import candidate_add
    from dangvu.members.models import Gender

    ids = sorted(
        candidate_add(
            actor=None,
            unit=province[cell],
            full_name=f"Quần chúng {cell}",
            birth_date=dt.date(2000, 2, 2),
            gender=Gender.FEMALE,
            ethnicity="Kinh",
            occupation=Occupation.FARMER,
            on=dt.date(2024, 1, 10),
        ).pk
        for cell in ("CA1", "CA2")
    )
    client.force_login(province.users["editor_a"])
    assert client.get("/dang-vien/nguon/").status_code == 200
    read = PersonalDataAccess.objects.get(actor=province.users["editor_a"])
    assert (sorted(read.candidate_ids), read.member_ids, read.count) == (ids, [], 2)
    admin = province.users["admin"]
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert "quần chúng: " + ", ".join(str(i) for i in read.candidate_ids) in page
    own = PersonalDataAccess.objects.filter(actor=admin).get()
    assert (own.candidate_ids, own.count) == (ids, 2)
    r = client.get(URL + "xuat.xlsx", {"user": "editor_a"})
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][6:] == ("Mã hồ sơ đảng viên", "Mã hồ sơ quần chúng (nguồn phát triển)")
    shown = ", ".join(str(i) for i in read.candidate_ids)
    assert [(row[5], row[6], row[7]) for row in rows[1:]] == [(2, None, shown)]


def test_the_page_shows_the_first_ids_and_says_how_many_more(client, province):
    PersonalDataAccess.objects.create(
        actor=province.users["editor_a"],
        kind=AccessKind.EXPORT,
        org_path=province["XA"].path,
        detail="xuất sổ",
        count=25,
        member_ids=list(range(1, 26)),
    )
    client.force_login(province.users["admin"])
    page = client.get(URL).content.decode()
    assert "đảng viên: " + ", ".join(str(i) for i in range(1, 21)) in page
    assert "và 5 hồ sơ khác" in page and ", 21" not in page
