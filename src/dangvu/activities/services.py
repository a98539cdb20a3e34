"""Writes about activities: cell meetings, inspection plans, inspections and supervisions, discipline,
"Dân vận khéo" models, and voiding any of them. Ratings are in `ratings.py`.

Each service checks that the actor edits the unit concerned (the cell, the conducting committee, the
member's cell), validates, and writes in one transaction with the audit trail's actor set
(`documents.services.writing`); a refusal raises a DomainError with a Vietnamese message, having written
nothing. `actor=None` is the system.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import File
from django.utils import timezone

from dangvu.activities.models import (
    CellMeeting,
    CellMeetingKind,
    ConductingBody,
    Discipline,
    DisciplineForm,
    Inspection,
    InspectionKind,
    InspectionPlan,
    MeetingQuality,
    MobilisationField,
    MobilisationModel,
    Mode,
    RecognitionLevel,
    Recorded,
)
from dangvu.core.errors import DomainError
from dangvu.documents.services import writing
from dangvu.meetings.services import require_editor
from dangvu.members.models import EventKind, Member, MembershipEvent
from dangvu.members.selectors import member_cell
from dangvu.members.services import member_discipline, member_remove
from dangvu.organisations.models import Organisation

CELL_KINDS = ("grassroots_cell", "subordinate_cell")
COMMITTEE_KINDS = ("provincial", "directly_under", "grassroots_committee", "partial_committee")


def _by(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def _alive_on(org: Organisation, day: dt.date, field: str) -> None:
    if org.established_on > day or (org.dissolved_on is not None and org.dissolved_on <= day):
        raise DomainError(f"«{org.name}» không hoạt động vào ngày {day:%d/%m/%Y}.", field=field)


def _not_future(day: dt.date, field: str) -> None:
    if day > dt.date.today():
        raise DomainError(f"Ngày {day:%d/%m/%Y} ở tương lai.", field=field)


def cell_meeting_check(
    *,
    cell: Organisation,
    held_on: dt.date,
    kind: str,
    expected: int,
    present: int,
    absent_excused: int,
    absent_unexcused: int,
    quality: str,
) -> None:
    """The checks of a meeting that need no database (shared with the .xlsx import)."""
    if cell.kind not in CELL_KINDS:
        raise DomainError(f"«{cell.name}» không phải chi bộ.", field="cell")
    _alive_on(cell, held_on, "held_on")
    _not_future(held_on, "held_on")
    if kind not in CellMeetingKind.values:
        raise DomainError("Loại sinh hoạt phải là thường kỳ hoặc chuyên đề.", field="kind")
    if quality and quality not in MeetingQuality.values:
        raise DomainError("Chất lượng phải là Tốt, Khá, Trung bình hoặc Kém.", field="quality")
    if min(expected, present, absent_excused, absent_unexcused) < 0:
        raise DomainError("Số đảng viên không được âm.", field="present")
    if expected == 0:
        raise DomainError("Số đảng viên phải dự phải lớn hơn 0.", field="expected")
    if present + absent_excused + absent_unexcused != expected:
        raise DomainError(
            f"Có mặt ({present}) + vắng có lý do ({absent_excused}) + vắng không lý do ({absent_unexcused}) "
            f"phải bằng số phải dự ({expected}).",
            field="present",
        )


def cell_meeting_record(
    *,
    actor: Any,
    cell: Organisation,
    held_on: dt.date,
    kind: CellMeetingKind | str,
    expected: int,
    present: int,
    absent_excused: int = 0,
    absent_unexcused: int = 0,
    topic: str = "",
    chair: str = "",
    quality: MeetingQuality | str = "",
    minutes: File[Any] | None = None,
    note: str = "",
) -> CellMeeting:
    """A meeting of `cell` (sinh hoạt chi bộ); a thematic one needs its topic."""
    require_editor(actor, cell)
    cell_meeting_check(
        cell=cell,
        held_on=held_on,
        kind=str(kind),
        expected=expected,
        present=present,
        absent_excused=absent_excused,
        absent_unexcused=absent_unexcused,
        quality=str(quality),
    )
    if kind == CellMeetingKind.THEMATIC and not topic.strip():
        raise DomainError("Sinh hoạt chuyên đề cần ghi chuyên đề.", field="topic")
    with writing(actor):
        meeting = CellMeeting(
            cell=cell,
            held_on=held_on,
            kind=str(kind),
            topic=" ".join(topic.split()),
            expected=expected,
            present=present,
            absent_excused=absent_excused,
            absent_unexcused=absent_unexcused,
            chair=chair.strip(),
            quality=str(quality),
            note=note.strip(),
            recorded_by=_by(actor),
            source="biểu mẫu",
        )
        if minutes is not None:
            meeting.minutes.save(getattr(minutes, "name", "bien-ban"), minutes, save=False)
        meeting.save()
        return meeting


def inspection_plan_set(
    *,
    actor: Any,
    organisation: Organisation,
    year: int,
    inspections_planned: int,
    supervisions_planned: int,
    subjects: str = "",
    topics: str = "",
) -> InspectionPlan:
    """The committee's programme of inspection and supervision for `year`; a new one voids the old one."""
    require_editor(actor, organisation)
    if organisation.kind not in COMMITTEE_KINDS + CELL_KINDS:
        raise DomainError(f"«{organisation.name}» không phải tổ chức đảng.", field="organisation")
    if not 2000 <= year <= dt.date.today().year + 1:
        raise DomainError(f"Năm {year} không hợp lệ.", field="year")
    if min(inspections_planned, supervisions_planned) < 0:
        raise DomainError("Số cuộc không được âm.", field="inspections_planned")
    with writing(actor):
        for old in InspectionPlan.objects.filter(
            organisation=organisation, year=year, voided_at__isnull=True
        ):
            _void(old, "thay bằng chương trình mới")
        return InspectionPlan.objects.create(
            organisation=organisation,
            year=year,
            inspections_planned=inspections_planned,
            supervisions_planned=supervisions_planned,
            subjects=subjects.strip(),
            topics=topics.strip(),
            recorded_by=_by(actor),
            source="biểu mẫu",
        )


