"""The demo's last step: the work of 2025–2026 that the newer pages show — review conferences of the
province committee and of two communes (chairs, contributions, conclusions, cited documents), the tasks
their conclusions give (deadlines spread around today: some done, some overdue, some due soon), a steering
committee overseeing some communes, candidates in the communes' cells at every stage, and agency cells
whose members keep contact with their place of residence (Quy định 213).

Everything goes through the services a user's input would (actor `None`: the command line), so it is
validated and audited; all of it is synthetic ("mô phỏng") and follows from the seed (dates of tasks and
reports are counted from `today`, so the demo always has tasks overdue and due soon).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from dangvu.assignments.services import task_assign, task_progress_record
from dangvu.assignments.status import State
from dangvu.demo.names import person_name
from dangvu.documents.services import document_register
from dangvu.meetings.bodies import body_establish, body_member_add, oversight_assign
from dangvu.meetings.kinds import BY_CODE
from dangvu.meetings.models import Meeting, ParticipantRole
from dangvu.meetings.services import (
    meeting_contribution_add,
    meeting_participant_add,
    meeting_record,
)
from dangvu.members.candidate_models import Occupation
from dangvu.members.candidate_services import (
    candidate_add,
    candidate_admit,
    candidate_course_done,
    candidate_drop,
    candidate_propose,
)
from dangvu.members.models import Gender, Member
from dangvu.members.residence_services import (
    agency_cell_mark,
    residence_comment_return,
    residence_comment_send,
    residence_contact_register,
)
from dangvu.organisations.models import Organisation

CELL_KINDS = ("grassroots_cell", "subordinate_cell")
#: (kind, period, day held) of the reviews; the province holds all, a commune those after it was formed.
REVIEWS: tuple[tuple[str, str, dt.date], ...] = (
    ("so_ket_quy", "2025-Q1", dt.date(2025, 4, 8)),
    ("so_ket_6_thang", "2025-H1", dt.date(2025, 7, 10)),
    ("so_ket_quy", "2025-Q3", dt.date(2025, 10, 9)),
    ("tong_ket_nam", "2025", dt.date(2025, 12, 19)),
    ("so_ket_quy", "2026-Q1", dt.date(2026, 4, 9)),
    ("so_ket_6_thang", "2026-H1", dt.date(2026, 7, 9)),
    ("so_ket_quy", "2026-Q3", dt.date(2026, 10, 8)),
    ("tong_ket_nam", "2026", dt.date(2026, 12, 18)),
)
TOPICS = (
    ("Công tác phát triển đảng viên", "Tỷ lệ kết nạp trong học sinh, doanh nghiệp ngoài nhà nước còn thấp."),
    ("Sinh hoạt chi bộ", "Nội dung sinh hoạt chuyên đề cần sát với nhiệm vụ của từng chi bộ."),
    ("Thực hiện Quy định 213", "Một số phiếu nhận xét của nơi cư trú gửi về chậm."),
    ("Chuyển đổi số trong công tác đảng", "Cập nhật hồ sơ đảng viên trên phần mềm chưa đầy đủ."),
    ("Kiện toàn tổ chức sau sắp xếp", "Một số chi bộ sau hợp nhất còn đông, cần chia lại cho phù hợp."),
)
TASKS = (
    "Rà soát, cập nhật đầy đủ hồ sơ đảng viên trên phần mềm",
    "Xây dựng kế hoạch phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước",
    "Tổ chức lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú",
    "Đôn đốc các chi bộ gửi phiếu xin nhận xét của nơi cư trú",
    "Hướng dẫn các chi bộ sinh hoạt chuyên đề theo quý",
    "Báo cáo kết quả kiện toàn chi bộ sau sắp xếp",
)
#: Days from today to a task's deadline, and what was reported: overdue, due soon, later, done.
DEADLINES: tuple[tuple[int, State | None], ...] = (
    (-45, State.DONE),
    (-20, None),
    (-8, State.IN_PROGRESS),
    (3, State.IN_PROGRESS),
    (6, None),
    (25, State.IN_PROGRESS),
    (-30, State.DONE),
    (50, None),
)


@dataclass
class WorkSummary:
    meetings: int
    tasks: int
    candidates: int
    contacts: int


def _day(value: dt.date, today: dt.date) -> dt.date:
    return min(value, today)


def _cast(rng: random.Random, titles: Sequence[str]) -> list[tuple[str, str]]:
    return [(person_name(rng, female=rng.random() < 0.3, ethnicity="Kinh"), t) for t in titles]


def _cells(under: Organisation, on: dt.date) -> list[Organisation]:
    return list(
        Organisation.objects.filter(path__startswith=under.path, kind__in=CELL_KINDS, established_on__lte=on)
        .exclude(dissolved_on__lte=on)
        .order_by("code")
    )


def _documents(root: Organisation) -> list[str]:
    """A few documents of the province committee, registered with their titles, for conferences to cite."""
    plan = (
        ("Nghị quyết số 08-NQ/TU", "Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ (mô phỏng)", 2025, 2),
        ("Kế hoạch số 21-KH/TU", "Kế hoạch phát triển đảng viên giai đoạn 2025–2030 (mô phỏng)", 2025, 3),
        ("Chỉ thị số 04-CT/TU", "Chỉ thị về chuyển đổi số trong công tác đảng (mô phỏng)", 2025, 8),
    )
    refs = []
    for reference, title, year, month in plan:
        document_register(
            actor=None,
            reference=reference,
            owner=root,
            title=title,
            issued_on=dt.date(year, month, 15),
            issuing_organisation=root,
        )
        refs.append(reference)
    return refs


def _meetings(
    rng: random.Random,
    organiser: Organisation,
    chairs: list[tuple[str, str]],
    speakers: list[tuple[str, str]],
    documents: list[str],
    today: dt.date,
) -> list[Meeting]:
    word = "Tỉnh ủy" if organiser.parent_id is None else "Đảng ủy"
    made = []
    for kind, period, held_on in REVIEWS:
        ended = organiser.dissolved_on is not None and held_on >= organiser.dissolved_on
        if held_on < organiser.established_on or ended:
            continue
        past = held_on <= today
        topics = rng.sample(TOPICS, 2)
        meeting = meeting_record(
            actor=None,
            organiser=organiser,
            kind=kind,
            title=f"Hội nghị {BY_CODE[kind].label.lower()} {period} của Ban Thường vụ {word} (mô phỏng)",
            held_on=held_on,
            starts_at=dt.time(8, 0),
            venue=f"Hội trường {organiser.name}",
            period=period,
            agenda="; ".join(t for t, _ in topics),
            conclusion=(
                f"Ban Thường vụ {word} ghi nhận kết quả kỳ {period}; yêu cầu tập trung "
                f"{topics[0][0].lower()} và {topics[1][0].lower()} trong kỳ tới."
                if past
                else ""
            ),
            documents=rng.sample(documents, 2) if past else (),
        )
        for name, title in chairs:
            meeting_participant_add(
                actor=None, meeting=meeting, role=ParticipantRole.CHAIR, full_name=name, positions=title
            )
        if past:
            for (topic, summary), (name, title) in zip(topics, rng.sample(speakers, 2), strict=True):
                meeting_contribution_add(
                    actor=None, meeting=meeting, topic=topic, summary=summary, full_name=name, positions=title
                )
        made.append(meeting)
    return made


def _tasks(rng: random.Random, meetings: list[Meeting], leads: list[Organisation], today: dt.date) -> int:
    held = [m for m in meetings if m.conclusion]
    count = 0
    for i, (offset, state) in enumerate(DEADLINES):
        deadline = today + dt.timedelta(days=offset)
        # the latest conference at least three weeks before the deadline (and before the report, if any)
        limit = min(deadline, today) - dt.timedelta(days=21)
        source = [m for m in held if m.held_on <= limit]
        if not source:
            continue
        meeting = source[-1] if i % 2 == 0 else source[max(0, len(source) - 2)]
        lead = leads[i % len(leads)]
        task = task_assign(
            actor=None,
            text=TASKS[i % len(TASKS)],
            meeting=meeting,
            lead=lead,
            deadline=deadline,
        )
        count += 1
        if state is not None:
            reported = _day(meeting.held_on + dt.timedelta(days=rng.randint(10, 20)), today)
            if state is State.DONE:
                reported = _day(deadline - dt.timedelta(days=rng.randint(0, 5)), today)
            task_progress_record(
                actor=None,
                task=task,
                state=state,
                reported_on=max(reported, meeting.held_on),
                note="Đã triển khai tới các chi bộ." if state is State.IN_PROGRESS else "Đã hoàn thành.",
                evidence=f"Báo cáo số {10 + i}-BC/ĐU (mô phỏng)" if state is State.DONE else "",
            )
    return count


def _committee(rng: random.Random, root: Organisation, communes: list[Organisation], today: dt.date) -> None:
    on = _day(dt.date(2025, 8, 4), today)
    body = body_establish(
        actor=None,
        organisation=root,
        name="Ban Chỉ đạo thực hiện sắp xếp tổ chức đảng cấp xã (mô phỏng)",
        established_on=on,
        document="Quyết định số 115-QĐ/TU",
    )
    seats = []
    for name, title, role in (
        (*_cast(rng, ["Phó Bí thư Thường trực Tỉnh ủy"])[0], "Trưởng ban"),
        (*_cast(rng, ["Trưởng Ban Tổ chức Tỉnh ủy"])[0], "Phó Trưởng ban"),
        (*_cast(rng, ["Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy"])[0], "Thành viên"),
        (*_cast(rng, ["Chánh Văn phòng Tỉnh ủy"])[0], "Thành viên"),
    ):
        seats.append(
            body_member_add(actor=None, body=body, full_name=name, role=role, valid_from=on, positions=title)
        )
    for i, commune in enumerate(communes):
        person = seats[i % 3 + 1].person
        oversight_assign(actor=None, body=body, organisation=commune, valid_from=on, person=person)
    if communes:
        agency = "Ban Tổ chức Tỉnh ủy"
        oversight_assign(actor=None, body=body, organisation=communes[0], valid_from=on, agency=agency)


def _candidates(rng: random.Random, communes: list[Organisation], today: dt.date) -> int:
    occupations = (
        Occupation.STUDENT,
        Occupation.PRIVATE_ENTERPRISE,
        Occupation.FARMER,
        Occupation.STUDENT,
        Occupation.PRIVATE_ENTERPRISE,
        Occupation.OTHER,
    )
    count = 0
    for commune in communes:
        cells = _cells(commune, today)[:3]
        for i in range(12 if cells else 0):
            cell = cells[i % len(cells)]
            female = rng.random() < 0.45
            occupation = occupations[i % len(occupations)]
            age = rng.randint(17, 21) if occupation is Occupation.STUDENT else rng.randint(20, 35)
            start = _day(dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 400)), today)
            candidate = candidate_add(
                actor=None,
                unit=cell,
                full_name=person_name(rng, female=female, ethnicity="Kinh"),
                birth_date=dt.date(start.year - age, rng.randint(1, 12), rng.randint(1, 28)),
                gender=Gender.FEMALE if female else Gender.MALE,
                ethnicity="Kinh",
                occupation=occupation,
                on=start,
                note="Quần chúng ưu tú do chi bộ giới thiệu (mô phỏng).",
            )
            count += 1
            steps = i % 6  # 0, 1: source; 2: course done; 3: proposed; 4: admitted; 5: dropped
            day = start
            if steps >= 2:
                day = _day(day + dt.timedelta(days=rng.randint(30, 90)), today)
                candidate_course_done(
                    actor=None,
                    candidate=candidate,
                    on=day,
                    course_name=f"Lớp bồi dưỡng nhận thức về Đảng khóa {day.year} (mô phỏng)",
                )
            if steps in (3, 4):
                day = _day(day + dt.timedelta(days=rng.randint(30, 60)), today)
                candidate_propose(actor=None, candidate=candidate, on=day)
            if steps == 4:
                day = _day(day + dt.timedelta(days=rng.randint(20, 45)), today)
                candidate_admit(
                    actor=None,
                    candidate=candidate,
                    admitted_on=day,
                    decision=f"Quyết định số {200 + count}-QĐ/ĐU (mô phỏng)",
                )
            if steps == 5:
                day = _day(day + dt.timedelta(days=rng.randint(20, 60)), today)
                candidate_drop(
                    actor=None, candidate=candidate, on=day, reason="Chuyển nơi học tập, công tác."
                )
    return count


def _residence(agency_cells: list[Organisation], homes: list[Organisation], today: dt.date) -> int:
    count = 0
    for cell in agency_cells:
        agency_cell_mark(actor=None, cell=cell, since=dt.date(2025, 1, 1), note="Chi bộ cơ quan (mô phỏng)")
        members = Member.objects.filter(
            placements__organisation=cell, placements__valid_to__isnull=True, left_on__isnull=True
        ).order_by("pk")[:4]
        for i, member in enumerate(members):
            since = max(member.admitted_on, dt.date(2025, 3, 1))
            if since > today:
                continue
            home = homes[(count + i) % len(homes)] if homes else None
            contact = residence_contact_register(
                actor=None,
                member=member,
                since=since,
                residence_unit=home,
                residence_name="" if home else "Chi bộ khu dân cư nơi cư trú (mô phỏng)",
            )
            count += 1
            sent = dt.date(2025, 11, 20)
            if sent <= today and contact.since.year <= 2025:
                comment = residence_comment_send(actor=None, contact=contact, year=2025, sent_on=sent)
                if i % 3 != 2:
                    residence_comment_return(
                        actor=None,
                        comment=comment,
                        returned_on=_day(dt.date(2025, 12, 10 + i), today),
                        assessment="Gương mẫu" if i % 2 == 0 else "Thực hiện tốt nghĩa vụ công dân",
                        content="Gương mẫu chấp hành chủ trương, quy định nơi cư trú (mô phỏng).",
                    )
    return count


def demo_work(
    *,
    root: Organisation,
    communes: list[Organisation],
    seed: int,
    today: dt.date | None = None,
) -> WorkSummary:
    """Record the demo's conferences, tasks, steering committee, candidates and residence contacts."""
    today = today or dt.date.today()
    rng = random.Random(seed * 53 + 11)
    documents = _documents(root)
    province_chairs = _cast(rng, ["Bí thư Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy"])
    province_speakers = _cast(
        rng,
        ["Trưởng Ban Tổ chức Tỉnh ủy", "Chánh Văn phòng Tỉnh ủy", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"],
    )
    meetings = _meetings(rng, root, province_chairs, province_speakers, documents, today)
    n_tasks = _tasks(rng, meetings, communes or [root], today)
    n_meetings = len(meetings)
    for commune in communes:
        word = "phường" if "phường" in commune.name else "xã"
        chairs = _cast(rng, [f"Bí thư Đảng ủy {word}", f"Phó Bí thư Thường trực Đảng ủy {word}"])
        speakers = _cast(rng, [f"Chủ tịch UBND {word}", f"Chủ nhiệm Ủy ban Kiểm tra Đảng ủy {word}"])
        held = _meetings(rng, commune, chairs, speakers, documents, today)
        n_meetings += len(held)
        n_tasks += _tasks(rng, held, _cells(commune, today)[:3] or [commune], today)
    _committee(rng, root, communes, today)
    n_candidates = _candidates(rng, communes, today)
    inside = [c.path for c in communes]
    agency = [
        c
        for c in _cells(root, today)
        if c.kind == "grassroots_cell" and not any(c.path.startswith(p) for p in inside)
    ]
    homes = [c for commune in communes for c in _cells(commune, today)[:2]]
    n_contacts = _residence(agency[:2], homes, today)
    return WorkSummary(n_meetings, n_tasks, n_candidates, n_contacts)
