"""Reads of the candidate pipeline, through the acting user's scope (out of scope: 404).

`pipeline_counts` gives, for each cell of a sub-tree, how many candidates stand at each stage, with students
and private-enterprise workers counted apart: one GROUP BY (cell, stage, occupation group).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, QuerySet, Value, When
from django.http import Http404

from dangvu.accounts.selectors import user_holds
from dangvu.core.text import fold
from dangvu.members.candidate_models import Candidate, CandidateEvent, Occupation, Stage
from dangvu.members.selectors import PERSONAL_DATA_LEVEL, in_scope
from dangvu.organisations.models import Organisation

#: The groups the seeds ask to see apart; everyone else is "other".
GROUPS: dict[str, str] = {
    Occupation.STUDENT: "Học sinh, sinh viên",
    Occupation.PRIVATE_ENTERPRISE: "Lao động doanh nghiệp tư nhân",
    "other": "Khác",
}


def candidates(
    user: Any,
    *,
    organisation: Organisation | None = None,
    stage: str = "",
    occupation: str = "",
    query: str = "",
) -> QuerySet[Candidate]:
    qs = in_scope(Candidate.objects.all(), user, "unit__path")
    if organisation is not None:
        qs = qs.filter(unit__path__startswith=organisation.path)
    if stage:
        qs = qs.filter(stage=stage)
    if occupation:
        qs = qs.filter(occupation=occupation)
    for w in fold(query).split():
        qs = qs.filter(name_folded__contains=w)
    return qs.select_related("unit", "member").order_by("unit__name_folded", "name_folded", "id")


def candidate_for(user: Any, candidate_id: int) -> Candidate:
    found = in_scope(Candidate.objects.filter(pk=candidate_id), user, "unit__path").select_related("unit")
    candidate = found.first()
    if candidate is None:
        raise Http404("Không tìm thấy quần chúng trong nguồn phát triển.")
    return candidate


def may_see_birth_date(user: Any, candidate: Candidate) -> bool:
    return user_holds(user, candidate.unit, PERSONAL_DATA_LEVEL)


def candidate_history(candidate: Candidate) -> list[CandidateEvent]:
    return list(candidate.events.select_related("recorded_by").order_by("occurred_on", "id"))


@dataclass
class UnitCounts:
    unit: Organisation
    # stage → group → count
    by_stage: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))

    def total(self, stage: str) -> int:
        return sum(self.by_stage.get(stage, {}).values())

    def cells(self) -> list[tuple[str, int, int, int]]:
        """(stage, total, students, private-enterprise workers) in stage order."""
        return [
            (
                s,
                self.total(s),
                self.by_stage.get(s, {}).get(Occupation.STUDENT, 0),
                self.by_stage.get(s, {}).get(Occupation.PRIVATE_ENTERPRISE, 0),
            )
            for s in Stage.values
        ]


def pipeline_counts(user: Any, *, organisation: Organisation | None = None) -> list[UnitCounts]:
    """Candidates per cell of the sub-tree by stage, students and private-enterprise workers apart, then a
    total row (unit None is not used: the caller sums). One GROUP BY."""
    group = Case(
        When(occupation=Occupation.STUDENT, then=Value(Occupation.STUDENT.value)),
        When(occupation=Occupation.PRIVATE_ENTERPRISE, then=Value(Occupation.PRIVATE_ENTERPRISE.value)),
        default=Value("other"),
        output_field=CharField(),
    )
    rows = (
        candidates(user, organisation=organisation)
        .annotate(g=group)
        .values_list("unit_id", "stage", "g")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, UnitCounts] = {}
    units = {o.pk: o for o in Organisation.objects.filter(pk__in={r[0] for r in rows})}
    for unit_id, stage, g, n in rows:
        counts.setdefault(unit_id, UnitCounts(units[unit_id])).by_stage[stage][g] = n
    return sorted(counts.values(), key=lambda c: c.unit.name_folded)


def pipeline_totals(rows: list[UnitCounts]) -> list[tuple[str, int, int, int]]:
    """The sum of every unit's (stage, total, students, private) cells."""
    sums = {s: [0, 0, 0] for s in Stage.values}
    for r in rows:
        for stage, total, students, private in r.cells():
            for i, n in enumerate((total, students, private)):
                sums[stage][i] += n
    return [(s, *v) for s, v in sums.items()]  # type: ignore[misc]
