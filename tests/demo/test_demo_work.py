"""The demo's last step on the small test province: every newer page has something to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.assignments.models import Task
from dangvu.assignments.status import State
from dangvu.demo.work import demo_work
from dangvu.meetings.models import Body, Contribution, Meeting, Oversight, Participant, ParticipantRole
from dangvu.members.candidate_models import Candidate, Occupation, Stage
from dangvu.members.models import AgencyCell, ResidenceComment, ResidenceContact

TODAY = dt.date(2026, 11, 23)


def _run(province: Any, seed: int = 1) -> Any:
    u = province.units
    return demo_work(root=u["HL"], communes=[u["XA"], u["XB"]], seed=seed, today=TODAY)


def test_conferences_tasks_committee_candidates_and_contacts(province: Any) -> None:
    summary = _run(province)
    meetings = Meeting.objects.all()
    assert summary.meetings == meetings.count() == 24  # 8 reviews each for the province and two communes
    assert set(meetings.values_list("kind", flat=True)) == {"so_ket_quy", "so_ket_6_thang", "tong_ket_nam"}
    held = meetings.filter(held_on__lte=TODAY)
    assert all(m.conclusion and m.documents.exists() for m in held)
    assert meetings.filter(held_on__gt=TODAY, conclusion="").count() == 3  # next year-end reviews, scheduled
    assert Participant.objects.filter(role=ParticipantRole.CHAIR).count() == 48
    assert all(p.positions for p in Participant.objects.all())
    assert Contribution.objects.count() == 2 * held.count()

    tasks = Task.objects.all()
    assert summary.tasks == tasks.count() >= 20
    assert all(t.meeting_id and t.lead_id and t.deadline for t in tasks)
    assert tasks.filter(state=State.DONE, completed_on__isnull=False).exists()
    overdue = tasks.exclude(state=State.DONE).filter(deadline__lt=TODAY)
    soon = TODAY + dt.timedelta(days=7)
    due_soon = tasks.exclude(state=State.DONE).filter(deadline__gte=TODAY, deadline__lte=soon)
    assert overdue.exists() and due_soon.exists()

    body = Body.objects.get()
    assert body.established_by is not None and "QĐ/TU" in str(body.established_by)
    assert body.members.count() == 4
    assert {o.organisation.code for o in Oversight.objects.all()} == {"XA", "XB"}

    candidates = Candidate.objects.all()
    assert summary.candidates == candidates.count() == 24
    assert {c.unit.code for c in candidates} <= {"CA1", "CA2", "CB1"}
    assert set(candidates.values_list("stage", flat=True)) == set(Stage.values)
    occupations = set(candidates.values_list("occupation", flat=True))
    assert {Occupation.STUDENT, Occupation.PRIVATE_ENTERPRISE} <= occupations
    assert all(c.member_id for c in candidates.filter(stage=Stage.ADMITTED))

    assert AgencyCell.objects.get().organisation.code == "CS"
    assert summary.contacts == ResidenceContact.objects.count() == 2
    assert ResidenceComment.objects.filter(returned_on__isnull=False).exists()


class _Undo(Exception):
    pass


def _values_after_run(province: Any, seed: int) -> list[Any]:
    from django.db import transaction

    seen: list[Any] = []
    try:
        with transaction.atomic():
            _run(province, seed)
            people = Candidate.objects.order_by("pk")
            seen += people.values_list("full_name", "stage", "stage_on", "occupation")
            seen += Task.objects.order_by("pk").values_list("text", "deadline", "state", "lead__code")
            seen += Participant.objects.order_by("pk").values_list("person__full_name", "positions")
            raise _Undo
    except _Undo:
        pass
    return seen


def test_same_seed_same_work(province: Any) -> None:
    first = _values_after_run(province, 1)
    assert first and first == _values_after_run(province, 1)
    assert first != _values_after_run(province, 2)
