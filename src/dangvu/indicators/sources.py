"""Where each unit's *own* values come from: the registers (computed) or the units' submissions (reported).

Every function returns `{indicator code: {organisation id: value}}` for one period, in a constant number
of set-based queries whatever the tree's size: all member figures in one GROUP BY with conditional counts,
all reported figures in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, F, Q

from dangvu.core.periods import Period, PeriodKind
from dangvu.indicators.models import Flow, Indicator, ReportedValue, SubmissionStatus
from dangvu.members.models import Placement
from dangvu.organisations.kinds import OrgKind

Values = dict[str, dict[int, float]]


def member_values(period: Period, wanted: dict[str, str]) -> Values:
    """Own values of the computed member indicators; `wanted` maps a computation name to an indicator code."""
    start, end = period.start, period.end
    active_at_end = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=end))
    measures = {
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
    chosen = {name: agg for name, agg in measures.items() if name in wanted}
    out: Values = {wanted[name]: {} for name in chosen}
    if not chosen:
        return out
    rows = (
        Placement.objects.filter(valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .values("organisation_id")
        .annotate(**chosen)
        .order_by()
    )
    for row in rows:
        for name in chosen:
            if row[name]:
                out[wanted[name]][row["organisation_id"]] = float(row[name])
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


def reported_values(period: Period, indicators: Iterable[Indicator]) -> Values:
    """Own values from submissions that are submitted or approved (drafts and returned ones do not count).

    A flow indicator for a period without its own submission is the sum of the quarters inside it; a stock
    indicator takes the latest quarter inside it.
    """
    flows = {i.code: i.flow == Flow.FLOW for i in indicators}
    periods = {str(period)} | {str(q) for q in period.quarters()}
    if period.kind is PeriodKind.TERM:
        periods |= {str(Period(y, PeriodKind.YEAR)) for y in range(period.year, period.index + 1)}
    rows = ReportedValue.objects.filter(
        indicator__code__in=list(flows),
        submission__period__in=periods,
        submission__status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED],
    ).values_list("indicator__code", "submission__organisation_id", "submission__period", "value")
    exact: dict[tuple[str, int], float] = {}
    parts: dict[tuple[str, int], list[tuple[str, float]]] = defaultdict(list)
    for code, org, p, value in rows:
        if p == str(period):
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
