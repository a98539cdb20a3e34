"""The candidate pipeline: stages move forward as dated events, admission makes the member through
`member_admit`, counts per cell keep students and private-enterprise workers apart, scope is kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404

from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.members import candidate_selectors as cs
from dangvu.members import candidate_services as svc
from dangvu.members.candidate_models import Candidate, Occupation, Stage
from dangvu.members.models import EventKind, Gender, MembershipEvent

D = dt.date


def add(
    province: Any, name: str, cell: str = "CA1", occupation: Occupation = Occupation.FARMER, **kw: Any
) -> Candidate:
    fields = {
        "birth_date": D(2000, 2, 2),
        "gender": Gender.FEMALE,
        "ethnicity": "Kinh",
        "on": D(2024, 1, 10),
    } | kw
    return svc.candidate_add(actor=None, unit=province[cell], full_name=name, occupation=occupation, **fields)


def test_stages_move_forward_as_events_and_admission_makes_the_member(province: Any) -> None:
    editor = province.users["editor_a"]
    c = add(province, "Hồ Thị Nguồn", occupation=Occupation.STUDENT)
    with pytest.raises(DomainError, match="không thể chuyển"):
        svc.candidate_propose(actor=editor, candidate=c, on=D(2024, 2, 1))
    with pytest.raises(DomainError, match="tên lớp"):
        svc.candidate_course_done(actor=editor, candidate=c, on=D(2024, 2, 1), course_name="")
    svc.candidate_course_done(
        actor=editor, candidate=c, on=D(2024, 3, 1), course_name="Lớp nhận thức khóa 3/2024"
    )
    with pytest.raises(DomainError, match="trước bước gần nhất"):
        svc.candidate_propose(actor=editor, candidate=c, on=D(2024, 2, 1))
    svc.candidate_propose(actor=editor, candidate=c, on=D(2024, 6, 1), decision="Tờ trình 5")
    with pytest.raises(PermissionDenied):
        svc.candidate_admit(actor=province.users["outsider"], candidate=c, admitted_on=D(2024, 9, 2))
    svc.candidate_admit(actor=editor, candidate=c, admitted_on=D(2024, 9, 2), decision="QĐ 12")
    c.refresh_from_db()
    assert (c.stage, c.stage_on) == (Stage.ADMITTED, D(2024, 9, 2))
    assert c.member is not None and c.member.full_name == "Hồ Thị Nguồn" and c.member.cell == province["CA1"]
    assert MembershipEvent.objects.filter(
        member=c.member, kind=EventKind.ADMISSION, decision="QĐ 12"
    ).exists()
    assert [e.stage for e in cs.candidate_history(c)] == ["source", "course_done", "proposed", "admitted"]
    assert cs.candidate_history(c)[1].course_name == "Lớp nhận thức khóa 3/2024"
    with pytest.raises(DomainError):
        svc.candidate_drop(actor=editor, candidate=c, on=D(2025, 1, 1), reason="Chuyển đi")


def test_admission_refused_before_proposal_and_drop_needs_a_reason(province: Any) -> None:
    c = add(province, "Lê Văn Chưa")
    with pytest.raises(DomainError, match="chưa được đề nghị"):
        svc.candidate_admit(actor=None, candidate=c, admitted_on=D(2024, 9, 2))
    with pytest.raises(DomainError, match="lý do"):
        svc.candidate_drop(actor=None, candidate=c, on=D(2024, 9, 2), reason="")
    svc.candidate_drop(actor=None, candidate=c, on=D(2024, 9, 2), reason="Đi làm ăn xa")
    c.refresh_from_db()
    assert c.stage == Stage.DROPPED and c.member is None
    with pytest.raises(DomainError, match="không phải chi bộ"):
        add(province, "Ở xã", cell="XA")


def test_counts_per_cell_with_students_and_private_workers_apart(
    province: Any, django_assert_max_num_queries: Any
) -> None:
    add(province, "A", occupation=Occupation.STUDENT)
    add(province, "B", occupation=Occupation.PRIVATE_ENTERPRISE)
    b2 = add(province, "C", occupation=Occupation.FARMER)
    svc.candidate_course_done(actor=None, candidate=b2, on=D(2024, 2, 1), course_name="Lớp 1")
    add(province, "D", cell="CA2", occupation=Occupation.PRIVATE_ENTERPRISE)
    add(province, "E", cell="CB1", occupation=Occupation.STUDENT)
    with django_assert_max_num_queries(4):  # scope, the GROUP BY, the units: not a query per cell
        rows = cs.pipeline_counts(province.users["editor_a"], organisation=province["XA"])
    by_unit = {r.unit.code: {s: (t, st, pr) for s, t, st, pr in r.cells()} for r in rows}
    assert by_unit["CA1"]["source"] == (2, 1, 1) and by_unit["CA1"]["course_done"] == (1, 0, 0)
    assert by_unit["CA2"]["source"] == (1, 0, 1) and "CB1" not in by_unit
    totals = {s: (t, st, pr) for s, t, st, pr in cs.pipeline_totals(rows)}
    assert totals["source"] == (3, 1, 2) and totals["admitted"] == (0, 0, 0)
    assert len(cs.pipeline_counts(province.users["admin"])) == 3


def test_search_and_scope(province: Any) -> None:
    c = add(province, "Nguyễn Thị Ánh")
    other = add(province, "Nguyễn Thị Bích", cell="CB1")
    assert list(cs.candidates(province.users["editor_a"], query="nguyen thi")) == [c]
    assert list(cs.candidates(province.users["admin"], query="anh")) == [c]
    assert list(cs.candidates(province.users["admin"], stage="proposed")) == []
    assert cs.candidate_for(province.users["editor_a"], c.pk) == c
    with pytest.raises(Http404):
        cs.candidate_for(province.users["editor_a"], other.pk)
    assert cs.may_see_birth_date(province.users["editor_a"], c)
    assert not cs.may_see_birth_date(province.users["outsider"], other)
