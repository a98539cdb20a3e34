"""Tasks: status computed on the day, assignment from a conclusion or a document, progress with evidence,
inboxes, what leaders see, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from dangvu.assignments.models import Task
from dangvu.assignments.selectors import task_for, tasks_attention, tasks_inbox, tasks_search
from dangvu.assignments.services import task_assign, task_progress_record, task_void
from dangvu.assignments.status import State, Status, is_due_soon, task_status
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.meetings.services import meeting_record

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("state", "deadline", "done", "status"),
    [
        ("not_started", None, None, Status.NOT_STARTED),
        ("not_started", TODAY, None, Status.NOT_STARTED),
        ("in_progress", TODAY - DAY, None, Status.OVERDUE),
        ("in_progress", TODAY + DAY, None, Status.IN_PROGRESS),
        ("done", TODAY, TODAY, Status.DONE_ON_TIME),
        ("done", TODAY - DAY, TODAY, Status.DONE_LATE),
        ("done", None, TODAY, Status.DONE_ON_TIME),
    ],
)
def test_status_on_a_day(state, deadline, done, status):
    assert task_status(state, deadline, done, TODAY) is status


def test_due_soon():
    assert is_due_soon("in_progress", TODAY + 7 * DAY, TODAY)
    assert not is_due_soon("in_progress", TODAY + 8 * DAY, TODAY)
    assert not is_due_soon("done", TODAY, TODAY)


@pytest.fixture
def meeting(province):
    return meeting_record(
        actor=province.users["admin"],
        organiser=province["D1"],
        kind="giao_ban",
        title="Giao ban quý",
        held_on=TODAY - 30 * DAY,
    )


def _task(province, meeting, **kw):
    args = dict(
        text="Rà soát, củng cố chi bộ yếu kém",
        lead=province["XA"],
        supporting=[province["XB"]],
        deadline=TODAY + 3 * DAY,
    )
    args.update(kw)
    return task_assign(actor=province.users["admin"], meeting=meeting, **args)


def test_assign_from_a_conclusion_and_report_done_late(province, meeting):
    task = _task(province, meeting, deadline=TODAY - 2 * DAY, document="Kế hoạch số 42-KH/TU ngày 17/5/2021")
    assert task.organisation == province["D1"] and task.assigned_on == meeting.held_on
    assert task.document.symbol == "42-KH/TU"
    assert task.status is Status.OVERDUE
    editor = province.users["editor_a"]
    task_progress_record(actor=editor, task=task, state=State.IN_PROGRESS, note="Đã rà soát 2 chi bộ")
    with pytest.raises(DomainError, match="minh chứng"):
        task_progress_record(actor=editor, task=task, state=State.DONE)
    task_progress_record(actor=editor, task=task, state=State.DONE, evidence="Báo cáo số 15-BC/ĐU")
    task.refresh_from_db()
    assert (task.state, task.completed_on, task.status) == ("done", TODAY, Status.DONE_LATE)
    assert [u.state for u in task.updates.all()] == ["in_progress", "done"]


def test_refusals(province, meeting):
    with pytest.raises(PermissionDenied):
        task_assign(actor=province.users["editor_a"], meeting=meeting, text="x", lead=province["XA"])
    with pytest.raises(DomainError, match="chủ trì"):
        _task(province, meeting, lead=None)
    with pytest.raises(DomainError, match="trước ngày giao"):
        _task(province, meeting, deadline=meeting.held_on - DAY)
    with pytest.raises(DomainError, match="không đồng thời"):
        _task(province, meeting, supporting=[province["XA"]])
    task = _task(province, meeting)
    with pytest.raises(PermissionDenied):  # a supporting unit's viewer does not report
        task_progress_record(actor=province.users["outsider"], task=task, state=State.IN_PROGRESS, note="x")
    with pytest.raises(DomainError, match="tương lai"):
        task_progress_record(
            actor=province.users["admin"],
            task=task,
            state=State.IN_PROGRESS,
            note="x",
            reported_on=TODAY + DAY,
        )
    task_void(actor=province.users["admin"], task=task, reason="giao nhầm")
    assert Task.objects.filter(pk=task.pk).exists()
    with pytest.raises(DomainError, match="đã bị hủy"):
        task_progress_record(actor=province.users["admin"], task=task, state=State.IN_PROGRESS, note="x")


def test_units_outside_the_tree_are_kept_by_name(province, meeting):
    task = _task(province, meeting, lead=None, lead_name="Sở Kế hoạch và Đầu tư", supporting=[])
    assert task.lead_label == "Sở Kế hoạch và Đầu tư"


def test_inbox_scope_and_attention(province, meeting):
    late = _task(province, meeting, deadline=TODAY - DAY)
    soon = _task(province, meeting, text="Kiện toàn cấp ủy", lead=province["XB"], supporting=[province["XA"]])
    later = _task(
        province, meeting, text="Tổng kết", lead=province["CA1"], supporting=[], deadline=TODAY + 60 * DAY
    )
    editor, outsider, admin = (province.users[u] for u in ("editor_a", "outsider", "admin"))
    assert [t.pk for t in tasks_inbox(editor, province["XA"])] == [
        late.pk,
        soon.pk,
    ]  # led first, then supported
    assert {t.pk for t in tasks_search(editor)} == {late.pk, soon.pk, later.pk}
    assert {t.pk for t in tasks_search(outsider)} == {late.pk, soon.pk}  # XB supports one and leads the other
    with pytest.raises(Http404):
        task_for(outsider, later.pk)
    attention = tasks_attention(admin, today=TODAY)
    assert [t.pk for t in attention["overdue"]] == [late.pk]
    assert [t.pk for t in attention["due_soon"]] == [soon.pk]
    assert tasks_attention(admin, organisation=province["D2"], today=TODAY) == {"overdue": [], "due_soon": []}


def test_sql_filters_agree_with_the_status_rule(province, meeting):
    for i, (deadline, state) in enumerate(
        [
            (TODAY - DAY, State.IN_PROGRESS),
            (TODAY + DAY, State.NOT_STARTED),
            (TODAY - 3 * DAY, State.DONE),
            (None, State.IN_PROGRESS),
            (TODAY + 2 * DAY, State.DONE),
            (TODAY, State.NOT_STARTED),
        ]
    ):
        task = _task(province, meeting, text=f"Nhiệm vụ {i}", deadline=deadline)
        if state is not State.NOT_STARTED:
            task_progress_record(
                actor=province.users["admin"],
                task=task,
                state=state,
                evidence="Báo cáo",
                reported_on=TODAY - DAY if i == 4 else TODAY,
            )
    admin = province.users["admin"]
    every = tasks_search(admin)
    for status in Status:
        assert {t.pk for t in tasks_search(admin, status=status)} == {
            t.pk for t in every if t.status is status
        }
