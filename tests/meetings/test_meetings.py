"""Conferences: recording one as the seeds describe it, people with their positions that day, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.http import Http404

from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.meetings.kinds import kind_from_reader, period_problem
from dangvu.meetings.models import ParticipantRole, Person
from dangvu.meetings.selectors import meeting_for, meetings_search, person_for
from dangvu.meetings.services import (
    clean_positions,
    meeting_conclude,
    meeting_contribution_add,
    meeting_participant_add,
    meeting_record,
    meeting_void,
    positions_on,
)

D = dt.date(2018, 4, 6)


def _meeting(province, actor="editor_a", org="XA", **kw):
    args = dict(
        kind="so_ket_quy", title="Hội nghị sơ kết công tác xây dựng Đảng quý 1", held_on=D, period="2018-Q1"
    )
    args.update(kw)
    return meeting_record(actor=province.users[actor], organiser=province[org], **args)


@pytest.mark.parametrize(
    ("reader", "period", "kind"),
    [
        ("so_ket", "2018-Q1", "so_ket_quy"),
        ("so_ket", "2018-H1", "so_ket_6_thang"),
        ("giao_ban", "2022-Q1", "giao_ban"),
        ("hop_ban_chi_dao", None, "hop_ban_chi_dao"),
        ("hoi_nghi", None, "hoi_nghi"),
        (None, None, "hoi_nghi"),
    ],
)
def test_kind_from_the_readers_kind_and_period(reader, period, kind):
    assert kind_from_reader(reader, period) == kind


def test_period_must_fit_the_kind():
    assert period_problem("so_ket_quy", "2018-Q1") is None
    assert "không xem xét" in period_problem("so_ket_quy", "2018-H1")
    assert "cần kỳ" in period_problem("tong_ket_nam", "")
    assert period_problem("giao_ban", "") is None
    with pytest.raises(DomainError, match="không hợp lệ"):
        period_problem("giao_ban", "quý 1")


def test_positions_split_on_commas():
    assert clean_positions("Phó Bí thư Thường trực Tỉnh ủy,  Chủ tịch HĐND tỉnh") == [
        "Phó Bí thư Thường trực Tỉnh ủy",
        "Chủ tịch HĐND tỉnh",
    ]


def test_record_the_seed_conference_with_chair_contribution_conclusion_and_documents(province):
    m = _meeting(
        province,
        documents=[
            "Chỉ thị số 05-CT/TƯ",
            "Nghị quyết 18, Hội nghị lần thứ 6 của Ban Chấp hành Trung ương khóa XII",
        ],
        venue="Hội trường xã",
    )
    editor = province.users["editor_a"]
    chair = meeting_participant_add(
        actor=editor,
        meeting=m,
        role=ParticipantRole.CHAIR,
        full_name="Thào Hồng Sơn",
        positions="Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
    )
    meeting_participant_add(actor=editor, meeting=m, role=ParticipantRole.ATTENDEE, unit_name="Sở Nội vụ")
    meeting_contribution_add(
        actor=editor, meeting=m, topic="phát triển đảng viên", unit_name="Đảng ủy xã Thạch Sơn"
    )
    meeting_conclude(actor=editor, meeting=m, conclusion="Văn phòng tiếp thu ý kiến, hoàn thiện báo cáo.")
    m = meeting_for(editor, m.pk)
    assert [d.symbol for d in m.documents.order_by("type")] == ["05-CT/TW", "18-NQ/TW"]
    assert chair.positions == ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"]
    assert positions_on(chair.person, D) == chair.positions
    assert m.contributions.get().topic == "phát triển đảng viên"
    assert LogEntry.objects.filter(content_type__model="meeting", object_pk=str(m.pk), actor=editor).exists()


def test_the_same_person_is_found_again_by_name_and_position(province):
    m1 = _meeting(province, actor="admin", org="HL")
    m2 = _meeting(
        province,
        actor="admin",
        org="HL",
        held_on=dt.date(2018, 7, 10),
        kind="so_ket_6_thang",
        period="2018-H1",
    )
    admin = province.users["admin"]
    a = meeting_participant_add(
        actor=admin,
        meeting=m2,
        role=ParticipantRole.CHAIR,
        full_name="Thào Hồng Sơn",
        positions=["Phó Bí thư Thường trực Tỉnh ủy"],
    )
    b = meeting_participant_add(
        actor=admin,
        meeting=m1,
        role=ParticipantRole.CHAIR,
        full_name="Thào  Hồng Sơn",
        positions=["Phó Bí thư Thường trực Tỉnh ủy"],
    )
    assert a.person == b.person and Person.objects.count() == 1
    position = a.person.positions.get()
    assert position.valid_from == D  # known from July, seen holding it in April


def test_refusals(province):
    with pytest.raises(PermissionDenied):
        _meeting(province, actor="outsider", org="XB")
    with pytest.raises(PermissionDenied):
        _meeting(province, actor="editor_a", org="XB")
    with pytest.raises(DomainError, match="không xem xét"):
        _meeting(province, period="2018-H1")
    with pytest.raises(DomainError, match="Ký hiệu văn bản không hợp lệ"):
        _meeting(province, documents=["02-NQ"])
    with pytest.raises(DomainError, match="không hoạt động"):
        _meeting(province, held_on=dt.date(1999, 1, 1), period="1999-Q1")
    m = _meeting(province)
    with pytest.raises(DomainError, match="Cần họ tên"):
        meeting_participant_add(actor=province.users["editor_a"], meeting=m, role=ParticipantRole.ATTENDEE)
    meeting_void(actor=province.users["editor_a"], meeting=m, reason="trùng")
    with pytest.raises(DomainError, match="đã bị hủy"):
        meeting_conclude(actor=province.users["editor_a"], meeting=m, conclusion="x")


def test_scope_of_meetings_and_people(province):
    m = _meeting(province)
    p = meeting_participant_add(
        actor=province.users["editor_a"],
        meeting=m,
        role=ParticipantRole.CHAIR,
        full_name="Nguyễn Văn A",
        positions="Bí thư Đảng ủy xã",
    ).person
    assert meeting_for(province.users["admin"], m.pk) == m
    with pytest.raises(Http404):
        meeting_for(province.users["outsider"], m.pk)
    with pytest.raises(Http404):
        person_for(province.users["outsider"], p.pk)
    assert meetings_search(province.users["admin"], q="so ket quy 1") == [m]
    assert meetings_search(province.users["outsider"]) == []
