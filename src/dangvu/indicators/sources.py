"""Where each unit's *own* values come from: the registers (computed) or the units' submissions (reported).

Every function returns `{indicator code: {organisation id: value}}` for one period, in a constant number
of set-based queries whatever the tree's size: all member figures in one GROUP BY with conditional counts,
all reported figures in one query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, F, Q

from dangvu.core.periods import Period, PeriodKind
from dangvu.indicators.models import Flow, Indicator, ReportedValue, SubmissionStatus
from dangvu.members.models import Placement
from dangvu.organisations.kinds import OrgKind

Values = dict[str, dict[int, float]]


def _member_measures(period: Period) -> dict[str, Count]:
    start, end = period.start, period.end
    active_at_end = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=end))
    return {
        "members_at_end": Count("id", filter=active_at_end),
        "probationary_at_end": Count(
            "id",
            filter=active_at_end
            & Q(member__admitted_on__lte=end)
            & (Q(member__confirmed_on__isnull=True) | Q(member__confirmed_on__gt=end)),
        ),
        "women_at_end": Count("id", filter=active_at_end & Q(member__gender="nu")),
        "admissions": Count(
            "id", filter=Q(valid_from__gte=start, valid_from__lte=end, member__admitted_on=F("valid_from"))
        ),
        "leavers": Count(
            "id",
            filter=Q(member__left_on__gte=start, member__left_on__lte=end, valid_to=F("member__left_on")),
        ),
    }


def member_values(period: Period, wanted: dict[str, str], within: str | None = None) -> Values:
    """Own values of the computed member indicators; `wanted` maps a computation name to an indicator code.
    `within`: only units whose path starts with it (every function here takes it the same way)."""
    return member_values_of({period: wanted}, within)[period]


def member_values_of(
    wanted_of: dict[Period, dict[str, str]], within: str | None = None
) -> dict[Period, Values]:
    """`member_values` of several periods (each with its own wanted figures) in one GROUP BY: a page
    showing last year and a trend reads the placements once."""
    periods = list(wanted_of)
    names_of = {p: [n for n in _member_measures(p) if n in wanted_of[p]] for p in periods}
    out: dict[Period, Values] = {p: {wanted_of[p][n]: {} for n in names_of[p]} for p in periods}
    chosen: dict[str, Count] = {}
    for k, p in enumerate(periods):
        measures = _member_measures(p)
        chosen.update({f"{name}_{k}": measures[name] for name in names_of[p]})
    if not chosen:
        return out
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    rows = (
        Placement.objects.filter(valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .filter(Q() if within is None else Q(organisation__path__startswith=within))
        .values("organisation_id")
        .annotate(**chosen)
        .order_by()
    )
    for row in rows:
        org = row["organisation_id"]
        for k, p in enumerate(periods):
            values, wanted = out[p], wanted_of[p]
            for name in names_of[p]:
                n = row[f"{name}_{k}"]
                if n:
                    values[wanted[name]][org] = float(n)
    return out


def structure_values(unit_kinds: dict[int, str], wanted: dict[str, str]) -> Values:
    """Own values of the structural indicators: 1 for each unit of the counted kind in the given tree."""
    kinds = {
        "grassroots_units": {OrgKind.GRASSROOTS_COMMITTEE.value, OrgKind.GRASSROOTS_CELL.value},
        "subordinate_cells": {OrgKind.SUBORDINATE_CELL.value},
    }
    return {
        code: {uid: 1.0 for uid, kind in unit_kinds.items() if kind in kinds[name]}
        for name, code in wanted.items()
        if name in kinds
    }


def reported_values(period: Period, indicators: Iterable[Indicator], within: str | None = None) -> Values:
    """Own values from submissions that are submitted or approved (drafts and returned ones do not count).

    A flow indicator for a period without its own submission is the sum of the quarters inside it; a stock
    indicator takes the latest quarter inside it.
    """
    flows = {i.code: i.flow == Flow.FLOW for i in indicators}
    periods = {str(period)} | {str(q) for q in period.quarters()}
    if period.kind is PeriodKind.TERM:
        periods |= {str(Period(y, PeriodKind.YEAR)) for y in range(period.year, period.index + 1)}
    rows = ReportedValue.objects.filter(
        Q() if within is None else Q(submission__organisation__path__startswith=within),
        indicator__code__in=list(flows),
        submission__period__in=periods,
        submission__status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED],
    ).values_list("indicator__code", "submission__organisation_id", "submission__period", "value")
    exact: dict[tuple[str, int], float] = {}
    parts: dict[tuple[str, int], list[tuple[str, float]]] = defaultdict(list)
    this = str(period)
    for code, org, p, value in rows:
        if p == this:
            exact[(code, org)] = value
        elif len(p) == 7:  # a quarter inside the period
            parts[(code, org)].append((p, value))
    out: Values = {code: {} for code in flows}
    for (code, org), items in parts.items():
        items.sort()
        out[code][org] = sum(v for _, v in items) if flows[code] else items[-1][1]
    for (code, org), value in exact.items():
        out[code][org] = value
    return out


def activity_values(period: Period, wanted: dict[str, str], within: str | None = None) -> Values:
    """Own values of the computed activity indicators (cell meetings, inspection and supervision, ratings,
    discipline, "Dân vận khéo" models), from `activities.figures`: the same queries the activity pages use.
    Ratings are a stock: the latest year's decisions that ended by the period's end."""
    from dangvu.activities import figures

    start, end = period.start, period.end
    paths = None if within is None else [within]
    out: Values = {}

    def put(name: str, values: dict[int, float]) -> None:
        if name in wanted:
            out[wanted[name]] = {k: v for k, v in values.items() if v}

    if wanted.keys() & {
        "cell_meetings",
        "attendance_present",
        "attendance_expected",
        "cells_meeting_rule_met",
    }:
        gaps, attendance = figures.meeting_compliance(start, min(end, dt.date.today()), paths, met_only=True)
        put("cell_meetings", {c: float(a.meetings) for c, a in attendance.items()})
        put("attendance_present", {c: float(a.present) for c, a in attendance.items()})
        put("attendance_expected", {c: float(a.expected) for c, a in attendance.items()})
        put("cells_meeting_rule_met", {c: 1.0 for c, g in gaps.items() if g.ok and g.months_due})
    if wanted.keys() & {"inspections_done", "supervisions_done", "thematic_supervisions"}:
        done = figures.inspections_done(start, end, paths)
        put("inspections_done", {o: float(d.inspections) for o, d in done.items()})
        put("supervisions_done", {o: float(d.supervisions) for o, d in done.items()})
        put("thematic_supervisions", {o: float(d.thematic_supervisions) for o, d in done.items()})
    if wanted.keys() & {"inspections_planned", "supervisions_planned"}:
        plans = figures.plans_of_year(end.year, paths)
        put("inspections_planned", {o: float(i) for o, (i, _) in plans.items()})
        put("supervisions_planned", {o: float(s) for o, (_, s) in plans.items()})
    if wanted.keys() & {"organisations_good_or_better", "members_rated", "members_good_or_better"}:
        year = end.year if (end.month, end.day) == (12, 31) else end.year - 1
        orgs, members = figures.ratings_of(str(year), paths)
        put("organisations_good_or_better", {o: 1.0 for o, g in orgs.items() if g in figures.GOOD_OR_BETTER})
        put("members_rated", {o: float(n) for o, (n, _) in members.items()})
        put("members_good_or_better", {o: float(good) for o, (_, good) in members.items()})
    if "members_disciplined" in wanted:
        put(
            "members_disciplined", {o: float(n) for o, n in figures.disciplines_in(start, end, paths).items()}
        )
    if "mobilisation_models" in wanted:
        put(
            "mobilisation_models",
            {o: float(n) for o, n in figures.mobilisation_models_in(start, end, paths).items()},
        )
    return out


#: Computation names of the candidate pipeline's indicators → the count of `candidate_figures.pipeline_on`.
CANDIDATE_MEASURES: dict[str, str] = {
    "candidates_open": "open",
    "candidates_open_students": "open:student",
    "candidates_open_private": "open:private_enterprise",
    "candidates_course_done": "course_done",
    "candidates_proposed": "proposed",
    "candidates_admitted": "admitted_in",
    "candidates_dropped": "dropped_in",
}


def candidate_values(period: Period, wanted: dict[str, str], within: str | None = None) -> Values:
    """Own values of the candidate pipeline's indicators: stages at the period's end, admissions and drops
    within it, from `members.candidate_figures` (one GROUP BY, the same counts as the pipeline's page).
    No query when no such indicator is wanted."""
    from dangvu.members.candidate_figures import pipeline_on

    names = [n for n in CANDIDATE_MEASURES if n in wanted]
    if not names:
        return {}
    counts = pipeline_on(period.end, since=period.start, within=within, cumulative=False)
    return {
        wanted[n]: {
            u: float(c[CANDIDATE_MEASURES[n]]) for u, c in counts.items() if c.get(CANDIDATE_MEASURES[n])
        }
        for n in names
    }