def inspection_check(
    *,
    mode: str,
    kind: str,
    conductor: Organisation,
    body: str,
    subject_organisation: Organisation | None,
    subject_member: Member | None,
    topic: str,
    started_on: dt.date,
    ended_on: dt.date | None,
) -> None:
    """The checks of an inspection or supervision (shared with the .xlsx import)."""
    if mode not in Mode.values:
        raise DomainError("Hình thức phải là kiểm tra hoặc giám sát.", field="mode")
    if kind not in InspectionKind.values:
        raise DomainError("Loại phải là thường xuyên, chuyên đề hoặc khi có dấu hiệu vi phạm.", field="kind")
    if kind == InspectionKind.VIOLATION and mode != Mode.INSPECTION:
        raise DomainError(
            "«Khi có dấu hiệu vi phạm» là loại của cuộc kiểm tra, không phải giám sát.", field="kind"
        )
    if body not in ConductingBody.values:
        raise DomainError("Chủ thể tiến hành không hợp lệ.", field="body")
    if (body == ConductingBody.CELL) != (conductor.kind in CELL_KINDS):
        raise DomainError(
            "Chi bộ tiến hành với chủ thể «Chi bộ»; đảng bộ với cấp ủy, ban thường vụ hoặc ủy ban kiểm tra.",
            field="body",
        )
    if (subject_organisation is None) == (subject_member is None):
        raise DomainError("Cần đúng một đối tượng: một tổ chức hoặc một đảng viên.", field="subject")
    if subject_organisation is not None and not (
        subject_organisation.path.startswith(conductor.path) or subject_organisation.pk == conductor.pk
    ):
        raise DomainError(
            f"«{subject_organisation.name}» không thuộc «{conductor.name}».", field="subject_organisation"
        )
    if not topic.strip():
        raise DomainError("Cần ghi nội dung kiểm tra, giám sát.", field="topic")
    _alive_on(conductor, started_on, "started_on")
    _not_future(started_on, "started_on")
    if ended_on is not None and ended_on < started_on:
        raise DomainError(
            f"Ngày kết thúc {ended_on:%d/%m/%Y} trước ngày bắt đầu {started_on:%d/%m/%Y}.", field="ended_on"
        )


def inspection_record(
    *,
    actor: Any,
    mode: Mode | str,
    kind: InspectionKind | str,
    conductor: Organisation,
    body: ConductingBody | str,
    topic: str,
    started_on: dt.date,
    subject_organisation: Organisation | None = None,
    subject_member: Member | None = None,
    ended_on: dt.date | None = None,
    findings: str = "",
    conclusion: str = "",
    violation_found: bool = False,
) -> Inspection:
    """An inspection (kiểm tra) or supervision (giám sát) carried out by `conductor`."""
    require_editor(actor, conductor)
    inspection_check(
        mode=str(mode),
        kind=str(kind),
        conductor=conductor,
        body=str(body),
        subject_organisation=subject_organisation,
        subject_member=subject_member,
        topic=topic,
        started_on=started_on,
        ended_on=ended_on,
    )
    with writing(actor):
        return Inspection.objects.create(
            mode=str(mode),
            kind=str(kind),
            conductor=conductor,
            body=str(body),
            subject_organisation=subject_organisation,
            subject_member=subject_member,
            topic=" ".join(topic.split()),
            started_on=started_on,
            ended_on=ended_on,
            findings=findings.strip(),
            conclusion=conclusion.strip(),
            violation_found=violation_found,
            recorded_by=_by(actor),
            source="biểu mẫu",
        )


