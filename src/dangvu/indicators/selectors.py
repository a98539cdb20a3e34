"""The indicator sheet: every indicator at every unit of the user's scope for a period, in one pass.

`indicator_sheet` takes the tree on the period's last day in the chosen view, gathers every unit's own
values (a constant number of set-based queries, `sources`), and rolls them up (`rollup.roll_up`).
`achievement` then reads targets, last year's figures and the forecast for the units a page shows.
In the "now" view a closed unit's own values count at the live unit that carries its records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.db import connection

from dangvu.accounts.selectors import scope_paths
from dangvu.core.periods import Period
from dangvu.indicators import freshness, sheet_cache, sources
from dangvu.indicators.forecast import Forecast, forecast_flow
from dangvu.indicators.models import Flow, Indicator, Source, Submission, Target
from dangvu.indicators.rollup import Aggregation, Column, Figure, Rule, Unit, roll_up
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import (
    TreeSnapshot,
    TreeView,
    last_change,
    self_contained,
    tree_snapshot,
)
from dangvu.organisations.tree import TreeNode, resolve_successors


@dataclass
class Sheet:
    period: Period
    view: TreeView
    indicators: list[Indicator]
    nodes: dict[int, TreeNode]
    roots: list[TreeNode]
    figures: dict[str, Column]
    around: str | None = None  # the path the sheet was asked around (see `indicator_sheet`)

    def figure(self, code: str, unit_id: int) -> Figure | None:
        column = self.figures.get(code)
        return column.get(unit_id) if column is not None else None

    def node(self, code: str) -> TreeNode | None:
        return next((n for n in self.nodes.values() if n.code == code), None)


def rule_of(ind: Indicator) -> Rule:
    return Rule(
        code=ind.code,
        aggregation=Aggregation(ind.aggregation),
        base=tuple(c.strip() for c in ind.base.split(",") if c.strip()),
        unit_kinds=frozenset(k.strip() for k in ind.unit_kinds.split(",") if k.strip()),
        threshold=ind.threshold,
    )


def indicators_active() -> list[Indicator]:
    return _memoised(("indicators",), lambda: list(Indicator.objects.filter(is_active=True)))


# --- one request's memo: the same tree, heirs and sheets are read once however many figures a page shows --

_memo: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("indicator_memo", default=None)

T = TypeVar("T")


@contextmanager
def request_memo() -> Iterator[None]:
    """Within the block, trees of a day, heirs and sheets are computed once and reused (never across
    requests: anything may change between two)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _memoised(key: tuple[Any, ...], make: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return cast(T, memo[key])


def _generation() -> int | None:
    """The data generation now (once a request), or None when nothing may be kept: no generation row, or
    this transaction has written something not yet committed."""
    if freshness.pending(connection):
        return None
    return _memoised(("generation",), lambda: freshness.generation(connection))


def _kept(key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """Like `_memoised`, and also kept between requests for as long as the data generation stays the same
    (for small values derived from the tree: `sheet_cache.remember`)."""

    def across() -> T:
        gen = _generation()
        return make() if gen is None else sheet_cache.remember(connection.alias, gen, key, make)

    return _memoised(key, across)


def province_path(path: str) -> str:
    """The path of the top unit above (or at) a unit: '/1/18/205/' → '/1/'."""
    first = path.strip("/").split("/")[0]
    return f"/{first}/"


def sheet_within(
    path: str, period: Period, view: TreeView = TreeView.WAS, user: Any = None
) -> str | None:
    """The path to limit a sheet to for a page about the unit at `path`: the one sub-tree a user's roles
    cover (a commune office sees its commune) when the page is inside it, else its top unit's sub-tree —
    either only when it is whole on the period's last day and today (`self_contained`); else None (the
    whole tree). A user's sheet never shows a unit outside their scope, so nothing they see changes."""
    day = _changed(period.end) if view is TreeView.WAS else None
    on = period.end if view is TreeView.WAS else None
    scope = _memoised(("scope", getattr(user, "pk", None)), lambda: scope_paths(user)) if user else None
    top = province_path(path)
    if scope is not None and len(scope) == 1 and path.startswith(scope[0]) and scope[0] != top:
        mine = scope[0]
        if _kept(("within", mine, view, day), lambda: mine if self_contained(mine, on) else None):
            return mine

    def make() -> str | None:
        if not Organisation.objects.exclude(path__startswith=top).exists():
            return None  # every unit is under it: the whole tree, no need to check or filter
        return top if self_contained(top, on) else None

    return _kept(("within", top, view, day), make)


def _changed(on: dt.date) -> dt.date | None:
    return _kept(("changed", on), lambda: last_change(on))


def _heirs(within: str | None = None) -> dict[int, int]:
    def make() -> dict[int, int]:
        units = Organisation.objects.all() if within is None else Organisation.objects.under_paths([within])
        closed = dict(units.filter(dissolved_on__isnull=False).values_list("id", "successor_id"))
        live = set(units.live().values_list("id", flat=True))
        return resolve_successors(closed, live)

    return _kept(("heirs", within), make)


def indicator_sheet(
    user: Any,
    period: Period,
    view: TreeView = TreeView.WAS,
    indicators: list[Indicator] | None = None,
    *,
    around: str | None = None,
) -> Sheet:
    """Every indicator (or the given ones) at every unit in the user's scope. `around`: the path of the
    unit a page is about — the sheet then covers only its top unit's sub-tree when that is whole on the
    period's last day (`sheet_within`), so one province of a nation is computed alone."""
    inds = indicators if indicators is not None else indicators_active()
    within = sheet_within(around, period, view, user) if around else None
    user_key = getattr(user, "pk", None)
    codes = tuple(i.code for i in inds)
    key = ("sheet", user_key, str(period), view, within)
    memo = _memo.get()
    if memo is not None:
        for full in memo.get(key, []):  # a sheet already made with these indicators (or more) serves
            if set(codes) <= {i.code for i in full.indicators}:
                return Sheet(period, view, inds, full.nodes, full.roots, full.figures, around)
    kept_key = _kept_key(user_key, period, view, within)
    made = (
        _compute_sheet(user, period, view, inds, within)
        if kept_key is None
        else _kept_or_made(kept_key, codes, lambda: _compute_sheet(user, period, view, inds, within))
    )
    sheet = Sheet(period, view, inds, made.nodes, made.roots, made.figures, around)
    if memo is not None:
        memo.setdefault(key, []).append(sheet)
    return sheet


def _kept_or_made(kept_key: tuple[Any, ...], codes: tuple[str, ...], make: Callable[[], Sheet]) -> Sheet:
    found = _kept_sheet(kept_key, codes)
    if found is not None:
        return found
    with sheet_cache.making((*kept_key, frozenset(codes))):
        found = _kept_sheet(kept_key, codes)  # made by another thread while this one waited
        if found is None:
            found = make()
            sheet_cache.put((*kept_key, frozenset(codes)), found, len(found.nodes) * max(len(codes), 1))
        return found


def _kept_key(user_key: Any, period: Period, view: TreeView, within: str | None) -> tuple[Any, ...] | None:
    """Where a sheet of this period may be kept between requests (`sheet_cache`): only for a period that
    is over, and under the data generation of now (`freshness`); None: compute it fresh, keep nothing."""
    if period.end >= dt.date.today():
        return None
    gen = _generation()
    if gen is None:
        return None
    return (connection.alias, gen, user_key, str(period), view, within)


def _kept_sheet(kept_key: tuple[Any, ...] | None, codes: tuple[str, ...]) -> Sheet | None:
    """A kept sheet with exactly these indicators, else one of the whole catalogue (it holds them all)."""
    if kept_key is None:
        return None
    found = sheet_cache.get((*kept_key, frozenset(codes)))
    if found is None:
        whole = frozenset(i.code for i in indicators_active())
        if whole != frozenset(codes) and set(codes) <= whole:
            found = sheet_cache.get((*kept_key, whole))
    return cast(Sheet | None, found)


def _member_values(period: Period, wanted: dict[str, str], within: str | None) -> sources.Values:
    """Member figures of a period: from what `prefetch_periods` read with more (or the same), else a query."""
    memo = _memo.get()
    if memo is not None:
        got = memo.get(("members", str(period), within))
        if got is not None and wanted.items() <= got[0].items():
            return {code: got[1][code] for code in wanted.values() if code in got[1]}
    values = sources.member_values(period, wanted, within)
    if memo is not None:
        memo[("members", str(period), within)] = (dict(wanted), values)
    return values


def prefetch_periods(
    user: Any, wanted: list[tuple[Period, list[Indicator]]], view: TreeView, around: str | None = None
) -> None:
    """Within `request_memo`: read the member figures of several periods (each with its indicators) in one
    query, for a page that then asks for their sheets one by one (the dashboard's last year, year to date
    and the quarters of its trend). Periods whose sheets are kept (`sheet_cache`) are not read again."""
    memo = _memo.get()
    if memo is None:
        return
    merged: dict[Period, dict[str, str]] = {}
    for p, inds in wanted:
        within = sheet_within(around, p, view, user) if around else None
        if _kept_sheet(_kept_key(getattr(user, "pk", None), p, view, within), tuple(i.code for i in inds)):
            continue
        merged.setdefault(p, {}).update(
            {i.computation: i.code for i in inds if i.source == Source.COMPUTED and i.computation}
        )
    by_within: dict[str | None, dict[Period, dict[str, str]]] = {}
    for p, computed in merged.items():
        by_within.setdefault(sheet_within(around, p, view, user) if around else None, {})[p] = computed
    for within, group in by_within.items():
        for p, values in sources.member_values_of(group, within).items():
            memo[("members", str(p), within)] = (group[p], values)


def _compute_sheet(
    user: Any, period: Period, view: TreeView, inds: list[Indicator], within: str | None
) -> Sheet:
    by_code = {i.code: i for i in inds}
    # The live tree ("now") is the same whatever the day; the tree of a day ("was") is the tree of the
    # last day anything changed on or before it: both let a page's sheets of several periods share one.
    day = None if view is TreeView.NOW else _changed(period.end)
    key = ("tree", getattr(user, "pk", None), day, view, within)

    def tree() -> TreeSnapshot:
        gen = _generation()
        if gen is None:
            return tree_snapshot(user, period.end, view, with_members=False, within=within)
        kept_as = (connection.alias, gen, *key)  # a tree of a day is kept like a sheet (one of its parts)
        kept = sheet_cache.get(kept_as)
        if kept is None:
            with sheet_cache.making(kept_as):
                kept = sheet_cache.get(kept_as)
                if kept is None:
                    kept = tree_snapshot(user, period.end, view, with_members=False, within=within)
                    sheet_cache.put(kept_as, kept, len(kept.nodes))
        return cast(TreeSnapshot, kept)

    snap = _memoised(key, tree)
    units = [Unit(n.id, n.parent_id, n.kind.value) for n in snap.nodes.values()]
    computed = {i.computation: i.code for i in inds if i.source == Source.COMPUTED and i.computation}
    own: sources.Values = {}
    own.update(_member_values(period, computed, within))
    own.update(sources.activity_values(period, computed, within))
    own.update(sources.candidate_values(period, computed, within))
    reported = [i for i in inds if i.source == Source.REPORTED and i.aggregation == Aggregation.SUM.value]
    bases = {b for i in inds for b in rule_of(i).base} - set(own) - {i.code for i in reported}
    reported += [
        Indicator.objects.get(code=b) for b in bases if b not in by_code and b not in computed.values()
    ]
    own.update(sources.reported_values(period, reported, within))
    if view is TreeView.NOW:
        heirs = _heirs(within)
        for code, values in own.items():
            moved: dict[int, float] = {}
            for org, v in values.items():
                target = heirs.get(org, org)
                moved[target] = moved.get(target, 0.0) + v
            own[code] = moved
    own.update(sources.structure_values({u.id: u.kind for u in units}, computed))
    rules = [rule_of(i) for i in inds] + [Rule(code, Aggregation.SUM) for code in own if code not in by_code]
    figures = roll_up(units, rules, own)
    for ind in inds:  # nothing reported anywhere below: "no figure", not zero (coverage keeps its 0/y)
        if ind.source == Source.REPORTED and ind.aggregation in ("sum", "share") and ind.code in figures:
            figures[ind.code].blank_unsourced()
    return Sheet(period, view, inds, snap.nodes, snap.roots, figures)


@dataclass
class Achievement:
    indicator: Indicator
    figure: Figure | None
    target: Target | None = None
    compared: float | None = None  # the figure compared with the target (year to date for a year's plan)
    percent: float | None = None
    last_year: float | None = None
    forecast: Forecast | None = None
    rank: int | None = None
    notes: list[str] = field(default_factory=list)


def _targets_of(org_id: int) -> list[Target]:
    """A unit's live targets, one query per unit and request."""
    return _memoised(
        ("targets", org_id),
        lambda: list(Target.objects.filter(organisation_id=org_id, voided_at__isnull=True)),
    )


def has_targets(org_id: int) -> bool:
    """Whether a unit has any live target (the dashboard then also needs the year to date)."""
    return bool(_targets_of(org_id))


def achievement_periods(period: Period, org_id: int) -> list[Period]:
    """The periods besides `period` whose sheets `achievement` reads for a unit: last year's same period;
    with targets, the year to date (compared with a year's target) and, before the year's last quarter,
    the forecast's last year and its same stretch (`_forecast`)."""
    out = [period.predecessor()]
    if has_targets(org_id):
        out.append(period.to_date())
        if period.to_date() != period.year_period():
            out += [period.year_period().predecessor(), period.to_date().predecessor()]
    return list(dict.fromkeys(out))


def _target_for(ind: Indicator, org_id: int, period: Period) -> Target | None:
    """The target of this period, else of the smallest period that contains it (the year, the term)."""
    candidates = [str(period)] + [str(p) for p in period.enclosing()]
    mine = [t for t in _targets_of(org_id) if t.indicator_id == ind.pk]
    found = {t.period: t for t in mine if t.period in candidates}
    if not found:
        for t in mine:
            if "-" not in t.period:
                continue
            p = Period.parse(t.period)
            if p.kind.value == "T" and period.within(p):
                return t
        return None
    return next(found[c] for c in candidates if c in found)


def achievement(user: Any, sheet: Sheet, unit_id: int, on: dt.date | None = None) -> list[Achievement]:
    """For one unit: each indicator's figure, target, percent of target, last year and forecast."""
    on = on or dt.date.today()
    out: list[Achievement] = []
    year_to_date: Sheet | None = None
    last_year = indicator_sheet(
        user, sheet.period.predecessor(), sheet.view, sheet.indicators, around=sheet.around
    )
    for ind in sheet.indicators:
        a = Achievement(ind, sheet.figure(ind.code, unit_id))
        ly = last_year.figure(ind.code, unit_id)
        a.last_year = ly.value if ly else None
        a.target = _target_for(ind, unit_id, sheet.period)
        if a.target is not None and a.figure is not None:
            target_period = Period.parse(a.target.period)
            compared: Figure | None = a.figure
            if ind.flow == Flow.FLOW and target_period != sheet.period:
                cumulative = sheet.period.to_date()
                if cumulative != sheet.period:
                    year_to_date = year_to_date or indicator_sheet(
                        user, cumulative, sheet.view, sheet.indicators, around=sheet.around
                    )
                    compared = year_to_date.figure(ind.code, unit_id)
                    a.notes.append(f"lũy kế {cumulative.label.lower()}")
            a.compared = compared.value if compared else None
            if a.compared is not None and a.target.value:
                a.percent = 100.0 * a.compared / a.target.value
            unfinished = sheet.period.end < target_period.end or target_period.contains(on)
            if ind.flow == Flow.FLOW and a.compared is not None and unfinished:
                a.forecast = _forecast(user, sheet, ind, unit_id, a.target, a.compared, on)
        out.append(a)
    return out


def _forecast(
    user: Any, sheet: Sheet, ind: Indicator, unit_id: int, target: Target, actual: float, on: dt.date
) -> Forecast:
    """Project the target period's end from the figure so far and last year's shape over the same stretch."""
    target_period = Period.parse(target.period)
    done_through = sheet.period.to_date()
    shape = None
    if done_through != target_period and done_through.within(target_period):
        last_full = indicator_sheet(
            user, target_period.predecessor(), sheet.view, [ind], around=sheet.around
        ).figure(ind.code, unit_id)
        last_part = indicator_sheet(
            user, done_through.predecessor(), sheet.view, [ind], around=sheet.around
        ).figure(ind.code, unit_id)
        if last_full and last_full.value and last_part and last_part.value is not None:
            shape = last_part.value / last_full.value
    elapsed = target_period.elapsed_fraction(min(on, sheet.period.end))
    return forecast_flow(
        actual=actual,
        target=target.value,
        elapsed=elapsed,
        seasonal_share=shape,
        period_end=target_period.end,
        higher_is_better=ind.higher_is_better,
    )


def submissions_missing(user: Any, sheet: Sheet, unit_id: int) -> tuple[list[TreeNode], int]:
    """Units under `unit_id` that should report for the period and have not: (missing, how many should)."""
    quarterly = sheet.period.kind.value in ("Q", "H", "9M")  # stock figures (ratings) come once a year
    kinds = {
        k.strip()
        for i in sheet.indicators
        if i.source == Source.REPORTED and (i.flow == Flow.FLOW or not quarterly)
        for k in i.reporting_kinds.split(",")
    }
    kinds.discard("")
    below: list[TreeNode] = []
    stack = list(sheet.nodes[unit_id].children) if unit_id in sheet.nodes else []
    while stack:
        n = stack.pop()
        if n.kind.value in kinds:
            below.append(n)
        stack.extend(n.children)
    done = set(
        Submission.objects.filter(
            period=str(sheet.period),
            organisation_id__in=[n.id for n in below],
            status__in=["submitted", "approved"],
        ).values_list("organisation_id", flat=True)
    )
    missing = sorted((n for n in below if n.id not in done), key=lambda n: n.sort_key)
    return missing, len(below)
