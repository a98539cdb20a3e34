"""Statistics of the register for a sub-tree on a date, set-based: one GROUP BY per dimension.

The figures behind the Central Organisation Commission's forms (the body of members by status, gender,
age, ethnicity, religion, education and theory level; admissions and departures in a period). For one
sub-tree each dimension is one `GROUP BY` over the placements valid that day; for every node of the tree
at once (`statistics_by_node`) each dimension is one `GROUP BY organisation, value`, rolled up the paths
in memory — never a query per node.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When

from dangvu.members.models import LEAVING_KINDS, EventKind, Gender, MembershipEvent, Placement, TheoryLevel
from dangvu.members.rules import AGE_BANDS, add_months
from dangvu.members.selectors import in_scope, valid_on
from dangvu.organisations.models import Organisation

DIMENSIONS: dict[str, str] = {
    "status": "Đảng viên chính thức / dự bị",
    "gender": "Giới tính",
    "age": "Độ tuổi",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "education": "Giáo dục phổ thông",
    "theory_level": "Lý luận chính trị",
}
_LABELS: dict[str, dict[str, str]] = {
    "status": {"full": "Chính thức", "probationary": "Dự bị"},
    "gender": dict(Gender.choices),
    "theory_level": {k: str(v) for k, v in TheoryLevel.choices},
    "religion": {"": "Không"},
    "education": {"": "Chưa ghi"},
}


def _expression(dimension: str, on: dt.date) -> Any:
    if dimension == "status":
        return Case(
            When(Q(member__confirmed_on__isnull=False, member__confirmed_on__lte=on), then=Value("full")),
            default=Value("probationary"),
            output_field=CharField(),
        )
    if dimension == "age":
        whens = []
        for label, low, high in AGE_BANDS:
            # Age ≥ low ⇔ born on or before on − low years; age ≤ high ⇔ born after on − (high+1) years.
            cond = Q(member__birth_date__lte=add_months(on, -12 * low))
            if high is not None:
                cond &= Q(member__birth_date__gt=add_months(on, -12 * (high + 1)))
            whens.append(When(cond, then=Value(label)))
        return Case(*whens, default=Value("?"), output_field=CharField())
    return F(f"member__{dimension}")


@dataclass
class Statistics:
    on: dt.date
    total: int = 0
    tables: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    admitted: int = 0  # in the period
    left: dict[str, int] = field(default_factory=dict)  # in the period, by kind label
    period: tuple[dt.date, dt.date] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "total": self.total,
            "tables": {k: [{"value": v, "count": n} for v, n in rows] for k, rows in self.tables.items()},
            "period": [d.isoformat() for d in self.period] if self.period else None,
            "admitted": self.admitted,
            "left": self.left,
        }


def _placements(user: Any, on: dt.date, organisation: Organisation | None) -> QuerySet[Placement]:
    qs = in_scope(Placement.objects.filter(valid_on(on)), user, "organisation__path")
    if organisation is not None:
        qs = qs.filter(organisation__path__startswith=organisation.path)
    return qs


def _ordered(dimension: str, counts: dict[str, int]) -> list[tuple[str, int]]:
    labels = _LABELS.get(dimension, {})
    if dimension == "age":
        order = [label for label, _, _ in AGE_BANDS]
        return [(label, counts.get(label, 0)) for label in order]
    rows = [(labels.get(k, k), n) for k, n in counts.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def member_statistics(
    user: Any,
    *,
    on: dt.date,
    organisation: Organisation | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> Statistics:
    """The body of members of a sub-tree on `on`, and admissions and departures in `period` (inclusive)."""
    base = _placements(user, on, organisation)
    stats = Statistics(on=on, period=period)
    for dimension in DIMENSIONS:
        rows = base.annotate(v=_expression(dimension, on)).values_list("v").annotate(n=Count("id")).order_by()
        counts = {str(v or ""): n for v, n in rows}
        stats.tables[dimension] = _ordered(dimension, counts)
    stats.total = sum(n for _, n in stats.tables["gender"])
    if period is not None:
        events = in_scope(
            MembershipEvent.objects.filter(occurred_on__gte=period[0], occurred_on__lte=period[1]),
            user,
            "organisation__path",
        )
        if organisation is not None:
            events = events.filter(organisation__path__startswith=organisation.path)
        by_kind = dict(events.values_list("kind").annotate(n=Count("id")).order_by())
        stats.admitted = by_kind.get(EventKind.ADMISSION, 0)
        stats.left = {EventKind(k).label: by_kind.get(k, 0) for k in LEAVING_KINDS}
    return stats


def statistics_by_node(user: Any, *, on: dt.date) -> dict[int, dict[str, dict[str, int]]]:
    """For every unit in scope: {dimension: {value: count}} of its whole sub-tree on `on` (as the tree is
    now). One GROUP BY (unit, value) per dimension, then each unit's counts added to its ancestors."""
    paths = dict(in_scope(Organisation.objects.all(), user, "path").values_list("id", "path"))
    chains = {i: [int(x) for x in p.strip("/").split("/") if x] for i, p in paths.items()}
    out: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    base = _placements(user, on, None)
    for dimension in DIMENSIONS:
        rows = (
            base.annotate(v=_expression(dimension, on))
            .values_list("organisation_id", "v")
            .annotate(n=Count("id"))
            .order_by()
        )
        for org_id, v, n in rows:
            key = str(v or "")
            for ancestor in chains.get(org_id, ()):
                if ancestor in paths:
                    table = out[ancestor][dimension]
                    table[key] = table.get(key, 0) + n
    return out