def inspection_conclude(
    *,
    actor: Any,
    inspection: Inspection,
    ended_on: dt.date,
    conclusion: str,
    findings: str = "",
    violation_found: bool = False,
) -> Inspection:
    """Close an inspection with its conclusion (kết luận)."""
    require_editor(actor, inspection.conductor)
    if inspection.voided_at:
        raise DomainError("Cuộc kiểm tra, giám sát này đã bị hủy.")
    if ended_on < inspection.started_on:
        raise DomainError("Ngày kết thúc trước ngày bắt đầu.", field="ended_on")
    _not_future(ended_on, "ended_on")
    if not conclusion.strip():
        raise DomainError("Cần ghi kết luận.", field="conclusion")
    with writing(actor):
        inspection.ended_on = ended_on
        inspection.conclusion = conclusion.strip()
        inspection.findings = findings.strip() or inspection.findings
        inspection.violation_found = violation_found
        inspection.save(update_fields=["ended_on", "conclusion", "findings", "violation_found"])
        return inspection


def discipline_record(
    *,
    actor: Any,
    member: Member,
    form: DisciplineForm | str,
    decided_on: dt.date,
    reason: str,
    decided_by: str = "",
    decision: str = "",
    inspection: Inspection | None = None,
) -> Discipline:
    """Discipline a member: writes the event in the member's record (expulsion takes them off the rolls)."""
    if form not in DisciplineForm.values:
        raise DomainError("Hình thức kỷ luật không hợp lệ.", field="form")
    if not reason.strip():
        raise DomainError("Cần ghi nội dung vi phạm.", field="reason")
    _not_future(decided_on, "decided_on")
    if inspection is not None and inspection.subject_member_id not in (None, member.pk):
        raise DomainError("Cuộc kiểm tra này không phải về đảng viên này.", field="inspection")
    cell = member_cell(member)
    if cell is None:
        raise DomainError(f"«{member.full_name}» không có chi bộ.", field="member")
    require_editor(actor, cell)
    label = DisciplineForm(form).label
    with writing(actor):
        if form == DisciplineForm.EXPULSION:
            member_remove(
                actor=actor,
                member=member,
                on=decided_on,
                reason=EventKind.EXPULSION,
                decision=decision,
                note=reason.strip(),
            )
            kind = EventKind.EXPULSION
        else:
            member_discipline(
                actor=actor,
                member=member,
                on=decided_on,
                outcome=label,
                decision=decision,
                note=reason.strip(),
            )
            kind = EventKind.DISCIPLINE
        event = MembershipEvent.objects.filter(member=member, kind=kind, occurred_on=decided_on).last()
        return Discipline.objects.create(
            member=member,
            organisation=cell,
            form=str(form),
            decided_on=decided_on,
            decided_by=decided_by.strip(),
            decision=decision.strip(),
            reason=reason.strip(),
            inspection=inspection,
            event=event,
            recorded_by=_by(actor),
            source="biểu mẫu",
        )


def mobilisation_model_record(
    *,
    actor: Any,
    organisation: Organisation,
    year: int,
    name: str,
    field: MobilisationField | str,
    level: RecognitionLevel | str,
    description: str = "",
    recognised_on: dt.date | None = None,
) -> MobilisationModel:
    """A "Dân vận khéo" model of `organisation`, recognised at `level` in `year`."""
    require_editor(actor, organisation)
    if not name.strip():
        raise DomainError("Cần tên mô hình.", field="name")
    if field not in MobilisationField.values:
        raise DomainError("Lĩnh vực không hợp lệ.", field="field")
    if level not in RecognitionLevel.values:
        raise DomainError("Cấp công nhận không hợp lệ.", field="level")
    if not 2000 <= year <= dt.date.today().year:
        raise DomainError(f"Năm {year} không hợp lệ.", field="year")
    if recognised_on is not None and recognised_on.year != year:
        raise DomainError("Ngày công nhận phải trong năm của mô hình.", field="recognised_on")
    with writing(actor):
        return MobilisationModel.objects.create(
            organisation=organisation,
            year=year,
            name=" ".join(name.split()),
            field=str(field),
            level=str(level),
            description=description.strip(),
            recognised_on=recognised_on,
            recorded_by=_by(actor),
            source="biểu mẫu",
        )


def _void(record: Recorded, reason: str) -> None:
    record.voided_at = timezone.now()
    record.void_reason = reason
    record.save(update_fields=["voided_at", "void_reason"])


def activity_void(*, actor: Any, record: Recorded, reason: str) -> Recorded:
    """Void a record entered in error (a discipline's event stays in the member's record)."""
    require_editor(actor, record.audit_unit())
    if not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", field="reason")
    if record.voided_at:
        raise DomainError("Bản ghi này đã bị hủy.")
    with writing(actor):
        _void(record, reason.strip())
    return record
