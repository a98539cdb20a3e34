"""Pages for Quy định 213, early badges and the candidate pipeline: each works in scope, refuses (404)
outside it, shows the birth date of candidates only to editors and logs it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from dangvu.members import candidate_services as svc
from dangvu.members.candidate_models import Candidate, Occupation, Stage
from dangvu.members.models import (
    AgencyCell,
    EarlyBadge,
    EventKind,
    Gender,
    Member,
    MembershipEvent,
    PersonalDataAccess,
    ResidenceComment,
    ResidenceContact,
)

D = dt.date


def _client(province: Any, name: str) -> Client:
    c = Client()
    c.force_login(province.users[name])
    return c


def _member(code: str) -> Member:
    return Member.objects.filter(placements__organisation__code=code).order_by("id").first()  # type: ignore[return-value]


def test_residence_contact_comment_and_work_list_through_pages(province: Any) -> None:
    admin = _client(province, "admin")
    r = admin.post("/dang-vien/viec-can-lam/", {"cell_code": "CS", "since": "2020-01-01"})
    assert r.status_code == 302 and AgencyCell.objects.filter(organisation__code="CS").exists()
    m = _member("CS")
    page = admin.get("/dang-vien/viec-can-lam/", {"nam": "2025"})
    assert "chưa giới thiệu về nơi cư trú" in page.content.decode() and m in [
        x.member for x in page.context["residence"]
    ]
    admin.post(f"/dang-vien/{m.pk}/noi-cu-tru/", {"since": "2024-01-01", "residence_code": "CA1"})
    contact = ResidenceContact.objects.get(member=m)
    assert contact.residence_unit == province["CA1"]
    url = f"/dang-vien/{m.pk}/noi-cu-tru/{contact.pk}/nhan-xet/"
    admin.post(url, {"year": "2025", "sent_on": "2025-11-01"})
    admin.post(
        url, {"year": "2025", "returned_on": "2025-11-25", "assessment": "Gương mẫu", "content": "Tốt"}
    )
    comment = ResidenceComment.objects.get(contact=contact)
    assert (comment.returned_on, comment.assessment) == (D(2025, 11, 25), "Gương mẫu")
    assert "Gương mẫu" in admin.get(f"/dang-vien/{m.pk}/").content.decode()
    editor = _client(province, "editor_a")
    assert (
        editor.post(
            f"/dang-vien/{m.pk}/noi-cu-tru/", {"since": "2025-01-01", "residence_name": "X"}
        ).status_code
        == 404
    )
    editor.post("/dang-vien/viec-can-lam/", {"cell_code": "CA1", "since": "2020-01-01"})
    assert AgencyCell.objects.filter(organisation__code="CA1").exists()  # editor_a edits XA's cells
    editor.post("/dang-vien/viec-can-lam/", {"cell_code": "CS", "since": "2020-01-01"})
    assert AgencyCell.objects.count() == 2  # CS is not editor_a's
    assert [a.organisation.code for a in editor.get("/dang-vien/viec-can-lam/").context["agency_cells"]] == [
        "CA1"
    ]
    editor.post("/dang-vien/viec-can-lam/", {"unmark": "CA1"})
    assert AgencyCell.objects.get(organisation__code="CA1").until == dt.date.today()


def test_early_badge_mark_and_revoke(province: Any) -> None:
    m = _member("CA1")
    c = _client(province, "editor_a")
    c.post(f"/dang-vien/{m.pk}/huy-hieu-som/", {"on": "2025-01-01", "reason": "Ốm nặng, nằm viện"})
    mark = EarlyBadge.objects.get(member=m)
    c.post(f"/dang-vien/{m.pk}/huy-hieu-som/", {"on": "2025-06-01", "reason": "thôi", "revoke": mark.pk})
    mark.refresh_from_db()
    assert mark.revoked_on == D(2025, 6, 1)
    other = _member("CB1")
    assert (
        c.post(f"/dang-vien/{other.pk}/huy-hieu-som/", {"on": "2025-01-01", "reason": "x"}).status_code == 404
    )


def test_candidate_pages_from_source_to_admission(province: Any) -> None:
    c = _client(province, "editor_a")
    r = c.post(
        "/dang-vien/nguon/moi/",
        {
            "unit_code": "CA1",
            "full_name": "Đỗ Thị Sinh Viên",
            "gender": "nu",
            "birth_date": "2003-03-03",
            "ethnicity": "Kinh",
            "occupation": "student",
            "on": "2024-01-15",
        },
    )
    cand = Candidate.objects.get(name_folded="do thi sinh vien")
    assert r.status_code == 302
    step = f"/dang-vien/nguon/{cand.pk}/buoc/"
    c.post(step, {"stage": "course_done", "on": "2024-03-01", "course_name": "Lớp nhận thức 1/2024"})
    c.post(step, {"stage": "proposed", "on": "2024-06-01"})
    page = c.get("/dang-vien/nguon/", {"q": "sinh vien", "org": "XA"})
    assert page.status_code == 200 and "Đỗ Thị Sinh Viên" in page.content.decode()
    assert page.context["totals"][2] == ("proposed", 1, 1, 0)
    r = c.post(f"/dang-vien/nguon/{cand.pk}/ket-nap/", {"admitted_on": "2024-09-02", "decision": "QĐ 7"})
    cand.refresh_from_db()
    assert cand.stage == Stage.ADMITTED and r.url == f"/dang-vien/{cand.member_id}/"  # type: ignore[attr-defined]
    assert MembershipEvent.objects.filter(member=cand.member, kind=EventKind.ADMISSION).exists()
    assert 'id="candidate-link"' in c.get(r.url).content.decode()  # type: ignore[attr-defined]
    detail = c.get(f"/dang-vien/nguon/{cand.pk}/").content.decode()
    assert "03/03/2003" in detail and 'id="member-link"' in detail
    assert PersonalDataAccess.objects.filter(candidate_ids=[cand.pk]).exists()


def test_candidate_pages_refuse_and_hide_birth_date(province: Any) -> None:
    cand = svc.candidate_add(
        actor=None,
        unit=province["CB1"],
        full_name="Vũ Văn Ẩn",
        birth_date=D(2001, 1, 1),
        gender=Gender.MALE,
        ethnicity="Kinh",
        occupation=Occupation.PRIVATE_ENTERPRISE,
        on=D(2024, 1, 1),
    )
    assert _client(province, "editor_a").get(f"/dang-vien/nguon/{cand.pk}/").status_code == 404
    viewer = _client(province, "outsider")
    page = viewer.get(f"/dang-vien/nguon/{cand.pk}/").content.decode()
    assert 'id="personal-hidden"' in page and "01/01/2001" not in page
    listing = viewer.get("/dang-vien/nguon/").content.decode()
    assert "Vũ Văn Ẩn" in listing and "01/01/2001" not in listing
    assert not PersonalDataAccess.objects.exists()
    assert (
        viewer.post(
            f"/dang-vien/nguon/{cand.pk}/buoc/", {"stage": "dropped", "on": "2024-05-01", "reason": "x"}
        ).status_code
        == 302
    )
    cand.refresh_from_db()
    assert cand.stage == Stage.SOURCE  # a viewer may not write
    assert _client(province, "editor_a").get("/dang-vien/nguon/", {"org": "XB"}).status_code == 404


def test_statistics_page_draws_charts_with_the_vendored_echarts(province: Any) -> None:
    page = _client(province, "admin").get("/dang-vien/thong-ke/", {"at": "2021-01-01"})
    html = page.content.decode()
    assert 'id="stat-data"' in html and "vendor/echarts.min.js" in html and 'id="chart-gender"' in html
    assert page.context["charts"]["gender"] == [{"name": "Nam", "value": 11}]
