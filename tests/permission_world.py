"""The tiny world of the permission matrix: a province with two communes, one object of every kind in each.

    P   Đảng bộ tỉnh Ma trận (provincial) ── a cadre of the province, "Cán bộ Tỉnh Chung"
    ├── A   Đảng bộ xã An Phú ── CA (cell; 2 members)
    └── B   Đảng bộ xã Bí Mật Bình ── CB (cell; 2 members)

Each commune also has a conference with its chair (a person), a task, a document, an inspection, a rating,
a submission, an issued report, a steering body (Ban Chỉ đạo) with one member (a person) who oversees
the commune's cell, a candidate for admission (proposed), its cell marked an agency cell (Quy định 213)
and the first member's contact with their residence with the 2024 comment asked for. The province's
cadre sits in B's body and attends B's conference too, with titles of B's: A's users see the cadre (above
them), never B's body nor the titles B recorded.

Every name, title and text of B's objects carries `SECRET` ("BIMATB"), so a page shown to a user of A can be
searched for it: a leak is any response to A's users that contains it. Users hold one role each at A
(viewer, editor, approver, administrator); a second administrator holds a role at B (for role revocation).
Built once per test module (`build_world`), through the services where they exist, with `actor=None`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SECRET = "BIMATB"
LEVELS = {"viewer": 10, "editor": 20, "approver": 30, "administrator": 40}
ON = dt.date(2024, 4, 14)


@dataclass
class Side:
    """The objects of one commune (A inside the users' sub-tree, B outside)."""

    commune: Any
    cell: Any
    members: list[Any] = field(default_factory=list)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]


@dataclass
class World:
    province: Any
    sides: dict[str, Side]
    users: dict[str, Any]

    def __getitem__(self, side: str) -> Side:
        return self.sides[side]


class _System:
    """The command line: acts with every right (services that insist on an actor)."""

    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None


def _side(letter: str, name: str, province: Any) -> Side:
    from dangvu.activities import ratings
    from dangvu.activities import services as activities
    from dangvu.assignments.services import task_assign
    from dangvu.core.periods import Period
    from dangvu.documents.services import document_register
    from dangvu.indicators import services as indicators
    from dangvu.meetings import bodies
    from dangvu.meetings.models import ParticipantRole
    from dangvu.meetings.services import meeting_participant_add, meeting_record
    from dangvu.members.models import Member, Placement
    from dangvu.organisations.kinds import OrgKind
    from dangvu.organisations.services import org_establish
    from dangvu.reports.services import report_issue

    start = dt.date(2000, 1, 1)
    commune = org_establish(
        actor=None,
        code=letter,
        name=f"Đảng bộ xã {name}",
        kind=OrgKind.GRASSROOTS_COMMITTEE,
        parent=province,
        established_on=start,
    )
    cell = org_establish(
        actor=None,
        code=f"C{letter}",
        name=f"Chi bộ thôn {name}",
        kind=OrgKind.SUBORDINATE_CELL,
        parent=commune,
        established_on=start,
    )
    side = Side(commune=commune, cell=cell)
    for i in range(2):
        m = Member.objects.create(
            full_name=f"Đảng viên {name} {i}",
            name_folded=f"dang vien {name.lower()} {i}",
            gender="nam",
            birth_date=dt.date(1980, 1, 1),
            identity_number=f"0380800000{letter == 'B':d}{i}",
            home_address=f"Thôn {name}",
            ethnicity="Kinh",
            admitted_on=start,
            confirmed_on=dt.date(2001, 1, 1),
            card_number=f"{letter}000000{i}",
            is_synthetic=True,
        )
        Placement.objects.create(member=m, organisation=cell, valid_from=start)
        side.members.append(m)
    meeting = meeting_record(
        actor=None, organiser=commune, kind="giao_ban", title=f"Giao ban {name}", held_on=ON
    )
    meeting_participant_add(
        actor=None,
        meeting=meeting,
        role=ParticipantRole.CHAIR,
        full_name=f"Người chủ trì {name}",
        positions="Bí thư Đảng ủy",
    )
    side.objects.update(
        meeting=meeting,
        person=meeting.participants.get().person,
        task=task_assign(actor=None, meeting=meeting, text=f"Kiện toàn {name}", lead=commune),
        document=document_register(
            actor=None, reference="03-NQ/ĐU", owner=commune, title=f"Nghị quyết {name}", issued_on=ON
        ),
        inspection=activities.inspection_record(
            actor=None,
            mode="supervision",
            kind="thematic",
            conductor=commune,
            body="committee",
            subject_organisation=cell,
            topic=f"Giám sát {name}",
            started_on=ON,
        ),
        rating=ratings.rating_propose(actor=None, period="2023", organisation=cell, grade="htnv"),
    )
    body = bodies.body_establish(
        actor=None, organisation=commune, name=f"Ban Chỉ đạo {name}", established_on=start
    )
    seat = bodies.body_member_add(
        actor=None, body=body, full_name=f"Trưởng ban {name}", role="Trưởng ban", valid_from=ON
    )
    side.objects.update(
        body=body,
        seat=seat,
        body_person=seat.person,
        oversight=bodies.oversight_assign(
            actor=None, body=body, organisation=cell, valid_from=ON, person=seat.person
        ),
    )
    sub = indicators.submission_save(actor=None, organisation=cell, period="2024-Q1", values={"GS_CUOC": 1})
    indicators.submission_submit(actor=None, submission=sub)
    side.objects["submission"] = sub
    side.objects["issued"] = report_issue(
        actor=_System(), organisation=commune, period=Period.parse("2024"), on=ON
    )
    _members_213(side, name, start)
    return side


