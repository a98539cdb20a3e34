"""Writing activities through the services: checks, refusals, the audit trail, discipline in the member's
record, ratings with the proposal and the decision kept apart."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry

from dangvu.activities import ratings, services
from dangvu.activities.models import CellMeeting, Discipline, Inspection
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.members.models import EventKind, Member

D = dt.date(2024, 3, 12)


def _meeting(province, actor="editor_a", cell="CA1", **kw):
    args = dict(held_on=D, kind="regular", expected=3, present=2, absent_excused=1, chair="Bí thư")
    args.update(kw)
    return services.cell_meeting_record(actor=province.users[actor], cell=province[cell], **args)


def test_cell_meeting_is_checked_and_audited(province):
    m = _meeting(province, quality="tot")
    assert m.attendance == pytest.approx(66.67, abs=0.01)
    entry = LogEntry.objects.get_for_object(m).get()
    assert entry.actor == province.users["editor_a"]
    assert entry.additional_data["org_path"] == province["CA1"].path
    with pytest.raises(DomainError, match="phải bằng số phải dự"):
        _meeting(province, present=3)
    with pytest.raises(DomainError, match="cần ghi chuyên đề"):
        _meeting(province, kind="thematic")
    with pytest.raises(DomainError, match="không phải chi bộ"):
        _meeting(province, cell="XA")
    with pytest.raises(DomainError, match="tương lai"):
        _meeting(province, held_on=dt.date.today() + dt.timedelta(days=2))
    with pytest.raises(PermissionDenied):
        _meeting(province, cell="CB1", expected=4, present=4, absent_excused=0)
    with pytest.raises(PermissionDenied):
        _meeting(province, actor="outsider", cell="CB1", expected=4, present=4, absent_excused=0)
    assert CellMeeting.objects.count() == 1


def test_inspection_subjects_and_kinds(province):
    admin = province.users["admin"]
    i = services.inspection_record(
        actor=admin,
        mode="supervision",
        kind="thematic",
        conductor=province["D1"],
        body="standing",
        subject_organisation=province["XA"],
        topic="Thực hiện Chỉ thị 05",
        started_on=D,
    )
    assert i.subject_label == "Đảng bộ xã Thạch Long"
    common = dict(actor=admin, conductor=province["D1"], body="commission", topic="x", started_on=D)
    with pytest.raises(DomainError, match="không phải giám sát"):
        services.inspection_record(
            mode="supervision", kind="violation", subject_organisation=province["XA"], **common
        )
    with pytest.raises(DomainError, match="không thuộc"):
        services.inspection_record(
            mode="inspection", kind="regular", subject_organisation=province["CS"], **common
        )
    with pytest.raises(DomainError, match="đúng một đối tượng"):
        services.inspection_record(mode="inspection", kind="regular", **common)
    with pytest.raises(PermissionDenied):
        services.inspection_record(
            actor=province.users["editor_a"],
            mode="inspection",
            kind="regular",
            conductor=province["D1"],
            body="commission",
            topic="x",
            started_on=D,
            subject_organisation=province["XA"],
        )
    services.inspection_conclude(
        actor=admin, inspection=i, ended_on=D + dt.timedelta(days=20), conclusion="Tốt"
    )
    assert Inspection.objects.get().ended_on == D + dt.timedelta(days=20)


def test_discipline_writes_the_members_record(province):
    admin = province.users["admin"]
    a, b = Member.objects.filter(placements__organisation=province["CA1"]).order_by("pk")[:2]
    i = services.inspection_record(
        actor=admin,
        mode="inspection",
        kind="violation",
        conductor=province["XA"],
        body="commission",
        subject_member=a,
        topic="Dấu hiệu vi phạm",
        started_on=D,
    )
    d = services.discipline_record(
        actor=province.users["editor_a"],
        member=a,
        form="warning",
        decided_on=D + dt.timedelta(days=30),
        reason="Vi phạm quy định",
        decision="12-QĐ/ĐU",
        inspection=i,
    )
    assert d.event.kind == EventKind.DISCIPLINE and d.event.outcome == "Cảnh cáo"
    e = services.discipline_record(
        actor=admin, member=b, form="expulsion", decided_on=D, reason="Vi phạm nghiêm trọng"
    )
    b.refresh_from_db()
    assert e.event.kind == EventKind.EXPULSION and b.left_on == D
    with pytest.raises(DomainError, match="không phải về đảng viên này"):
        services.discipline_record(
            actor=admin, member=b, form="reprimand", decided_on=D, reason="x", inspection=i
        )
    cb = Member.objects.filter(placements__organisation=province["CB1"]).first()
    with pytest.raises(PermissionDenied):
        services.discipline_record(
            actor=province.users["editor_a"], member=cb, form="reprimand", decided_on=D, reason="x"
        )
    assert Discipline.objects.count() == 2


def test_rating_proposal_and_decision_kept_apart(province):
    admin, editor = province.users["admin"], province.users["editor_a"]
    r = ratings.rating_propose(
        actor=editor,
        period="2025",
        organisation=province["CA1"],
        grade="htxsnv",
        score=93,
        tasks_on_time=100,
        tasks_exceeding=40,
    )
    assert r.rules_code == "366-QĐ/TW"
    with pytest.raises(DomainError, match="cần từ 90 điểm"):
        ratings.rating_propose(
            actor=editor,
            period="2025",
            organisation=province["CA2"],
            grade="htxsnv",
            score=80,
            tasks_on_time=100,
            tasks_exceeding=40,
        )
    with pytest.raises(PermissionDenied):  # an editor does not decide
        ratings.rating_decide(actor=editor, rating=r, decider=province["XA"], grade="httnv", score=85)
    with pytest.raises(DomainError, match="không phải cấp quyết định"):
        ratings.rating_decide(actor=admin, rating=r, decider=province["CA1"], grade="httnv", score=85)
    ratings.rating_decide(
        actor=admin,
        rating=r,
        decider=province["XA"],
        grade="httnv",
        score=85,
        decided_on=dt.date(2026, 1, 10),
    )
    r.refresh_from_db()
    assert (r.proposed_grade, r.proposed_score, r.decided_grade, r.decided_score) == (
        "htxsnv",
        93,
        "httnv",
        85,
    )
    with pytest.raises(DomainError, match="Đã có quyết định"):
        ratings.rating_propose(
            actor=editor,
            period="2025",
            organisation=province["CA1"],
            grade="httnv",
            score=80,
            tasks_on_time=100,
        )


def test_member_rating_sees_the_years_discipline(province):
    m = Member.objects.filter(placements__organisation=province["CA1"]).order_by("pk").first()
    services.discipline_record(
        actor=None, member=m, form="reprimand", decided_on=dt.date(2024, 5, 1), reason="x"
    )
    with pytest.raises(DomainError, match="kỷ luật"):
        ratings.rating_propose(actor=province.users["editor_a"], period="2024", member=m, grade="httnv")
    r = ratings.rating_propose(actor=province.users["editor_a"], period="2024", member=m, grade="htnv")
    assert r.organisation == province["CA1"] and r.rules_code == "124-QĐ/TW"


def test_void_keeps_the_row(province):
    m = _meeting(province)
    with pytest.raises(PermissionDenied):
        services.activity_void(actor=province.users["outsider"], record=m, reason="nhầm")
    services.activity_void(actor=province.users["editor_a"], record=m, reason="nhập nhầm")
    m.refresh_from_db()
    assert m.voided_at is not None and CellMeeting.objects.count() == 1
