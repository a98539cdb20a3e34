"""Writes to the candidate pipeline: add a source, the awareness course done, proposed, admitted, dropped.

Stages only move forward (source → course done → proposed → admitted; any open stage → dropped), each step
a new dated `CandidateEvent` not before the last one; the candidate's `stage / stage_on` follow. Admission
goes through `members.services.member_admit`, so the new member is placed, evented and audited as any
other, and the candidate is linked to them. One transaction per service, actor checked as editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.core.errors import DomainError
from dangvu.core.text import fold
from dangvu.members.candidate_models import Candidate, CandidateEvent, Occupation, Stage
from dangvu.members.models import Gender
from dangvu.members.services import _require_editor, _writing, member_admit
from dangvu.organisations.models import Organisation

#: Which stage may follow which.
NEXT: dict[str, frozenset[str]] = {
    Stage.SOURCE: frozenset({Stage.COURSE_DONE, Stage.DROPPED}),
    Stage.COURSE_DONE: frozenset({Stage.PROPOSED, Stage.DROPPED}),
    Stage.PROPOSED: frozenset({Stage.ADMITTED, Stage.DROPPED}),
    Stage.ADMITTED: frozenset(),
    Stage.DROPPED: frozenset(),
}


def _step(actor: Any, candidate: Candidate, stage: Stage, on: dt.date, **fields: Any) -> CandidateEvent:
    if stage not in NEXT[candidate.stage]:
        raise DomainError(
            f"«{candidate.full_name}» đang ở giai đoạn «{candidate.get_stage_display()}»: "
            f"không thể chuyển sang «{stage.label}».",
            field="stage",
        )
    if on < candidate.stage_on:
        raise DomainError(
            f"Ngày {on:%d/%m/%Y} trước bước gần nhất của «{candidate.full_name}» "
            f"({candidate.stage_on:%d/%m/%Y}).",
            field="on",
        )
    recorded_by = actor if getattr(actor, "pk", None) is not None else None
    event = CandidateEvent.objects.create(
        candidate=candidate, stage=stage, occurred_on=on, recorded_by=recorded_by, **fields
    )
    candidate.stage, candidate.stage_on = stage, on
    candidate.save(update_fields=["stage", "stage_on", "member"])
    return event


def candidate_add(
    *,
    actor: Any,
    unit: Organisation,
    full_name: str,
    birth_date: dt.date,
    gender: Gender,
    ethnicity: str,
    occupation: Occupation,
    on: dt.date,
    note: str = "",
) -> Candidate:
    """A cell takes an outstanding non-member into its source list from `on`."""
    name = " ".join(full_name.split())
    if not name:
        raise DomainError("Cần ghi họ và tên.", field="full_name")
    if birth_date >= on:
        raise DomainError("Ngày sinh phải trước ngày đưa vào nguồn.", field="birth_date")
    if unit.kind not in ("grassroots_cell", "subordinate_cell"):
        raise DomainError(f"«{unit.name}» không phải chi bộ: nguồn do chi bộ theo dõi.", field="unit")
    with _writing(actor):
        _require_editor(actor, unit)
        candidate = Candidate.objects.create(
            unit=unit,
            full_name=name,
            name_folded=fold(name),
            birth_date=birth_date,
            gender=gender,
            ethnicity=ethnicity.strip(),
            occupation=occupation,
            stage=Stage.SOURCE,
            stage_on=on,
        )
        CandidateEvent.objects.create(
            candidate=candidate,
            stage=Stage.SOURCE,
            occurred_on=on,
            note=note.strip(),
            recorded_by=actor if getattr(actor, "pk", None) is not None else None,
        )
        return candidate


def candidate_course_done(
    *, actor: Any, candidate: Candidate, on: dt.date, course_name: str, decision: str = ""
) -> Candidate:
    """The candidate finished the awareness course (lớp bồi dưỡng nhận thức về Đảng) on `on`."""
    if not course_name.strip():
        raise DomainError("Cần ghi tên lớp bồi dưỡng.", field="course_name")
    with _writing(actor):
        _require_editor(actor, candidate.unit)
        _step(actor, candidate, Stage.COURSE_DONE, on, course_name=course_name.strip(), decision=decision)
        return candidate


def candidate_propose(*, actor: Any, candidate: Candidate, on: dt.date, decision: str = "") -> Candidate:
    """The cell proposed the candidate's admission (đề nghị kết nạp) on `on`."""
    with _writing(actor):
        _require_editor(actor, candidate.unit)
        _step(actor, candidate, Stage.PROPOSED, on, decision=decision)
        return candidate


def candidate_drop(*, actor: Any, candidate: Candidate, on: dt.date, reason: str) -> Candidate:
    """The candidate leaves the source list (moved away, no longer meets the standard …)."""
    if not reason.strip():
        raise DomainError("Cần ghi lý do đưa ra khỏi nguồn.", field="reason")
    with _writing(actor):
        _require_editor(actor, candidate.unit)
        _step(actor, candidate, Stage.DROPPED, on, note=reason.strip())
        return candidate


def candidate_admit(
    *, actor: Any, candidate: Candidate, admitted_on: dt.date, decision: str = "", **member_fields: Any
) -> Candidate:
    """Admit a proposed candidate: `member_admit` makes the member in the candidate's cell with their
    record (plus `member_fields`, e.g. home town), and the candidate is linked to them."""
    with _writing(actor):
        _require_editor(actor, candidate.unit)
        if candidate.stage != Stage.PROPOSED:
            raise DomainError(
                f"«{candidate.full_name}» chưa được đề nghị kết nạp (đang ở giai đoạn "
                f"«{candidate.get_stage_display()}»).",
                field="stage",
            )
        member = member_admit(
            actor=actor,
            cell=candidate.unit,
            full_name=candidate.full_name,
            gender=Gender(candidate.gender),
            birth_date=candidate.birth_date,
            ethnicity=candidate.ethnicity,
            admitted_on=admitted_on,
            decision=decision,
            **member_fields,
        )
        candidate.member = member
        _step(actor, candidate, Stage.ADMITTED, admitted_on, decision=decision)
        return candidate