def _members_213(side: Side, name: str, start: dt.date) -> None:
    """A candidate (proposed for admission), the cell marked an agency cell (Quy định 213), the first
    member's contact with their residence and the residence's comment for 2024 asked for."""
    from dangvu.members import candidate_services as candidates
    from dangvu.members import residence_services as residence
    from dangvu.members.candidate_models import Occupation
    from dangvu.members.models import Gender

    candidate = candidates.candidate_add(
        actor=None,
        unit=side.cell,
        full_name=f"Quần chúng {name}",
        birth_date=dt.date(2000, 1, 2),
        gender=Gender("nam"),
        ethnicity="Kinh",
        occupation=Occupation.STUDENT,
        on=dt.date(2024, 1, 5),
    )
    candidates.candidate_course_done(
        actor=None, candidate=candidate, on=dt.date(2024, 2, 5), course_name=f"Lớp nhận thức {name}"
    )
    candidates.candidate_propose(actor=None, candidate=candidate, on=ON)
    residence.agency_cell_mark(actor=None, cell=side.cell, since=start, note=f"Cơ quan {name}")
    contact = residence.residence_contact_register(
        actor=None, member=side.members[0], since=ON, residence_name=f"Tổ dân phố {name}"
    )
    side.objects.update(
        candidate=candidate,
        contact=contact,
        comment=residence.residence_comment_send(actor=None, contact=contact, year=2024, sent_on=ON),
    )


def build_world() -> World:
    from django.contrib.auth import get_user_model
    from factories import ensure_catalogue

    from dangvu.accounts.models import ApiToken, Role
    from dangvu.organisations.kinds import OrgKind
    from dangvu.organisations.services import org_establish

    ensure_catalogue()  # a transactional test run before this module may have flushed it
    province = org_establish(
        actor=None,
        code="P",
        name="Đảng bộ tỉnh Ma trận",
        kind=OrgKind.PROVINCIAL,
        parent=None,
        established_on=dt.date(2000, 1, 1),
    )
    sides = {"A": _side("A", "An Phú", province), "B": _side("B", f"{SECRET} Bình", province)}
    # A cadre of the province (seen by A's users, as above them) who also sits in B's steering body and
    # attends B's conference, each time given a title of B's: B's records, never shown to A.
    from dangvu.meetings import bodies
    from dangvu.meetings.models import ParticipantRole
    from dangvu.meetings.services import meeting_participant_add, person_record

    shared = person_record(
        actor=None, full_name="Cán bộ Tỉnh Chung", positions=["Tỉnh ủy viên"], on=ON, home=province
    )
    bodies.body_member_add(
        actor=None,
        body=sides["B"]["body"],
        full_name=shared.full_name,
        role=f"Thành viên {SECRET}",
        valid_from=ON,
        positions=["Tỉnh ủy viên", f"Phụ trách xã {SECRET} Bình"],
    )
    meeting_participant_add(
        actor=None,
        meeting=sides["B"]["meeting"],
        role=ParticipantRole.ATTENDEE,
        full_name=shared.full_name,
        positions=f"Trưởng đoàn công tác tại {SECRET} Bình",
    )
    sides["A"].objects["shared_person"] = shared
    users: dict[str, Any] = {}
    user_model = get_user_model()
    for name, level in LEVELS.items():
        u = user_model.objects.create(username=f"a_{name}")
        u.set_unusable_password()
        u.save()
        Role.objects.create(user=u, organisation=sides["A"].commune, level=level)
        users[name] = u
    b_admin = user_model.objects.create(username="b_administrator")
    users["b_administrator"] = b_admin
    for side, holder in (("A", users["viewer"]), ("B", b_admin)):
        sides[side].objects["role"] = Role.objects.create(
            user=holder, organisation=sides[side].commune, level=10
        )
    # A finished background job in each commune, asked for by that commune's administrator.
    from dangvu.jobs.services import job_claim_next, job_enqueue, job_finish

    for side, holder in (("A", users["administrator"]), ("B", b_admin)):
        commune = sides[side].commune
        job_enqueue(
            actor=holder,
            kind="reports.forms_xlsx",
            arguments={"org": commune.code},
            organisation=commune,
            title=f"Biểu thống kê {commune.name}",
        )
        job = job_claim_next("ma-tran")
        assert job is not None
        job_finish(job, "ma-tran", f"bieu-{side}.xlsx", f"Biểu của {commune.name}".encode())
        job.refresh_from_db()
        sides[side].objects["job"] = job
    for side, holder in (("A", users["administrator"]), ("B", b_admin)):  # still waiting: to cancel
        sides[side].objects["queued_job"] = job_enqueue(
            actor=holder,
            kind="reports.forms_xlsx",
            arguments={"code": sides[side].commune.code, "at": "2024-04-14"},
            organisation=sides[side].commune,
            title=f"Biểu thống kê đang chờ {sides[side].commune.name}",
        )
    for who, u in users.items():  # each user's own API token; b_administrator's is "outside" for A's users
        ApiToken.objects.create(user=u, label=f"khóa {who}", prefix=who[:8], digest=f"{who:0<64}")
    return World(province=province, sides=sides, users=users)
