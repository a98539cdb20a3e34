"""The members API: the same scope, 404s and personal-data rule as the pages."""

from __future__ import annotations

from typing import Any

from django.test import Client

from dangvu.accounts.services import api_token_create
from dangvu.members.models import Member, PersonalDataAccess


def _get(province: Any, name: str, path: str) -> Any:
    user = province.users[name]
    raw = api_token_create(actor=user, user=user, label="thử")
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_list_search_and_scope(province: Any) -> None:
    rows = _get(province, "editor_a", "/api/members/?q=DANG%20vien&at=2021-01-01").json()
    assert len(rows) == 5 and all(r["birth_date"] == "1980-01-01" for r in rows)
    assert PersonalDataAccess.objects.get().count == 5
    viewer = _get(province, "outsider", "/api/members/?at=2021-01-01").json()
    assert len(viewer) == 4 and all(r["birth_date"] is None for r in viewer)
    assert _get(province, "outsider", "/api/members/?org=XA").status_code == 404
    assert Client().get("/api/members/").status_code == 401


def test_one_member_and_statistics(province: Any) -> None:
    m = Member.objects.filter(placements__organisation__code="CB1").first()
    assert m is not None
    assert _get(province, "outsider", f"/api/members/{m.pk}").json()["identity_number"] is None
    assert _get(province, "editor_a", f"/api/members/{m.pk}").status_code == 404
    stats = _get(province, "admin", "/api/members/statistics?org=D1&at=2021-01-01").json()
    assert stats["total"] == 9 and {"status", "age", "ethnicity"} <= set(stats["tables"])
    assert _get(province, "editor_a", "/api/members/statistics?org=XB").status_code == 404


def test_candidates_counts_and_residence_work_list(province: Any) -> None:
    import datetime as dt

    from dangvu.members import candidate_services
    from dangvu.members.candidate_models import Occupation
    from dangvu.members.models import Gender

    def add(cell: str, name: str, occupation: Occupation) -> Any:
        return candidate_services.candidate_add(
            actor=None,
            unit=province[cell],
            full_name=name,
            birth_date=dt.date(2002, 2, 2),
            gender=Gender.MALE,
            ethnicity="Kinh",
            occupation=occupation,
            on=dt.date(2024, 1, 1),
        )

    a = add("CA1", "Sinh Viên A", Occupation.STUDENT)
    b = add("CB1", "Công Nhân B", Occupation.PRIVATE_ENTERPRISE)
    rows = _get(province, "editor_a", "/api/members/candidates").json()
    assert [r["id"] for r in rows] == [a.pk] and rows[0]["birth_date"] == "2002-02-02"
    assert PersonalDataAccess.objects.get().candidate_ids == [a.pk]
    viewer = _get(province, "outsider", f"/api/members/candidates/{b.pk}").json()
    assert viewer["birth_date"] is None and viewer["stage"] == "source"
    assert _get(province, "editor_a", f"/api/members/candidates/{b.pk}").status_code == 404
    counts = _get(province, "admin", "/api/members/candidates/counts").json()
    assert counts["total"]["source"] == {"total": 2, "students": 1, "private_enterprise": 1}
    assert [u["code"] for u in counts["units"]] == ["CB1", "CA1"] or len(counts["units"]) == 2
    assert _get(province, "admin", "/api/members/work/residence?year=2025").json() == []
