"""Reads of the candidate pipeline, through the acting user's scope (out of scope: 404).

`pipeline_counts` gives, for each cell of a sub-tree, how many candidates stand at each stage, with students
and private-enterprise workers counted apart: one GROUP BY (cell, stage, occupation group).
`pipeline_tree` rolls the counts of any day up every level of the tree, in either tree view: the tree of
`organisations.selectors.tree_snapshot`, each cell's own counts from `candidate_figures.pipeline_on` (one
GROUP BY) and the sums of `indicators.rollup.roll_up` — a constant number of queries whatever the tree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, QuerySet, Value, When
from django.http import Http404

from dangvu.accounts.selectors import user_holds
from dangvu.core.text import fold
from dangvu.indicators.rollup import Aggregation, Rule, Unit, roll_up
from dangvu.members.candidate_figures import APART, measure, pipeline_on
from dangvu.members.candidate_models import Candidate, CandidateEvent, Occupation, Stage
from dangvu.members.selectors import PERSONAL_DATA_LEVEL, in_scope
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView, self_contained, tree_snapshot
from dangvu.organisations.tree import TreeNode, resolve_successors

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


Cells = list[tuple[str, int, int, int]]  # (stage, total, students, private-enterprise workers), stage order


@dataclass
class PipelineRow:
    node: TreeNode
    depth: int  # 0: the unit asked for (or a top of the user's scope), 1: a unit directly under it
    cells: Cells


@dataclass
class PipelineTree:
    on: dt.date
    view: TreeView
    rows: list[PipelineRow]
    totals: Cells  # the unit asked for, else the sum of the tops


def _measures() -> list[str]:
    return [measure(s, g) for s in Stage.values for g in ("", *APART)]


def pipeline_tree(
    user: Any, *, on: dt.date, view: TreeView = TreeView.WAS, organisation: Organisation | None = None
) -> PipelineTree:
    """The pipeline's counts on `on` at every unit of the user's scope, rolled up the tree of `view`; the
    rows are the unit asked for (else the tops of the scope) and the units directly under it. A sub-tree
    that is whole (`self_contained`) is computed alone; otherwise the whole tree."""
    within = None
    if organisation is not None:
        head = f"/{organisation.path.strip('/').split('/')[0]}/"  # the top unit above it
        if self_contained(head, on if view is TreeView.WAS else None):
            within = head
    snap = tree_snapshot(user, on, view, with_members=False, within=within)
    own = pipeline_on(on, within=within)
    if view is TreeView.NOW:  # a closed cell's candidates count at the live unit carrying its records
        units = Organisation.objects.all() if within is None else Organisation.objects.under_paths([within])
        closed = dict(units.filter(dissolved_on__isnull=False).values_list("id", "successor_id"))
        heirs = resolve_successors(closed, set(snap.paths))
        moved: dict[int, dict[str, int]] = {}
        for unit_id, counts in own.items():
            into = moved.setdefault(heirs.get(unit_id, unit_id), {})
            for key, n in counts.items():
                into[key] = into.get(key, 0) + n
        own = moved
    keys = _measures()
    values = {k: {u: float(c[k]) for u, c in own.items() if c.get(k)} for k in keys}
    figures = roll_up(
        [Unit(n.id, n.parent_id, n.kind.value) for n in snap.nodes.values()],
        [Rule(k, Aggregation.SUM) for k in keys],
        values,
    )

    def cells(node_id: int) -> Cells:
        def n(key: str) -> int:
            f = figures[key].get(node_id)
            return int(f.value or 0) if f is not None else 0

        return [(s, n(s), *(n(measure(s, g)) for g in APART)) for s in Stage.values]  # type: ignore[misc]

    if organisation is not None:
        found = snap.by_code(organisation.code)
        tops = [found] if found is not None else []
    else:
        tops = snap.roots
    rows: list[PipelineRow] = []
    for top in tops:
        rows.append(PipelineRow(top, 0, cells(top.id)))
        rows += [PipelineRow(c, 1, cells(c.id)) for c in top.children]
    sums = {s: [0, 0, 0] for s in Stage.values}
    for r in rows:
        if r.depth == 0:
            for stage, *numbers in r.cells:
                sums[stage] = [a + b for a, b in zip(sums[stage], numbers, strict=True)]
    totals: Cells = [(s, *v) for s, v in sums.items()]  # type: ignore[misc]
    return PipelineTree(on, view, rows, totals)
