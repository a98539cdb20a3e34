"""Candidate counts per cell on any day, set-based: the one source of the pipeline's roll-up page and of the
computed indicators (`indicators.sources.candidate_values`).

A candidate's stage on a day is the stage of their last step on or before it: their current stage when it
was reached by then (`stage_on`), else the latest `CandidateEvent` up to the day (a correlated subquery, only
for candidates who moved since). One GROUP BY (cell, stage that day, occupation group) gives every count;
admissions and drops are final stages, so "admitted (dropped) between `since` and the day" is "admitted
(dropped) that day, with `stage_on` from `since`" and comes out of the same query.

Candidates are not moved when cells are merged or dissolved: a candidate of a cell closed by the day counts
at the cell's successor of that day (the records follow the heir, as for members).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Value, When

from dangvu.members.candidate_models import Candidate, CandidateEvent, Occupation, Stage
from dangvu.organisations.models import Organisation
from dangvu.organisations.tree import resolve_successors

#: Stages still on the way to admission.
OPEN: tuple[str, ...] = (Stage.SOURCE.value, Stage.COURSE_DONE.value, Stage.PROPOSED.value)
#: Occupation groups counted apart (everyone else is counted in the totals only).
APART: tuple[str, ...] = (Occupation.STUDENT.value, Occupation.PRIVATE_ENTERPRISE.value)
#: Final stages, whose `stage_on` is the day they were reached: counted in a period too.
FINAL: tuple[str, ...] = (Stage.ADMITTED.value, Stage.DROPPED.value)

Counts = dict[int, dict[str, int]]


def measure(stage: str, group: str = "") -> str:
    """The key of a count: a stage ("source"), "open", or a final stage in the period ("admitted_in"),
    optionally of one group ("source:student")."""
    return f"{stage}:{group}" if group else stage


def _stage_on(on: dt.date) -> Case:
    latest = (
        CandidateEvent.objects.filter(candidate=OuterRef("pk"), occurred_on__lte=on)
        .order_by("-occurred_on", "-id")
        .values("stage")[:1]
    )
    return Case(
        When(stage_on__lte=on, then=F("stage")),
        default=Subquery(latest),
        output_field=CharField(),
    )


def pipeline_on(
    on: dt.date, *, since: dt.date | None = None, within: str | None = None, cumulative: bool = True
) -> Counts:
    """Each cell's own counts on `on`: every stage, "open" (not yet admitted nor dropped), and with `since`,
    "admitted_in" / "dropped_in" from `since` to `on`; each also per group apart ("…:student"). `within`: only
    cells whose path starts with it. `cumulative=False` (with `since`) leaves out candidates admitted or
    dropped before `since`, so "admitted" and "dropped" count the period only and the years of finished
    candidates are not read (the indicators need no more). One GROUP BY, plus one query for the successors
    only when a cell closed by `on` has candidates."""
    group = Case(
        *(When(occupation=g, then=Value(g)) for g in APART), default=Value(""), output_field=CharField()
    )
    qs = (
        Candidate.objects.all() if within is None else Candidate.objects.filter(unit__path__startswith=within)
    )
    if since is not None and not cumulative:
        qs = qs.filter(Q(stage__in=OPEN) | Q(stage_on__gte=since))
    in_period = Q(stage_on__gte=since, stage_on__lte=on) if since is not None else Q(pk__in=[])
    rows = (
        qs.annotate(at=_stage_on(on), g=group)
        .values_list("unit_id", "unit__dissolved_on", "at", "g")
        .annotate(n=Count("id"), n_in=Count("id", filter=in_period))
        .order_by()
    )
    out: Counts = defaultdict(lambda: defaultdict(int))
    closed_cells = False
    for unit_id, dissolved_on, stage, g, n, n_in in rows:
        if stage is None:  # taken into the source after `on` (filtered here, not in SQL: one subquery a row)
            continue
        closed_cells = closed_cells or (dissolved_on is not None and dissolved_on <= on)
        counts = out[unit_id]
        keys = [stage] + (["open"] if stage in OPEN else [])
        for key in keys:
            counts[key] += n
            if g:
                counts[measure(key, g)] += n
        if since is not None and stage in FINAL and n_in:
            counts[f"{stage}_in"] += n_in
            if g:
                counts[measure(f"{stage}_in", g)] += n_in
    counts_of = {u: dict(c) for u, c in out.items()}
    return _at_heirs(counts_of, on, within) if closed_cells else counts_of


def _at_heirs(counts: Counts, on: dt.date, within: str | None) -> Counts:
    """Counts of cells closed by `on` moved to the unit carrying their records that day."""
    units = Organisation.objects.all() if within is None else Organisation.objects.under_paths([within])
    closed = dict(units.filter(dissolved_on__lte=on).order_by().values_list("id", "successor_id"))
    if not closed.keys() & counts.keys():
        return counts
    heirs = resolve_successors(closed, {s for s in closed.values() if s is not None and s not in closed})
    moved: Counts = {}
    for unit_id, c in counts.items():
        target = heirs.get(unit_id, unit_id)
        into = moved.setdefault(target, {})
        for key, n in c.items():
            into[key] = into.get(key, 0) + n
    return moved
