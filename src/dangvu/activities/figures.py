"""Each unit's own activity figures for a stretch of days, in set-based queries (one GROUP BY each).

The coverage and compliance pages (`selectors.py`) and the indicator roll-up (`indicators.sources.
activity_values`) both read from here, so a page and the dashboard never disagree. Every function takes an
optional list of path prefixes to limit the units (a sub-tree, as the tree is now); None means all.
Voided records never count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from dangvu.activities.models import (
    CellMeeting,
    CellMeetingKind,
    Discipline,
    Inspection,
    InspectionKind,
    InspectionPlan,
    MobilisationModel,
    Mode,
    QualityRating,
)
from dangvu.activities.rules import MEETING_RULES, Grade, MeetingGaps, meeting_gaps, months_between
from dangvu.organisations.models import Organisation

CELL_KINDS = ("grassroots_cell", "subordinate_cell")
GOOD_OR_BETTER = (Grade.EXCELLENT.value, Grade.GOOD.value)


def _under(paths: list[str] | None, field: str) -> Q:
    if paths is None:
        return Q()
    cond = Q(pk__in=[])
    for p in paths:
        cond |= Q(**{f"{field}__startswith": p})
    return cond


@dataclass
class CellMonth:
    regular: int = 0
    thematic: int = 0


@dataclass
class Attendance:
    meetings: int = 0
    present: int = 0
    expected: int = 0

    @property
    def rate(self) -> float | None:
        return 100.0 * self.present / self.expected if self.expected else None


def meeting_table(
    start: dt.date, end: dt.date, paths: list[str] | None = None
) -> tuple[dict[int, dict[tuple[int, int], CellMonth]], dict[int, Attendance]]:
    """Meetings of each cell by (year, month) and kind, and its attendance sums: one GROUP BY."""
    rows = (
        CellMeeting.objects.filter(
            _under(paths, "cell__path"), held_on__gte=start, held_on__lte=end, voided_at__isnull=True
        )
        .annotate(y=ExtractYear("held_on"), m=ExtractMonth("held_on"))
        .values_list("cell_id", "kind", "y", "m")
        .annotate(n=Count("id"), present=Sum("present"), expected=Sum("expected"))
        .order_by()
    )
    months: dict[int, dict[tuple[int, int], CellMonth]] = defaultdict(dict)
    attendance: dict[int, Attendance] = defaultdict(Attendance)
    for cell, kind, y, m, n, present, expected in rows:
        cm = months[cell].setdefault((y, m), CellMonth())
        if kind == CellMeetingKind.THEMATIC:
            cm.thematic += n
        else:
            cm.regular += n
        a = attendance[cell]
        a.meetings += n
        a.present += present or 0
        a.expected += expected or 0
    return months, attendance


def cells_due(
    start: dt.date, end: dt.date, paths: list[str] | None = None, only: list[int] | None = None
) -> dict[int, list[tuple[int, int]]]:
    """For each cell alive in the stretch: the whole months of its life within [start, end].
    `only`: just these cells (None: every cell)."""
    cells = Organisation.objects.filter(
        _under(paths, "path"), kind__in=CELL_KINDS, established_on__lte=end
    ).filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=start))
    if only is not None:
        cells = cells.filter(pk__in=only)
    out: dict[int, list[tuple[int, int]]] = {}
    for pk, established, dissolved in cells.values_list("id", "established_on", "dissolved_on"):
        last = end if dissolved is None else min(end, dissolved - dt.timedelta(days=1))
        out[pk] = months_between(max(start, established), last)
    return out


def meeting_compliance(
    start: dt.date, end: dt.date, paths: list[str] | None = None, *, met_only: bool = False
) -> tuple[dict[int, MeetingGaps], dict[int, Attendance]]:
    """Every cell's gaps against the meeting rule over the whole months of [start, end], and attendance.

    `met_only`: gaps only for cells that held a meeting in the stretch — enough for callers that count the
    cells meeting the rule, since a cell that held none missed every month it was due (every rule asks for
    at least one meeting a month)."""
    months, attendance = meeting_table(start, end, paths)
    only = list(months) if met_only and all(r.regular_per_month > 0 for r in MEETING_RULES) else None
    gaps: dict[int, MeetingGaps] = {}
    if only == []:
        return gaps, attendance
    for cell, due in cells_due(start, end, paths, only).items():
        held = months.get(cell, {})
        gaps[cell] = meeting_gaps(
            due, {k: v.regular for k, v in held.items()}, {k: v.thematic for k, v in held.items()}
        )
    return gaps, attendance


@dataclass
class Done:
    inspections: int = 0
    supervisions: int = 0
    thematic_supervisions: int = 0


def inspections_done(start: dt.date, end: dt.date, paths: list[str] | None = None) -> dict[int, Done]:
    """Inspections and supervisions each unit carried out (started in [start, end]): one GROUP BY."""
    rows = (
        Inspection.objects.filter(
            _under(paths, "conductor__path"),
            started_on__gte=start,
            started_on__lte=end,
            voided_at__isnull=True,
        )
        .values_list("conductor_id", "mode", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[int, Done] = defaultdict(Done)
    for org, mode, kind, n in rows:
        d = out[org]
        if mode == Mode.INSPECTION:
            d.inspections += n
        else:
            d.supervisions += n
            if kind == InspectionKind.THEMATIC:
                d.thematic_supervisions += n
    return out


def plans_of_year(year: int, paths: list[str] | None = None) -> dict[int, tuple[int, int]]:
    """Each committee's planned (inspections, supervisions) for `year`: one query."""
    rows = InspectionPlan.objects.filter(
        _under(paths, "organisation__path"), year=year, voided_at__isnull=True
    )
    return {
        o: (i, s)
        for o, i, s in rows.values_list("organisation_id", "inspections_planned", "supervisions_planned")
    }


def ratings_of(
    period: str, paths: list[str] | None = None
) -> tuple[dict[int, str], dict[int, tuple[int, int]]]:
    """Decided grades for `period`: each organisation's own grade, and per cell (members rated, members
    rated good or better)."""
    qs = QualityRating.objects.filter(
        _under(paths, "organisation__path"), period=period, voided_at__isnull=True
    ).exclude(decided_grade="")
    orgs = dict(qs.filter(member__isnull=True).values_list("organisation_id", "decided_grade"))
    members = (
        qs.filter(member__isnull=False)
        .values_list("organisation_id")
        .annotate(n=Count("id"), good=Count("id", filter=Q(decided_grade__in=GOOD_OR_BETTER)))
        .order_by()
    )
    return orgs, {o: (n, good) for o, n, good in members}


def disciplines_in(start: dt.date, end: dt.date, paths: list[str] | None = None) -> dict[int, int]:
    rows = (
        Discipline.objects.filter(
            _under(paths, "organisation__path"),
            decided_on__gte=start,
            decided_on__lte=end,
            voided_at__isnull=True,
        )
        .values_list("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def mobilisation_models_in(start: dt.date, end: dt.date, paths: list[str] | None = None) -> dict[int, int]:
    """ "Dân vận khéo" models per unit: by their year when [start, end] is whole years, else by the day they
    were recognised."""
    whole_years = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    when = (
        Q(year__gte=start.year, year__lte=end.year)
        if whole_years
        else Q(recognised_on__gte=start, recognised_on__lte=end)
    )
    rows = (
        MobilisationModel.objects.filter(_under(paths, "organisation__path"), when, voided_at__isnull=True)
        .values_list("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)
