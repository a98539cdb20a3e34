"""Reads of activities through the acting user's scope: registers, one record (404 outside scope), and the
reports for a sub-tree and period: meeting gaps and attendance, coverage ("16/35 đảng ủy cơ sở chưa thực
hiện giám sát", with the units behind each number), plan vs done, ratings by grade, "Dân vận khéo" counts.

Reports are computed for every unit of the sub-tree at once (`figures`: one GROUP BY each); the caller has
checked the user's access to the sub-tree's top (`accounts.selectors.organisation_for`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import F, Model, Q, QuerySet
from django.http import Http404

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths
from dangvu.activities import figures
from dangvu.activities.models import (
    CellMeeting,
    Discipline,
    Inspection,
    InspectionPlan,
    MobilisationModel,
    Mode,
    QualityRating,
)
from dangvu.activities.rules import GRADES, Grade, MeetingGaps
from dangvu.core.periods import Period
from dangvu.core.text import fold
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation

M = TypeVar("M", bound=Model)

#: The kinds of unit a coverage report counts, in the order and words a report uses.
COVERAGE_GROUPS: list[tuple[str, OrgKind]] = [
    ("đảng bộ trực thuộc", OrgKind.DIRECTLY_UNDER),
    ("đảng ủy cơ sở", OrgKind.GRASSROOTS_COMMITTEE),
    ("chi bộ cơ sở", OrgKind.GRASSROOTS_CELL),
    ("đảng ủy bộ phận", OrgKind.PARTIAL_COMMITTEE),
    ("chi bộ trực thuộc", OrgKind.SUBORDINATE_CELL),
]


def _in(paths: list[str], *fields: str) -> Q:
    cond = Q(pk__in=[])
    for p in paths:
        for f in fields:
            cond |= Q(**{f"{f}__startswith": p})
    return cond


def _scoped(qs: QuerySet[M], user: Any, fields: tuple[str, ...], include_void: bool) -> QuerySet[M]:
    if not include_void:
        qs = qs.filter(voided_at__isnull=True)
    scope = scope_paths(user, RoleLevel.VIEWER)
    return qs if scope is None else qs.filter(_in(scope, *fields))


def cell_meetings_visible(user: Any, *, include_void: bool = False) -> QuerySet[CellMeeting]:
    return _scoped(CellMeeting.objects.select_related("cell"), user, ("cell__path",), include_void)


def inspections_visible(user: Any, *, include_void: bool = False) -> QuerySet[Inspection]:
    qs = Inspection.objects.select_related("conductor", "subject_organisation", "subject_member")
    fields = ("conductor__path", "subject_organisation__path", "subject_member__cell__path")
    return _scoped(qs, user, fields, include_void)


def plans_visible(user: Any) -> QuerySet[InspectionPlan]:
    return _scoped(
        InspectionPlan.objects.select_related("organisation"), user, ("organisation__path",), False
    )


def disciplines_visible(user: Any, *, include_void: bool = False) -> QuerySet[Discipline]:
    qs = Discipline.objects.select_related("member", "organisation", "inspection")
    return _scoped(qs, user, ("organisation__path",), include_void)


def ratings_visible(user: Any, *, include_void: bool = False) -> QuerySet[QualityRating]:
    qs = QualityRating.objects.select_related("organisation", "member", "deciding_organisation")
    return _scoped(qs, user, ("organisation__path",), include_void)


def mobilisation_models_visible(user: Any, *, include_void: bool = False) -> QuerySet[MobilisationModel]:
    qs = MobilisationModel.objects.select_related("organisation")
    return _scoped(qs, user, ("organisation__path",), include_void)


def one_for(qs: QuerySet[M], pk: int) -> M:
    """One record from a scoped queryset, or 404 (the same as a missing one)."""
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy bản ghi.")
    return found


def under(qs: QuerySet[M], org: Organisation, field: str) -> QuerySet[M]:
    return qs.filter(**{f"{field}__path__startswith": org.path})


def _units_in(org: Organisation, start: dt.date, end: dt.date) -> QuerySet[Organisation]:
    """Units of `org`'s sub-tree (itself included) alive at some time in [start, end]."""
    return Organisation.objects.filter(path__startswith=org.path, established_on__lte=end).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=start)
    )


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit as a report lists it (read with `values_list`: thousands of model instances cost more)."""

    pk: int
    code: str
    name: str
    kind: str
    path: str


def _refs(qs: QuerySet[Organisation]) -> list[UnitRef]:
    return [UnitRef(*row) for row in qs.values_list("id", "code", "name", "kind", "path")]


# --- cell meetings -------------------------------------------------------------------------------------


@dataclass
class CellRow:
    cell: Organisation
    gaps: MeetingGaps
    attendance: figures.Attendance


@dataclass
class MeetingReport:
    period: Period
    through: dt.date
    rows: list[CellRow]

    @property
    def missed_month(self) -> list[CellRow]:
        return [r for r in self.rows if r.gaps.months_missed]

    @property
    def missed_thematic(self) -> list[CellRow]:
        return [r for r in self.rows if r.gaps.quarters_missed]

    @property
    def compliant(self) -> int:
        return sum(1 for r in self.rows if r.gaps.ok and r.gaps.months_due)

    @property
    def attendance(self) -> figures.Attendance:
        total = figures.Attendance()
        for r in self.rows:
            total.meetings += r.attendance.meetings
            total.present += r.attendance.present
            total.expected += r.attendance.expected
        return total


def meeting_report(org: Organisation, period: Period, today: dt.date | None = None) -> MeetingReport:
    """Every cell under `org`: the months of `period` (ended by `today`) without a regular meeting, the
    quarters without a thematic one, and attendance."""
    through = min(period.end, today or dt.date.today())
    gaps, attendance = figures.meeting_compliance(period.start, through, [org.path])
    cells = Organisation.objects.in_bulk(list(gaps))
    rows = [CellRow(cells[c], g, attendance.get(c, figures.Attendance())) for c, g in gaps.items()]
    rows.sort(key=lambda r: (-len(r.gaps.months_missed), r.cell.name_folded))
    return MeetingReport(period, through, rows)


# --- inspection and supervision ------------------------------------------------------------------------


@dataclass
class CoverageGroup:
    label: str
    kind: OrgKind
    done: list[UnitRef] = field(default_factory=list)
    not_done: list[UnitRef] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.done) + len(self.not_done)


@dataclass
class Coverage:
    mode: Mode
    period: Period
    groups: list[CoverageGroup]

    @property
    def sentence(self) -> str:
        """'16/35 đảng ủy cơ sở, 17/32 chi bộ cơ sở chưa thực hiện giám sát'."""
        parts = [f"{len(g.not_done)}/{g.total} {g.label}" for g in self.groups if g.total]
        if not parts:
            return "Không có đơn vị nào để tính."
        return f"{', '.join(parts)} chưa thực hiện {Mode(self.mode).label.lower()}"


def coverage(
    org: Organisation, period: Period, mode: Mode, done: dict[int, figures.Done] | None = None
) -> Coverage:
    """Units below `org` (by kind) that have or have not carried out any inspection / supervision.
    `done` may pass `figures.inspections_done` of the same period and sub-tree, read once for several
    reports."""
    if done is None:
        done = figures.inspections_done(period.start, period.end, [org.path])
    groups = {kind: CoverageGroup(label, kind) for label, kind in COVERAGE_GROUPS}
    units = _units_in(org, period.start, period.end).exclude(pk=org.pk).order_by("name_folded")
    for u in _refs(units.filter(kind__in=[k.value for k in groups])):
        d = done.get(u.pk)
        n = (d.inspections if mode == Mode.INSPECTION else d.supervisions) if d else 0
        g = groups[OrgKind(u.kind)]
        (g.done if n else g.not_done).append(u)
    return Coverage(mode, period, [g for g in groups.values() if g.total])


@dataclass
class PlanRow:
    organisation: UnitRef
    inspections_planned: int
    inspections_done: int
    supervisions_planned: int
    supervisions_done: int

    @staticmethod
    def _pct(done: int, planned: int) -> float | None:
        return 100.0 * done / planned if planned else None

    @property
    def inspections_pct(self) -> float | None:
        return self._pct(self.inspections_done, self.inspections_planned)

    @property
    def supervisions_pct(self) -> float | None:
        return self._pct(self.supervisions_done, self.supervisions_planned)


def plan_vs_done(
    org: Organisation, year: int, through: dt.date | None = None, done: dict[int, figures.Done] | None = None
) -> list[PlanRow]:
    """Each unit under `org` with a plan for `year` or anything done in it: planned vs done (to `through`)."""
    period = Period.parse(str(year))
    end = min(period.end, through) if through else period.end
    plans = figures.plans_of_year(year, [org.path])
    if done is None:
        done = figures.inspections_done(period.start, end, [org.path])
    units = {u.pk: u for u in _refs(Organisation.objects.filter(pk__in=list(set(plans) | set(done))))}
    rows = [
        PlanRow(
            units[u],
            plans.get(u, (0, 0))[0],
            done[u].inspections if u in done else 0,
            plans.get(u, (0, 0))[1],
            done[u].supervisions if u in done else 0,
        )
        for u in units
    ]
    rows.sort(key=lambda r: (r.organisation.path.count("/"), fold(r.organisation.name)))
    return rows


# --- ratings and models --------------------------------------------------------------------------------


@dataclass
class RatingSummary:
    period: str
    organisations: dict[Grade, int]
    members: dict[Grade, int]
    unrated_grassroots: int
    differing: int  # decisions that differ from the proposal

    @staticmethod
    def good_share(counts: dict[Grade, int]) -> float | None:
        total = sum(counts.values())
        good = counts.get(Grade.EXCELLENT, 0) + counts.get(Grade.GOOD, 0)
        return 100.0 * good / total if total else None

    @property
    def organisations_good_share(self) -> float | None:
        return self.good_share(self.organisations)

    @property
    def members_good_share(self) -> float | None:
        return self.good_share(self.members)


def rating_summary(org: Organisation, period: str) -> RatingSummary:
    """Decided grades in `org`'s sub-tree for `period`, for grassroots organisations and for members."""
    p = Period.parse(period)
    qs = QualityRating.objects.filter(
        organisation__path__startswith=org.path, period=str(p), voided_at__isnull=True
    ).exclude(decided_grade="")
    grassroots = [OrgKind.GRASSROOTS_COMMITTEE.value, OrgKind.GRASSROOTS_CELL.value]
    orgs = {g: 0 for g in GRADES}
    members = {g: 0 for g in GRADES}
    rated: set[int] = set()
    for grade, member_id, org_id, kind in qs.values_list(
        "decided_grade", "member_id", "organisation_id", "organisation__kind"
    ):
        if member_id is not None:
            members[Grade(grade)] += 1
        elif kind in grassroots:
            orgs[Grade(grade)] += 1
            rated.add(org_id)
    units = _units_in(org, p.end, p.end).filter(kind__in=grassroots).values_list("id", flat=True)
    differing = qs.exclude(proposed_grade="").exclude(proposed_grade=F("decided_grade")).count()
    return RatingSummary(str(p), orgs, members, len(set(units) - rated), differing)


def mobilisation_counts(org: Organisation, first_year: int, last_year: int) -> dict[int, dict[int, int]]:
    """ "Dân vận khéo" models per unit (of `org`'s sub-tree) and year: {unit id: {year: count}}."""
    out: dict[int, dict[int, int]] = {}
    rows = (
        MobilisationModel.objects.filter(
            organisation__path__startswith=org.path,
            year__gte=first_year,
            year__lte=last_year,
            voided_at__isnull=True,
        )
        .values_list("organisation_id", "year")
        .order_by()
    )
    for unit, year in rows:
        out.setdefault(unit, {}).setdefault(year, 0)
        out[unit][year] += 1
    return out
