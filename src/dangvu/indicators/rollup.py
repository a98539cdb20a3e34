"""The roll-up rules, written once, with no Django import: how each kind of indicator adds up a tree.

Given the tree (each unit's parent and kind) and each unit's *own* values, `roll_up` computes the figure of
every indicator at every unit in one post-order pass per indicator:

- SUM: the unit's own value plus its children's figures (new admissions, inspections held).
- RATIO: the sum of a numerator over the sum of a denominator, as a percent (women among members).
- SHARE: of the units of the named kinds in the sub-tree (the unit itself included), the percent whose own
  value of the base indicator meets the threshold (cells that met every month; organisations rated
  "trong sạch, vững mạnh").
- COVERAGE: the same count shown as x/y, with the units behind x and behind y − x kept so that
  "16/35 đảng ủy chưa giám sát" opens the 16.

Each figure keeps its provenance: the units whose own values it was computed from.

Speed: the tree is laid out once in post-order, where every sub-tree is one contiguous run ending at its
top. A column (one indicator) keeps only flat lists indexed by that order — running totals for sums and
counts — so a sub-tree's total is a difference of two running totals, and a `Figure` is made only when a
page asks for one. Non-integral values fall back to adding up the tree child by child, so floating-point
results are the same as summing bottom-up. Unit lists of shares and coverage are read off the run on demand.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import accumulate


class Aggregation(StrEnum):
    SUM = "sum"
    RATIO = "ratio"
    SHARE = "share"
    COVERAGE = "coverage"


@dataclass(frozen=True)
class Rule:
    """How one indicator aggregates. `base` names the indicator(s) whose own values it reads."""

    code: str
    aggregation: Aggregation
    base: tuple[str, ...] = ()  # RATIO: (numerator, denominator); SHARE/COVERAGE: (indicator,)
    unit_kinds: frozenset[str] = frozenset()  # SHARE/COVERAGE: which kinds of unit are counted
    threshold: float = 1.0  # SHARE/COVERAGE: a unit meets the condition when its value >= threshold


@dataclass(slots=True)
class Figure:
    value: float | None
    numerator: float = 0.0
    denominator: float = 0.0
    met: list[int] = field(default_factory=list)  # SHARE/COVERAGE: units meeting the condition
    unmet: list[int] = field(default_factory=list)  # SHARE/COVERAGE: units not meeting it
    sources: int = 0  # how many units contributed an own value

    @property
    def x_of_y(self) -> tuple[int, int]:
        return len(self.met), len(self.met) + len(self.unmet)


@dataclass(frozen=True)
class Unit:
    id: int
    parent_id: int | None
    kind: str


def post_order(units: Iterable[Unit]) -> list[Unit]:
    """Units ordered so that every unit comes after all of its descendants (each sub-tree is a contiguous
    run ending at its top)."""
    by_id = {u.id: u for u in units}
    children: dict[int | None, list[Unit]] = {}
    for u in by_id.values():
        parent = u.parent_id if u.parent_id in by_id else None
        children.setdefault(parent, []).append(u)
    order: list[Unit] = []
    stack = list(children.get(None, []))
    while stack:
        u = stack.pop()
        order.append(u)
        stack.extend(children.get(u.id, []))
    order.reverse()
    return order


class Layout:
    """The tree in post-order: `ids[i]`, `pos[id]`, `parent[i]` (a position, −1 at a top), `kinds[i]` and
    `start[i]`, the first position of the sub-tree ending at i."""

    __slots__ = ("ids", "kinds", "parent", "pos", "start")

    def __init__(self, units: Iterable[Unit]) -> None:
        order = post_order(units)
        self.ids = [u.id for u in order]
        self.pos = {uid: i for i, uid in enumerate(self.ids)}
        self.parent = [self.pos.get(u.parent_id, -1) if u.parent_id is not None else -1 for u in order]
        self.kinds = [u.kind for u in order]
        start = list(range(len(order)))
        for i, p in enumerate(self.parent):  # children come before parents: a parent's run starts earliest
            if p >= 0 and start[i] < start[p]:
                start[p] = start[i]
        self.start = start

    def __len__(self) -> int:
        return len(self.ids)

    def spread(self, own: Mapping[int, float]) -> tuple[list[float], list[int], bool]:
        """Own values laid out by position, which positions have one, and whether all are integral."""
        values = [0.0] * len(self.ids)
        has = [0] * len(self.ids)
        integral = True
        pos = self.pos
        for uid, v in own.items():
            i = pos.get(uid)
            if i is not None:
                values[i] += v
                has[i] += 1
                if integral and not float(v).is_integer():
                    integral = False
        return values, has, integral

    def totals(self, values: list[float]) -> list[float]:
        """Bottom-up sums over the tree (used when values are not integral, to keep float results)."""
        total = list(values)
        parent = self.parent
        for i, p in enumerate(parent):
            if p >= 0:
                total[p] += total[i]
        return total


class _Sums:
    """Sub-tree sums of one base: a running total when every value is integral, else bottom-up totals."""

    __slots__ = ("count_run", "layout", "run", "total")

    def __init__(self, layout: Layout, own: Mapping[int, float]) -> None:
        values, has, integral = layout.spread(own)
        self.layout = layout
        self.run: list[float] | None = list(accumulate(values, initial=0.0)) if integral else None
        self.total: list[float] | None = None if integral else layout.totals(values)
        self.count_run = list(accumulate(has, initial=0))

    def at(self, i: int) -> tuple[float, int]:
        s = self.layout.start[i]
        count = self.count_run[i + 1] - self.count_run[s]
        if self.run is not None:
            return self.run[i + 1] - self.run[s], count
        assert self.total is not None  # noqa: S101 - narrows the type; set in __init__ for sums
        return self.total[i], count


class Column(Mapping[int, Figure]):
    """One indicator's figures at every unit, made on demand (and kept once made).

    `blank_unsourced()` makes a figure with no unit behind it read "no figure" (None) instead of zero."""

    __slots__ = ("_blank", "_made", "layout")

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._made: dict[int, Figure] = {}
        self._blank = False

    def blank_unsourced(self) -> None:
        self._blank = True
        self._made.clear()

    def _make(self, i: int) -> Figure:
        raise NotImplementedError

    def __getitem__(self, unit_id: int) -> Figure:
        f = self._made.get(unit_id)
        if f is None:
            f = self._make(self.layout.pos[unit_id])
            if self._blank and f.sources == 0:
                f.value = None
            self._made[unit_id] = f
        return f

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self.layout.pos

    def __iter__(self) -> Iterator[int]:
        return iter(self.layout.ids)

    def __len__(self) -> int:
        return len(self.layout.ids)


_NO_UNITS: list[int] = []  # shared, never appended to: sums and ratios keep no unit lists


class SumColumn(Column):
    __slots__ = ("sums",)

    def __init__(self, layout: Layout, sums: _Sums) -> None:
        super().__init__(layout)
        self.sums = sums

    def _make(self, i: int) -> Figure:
        total, count = self.sums.at(i)
        return Figure(total, total, 0.0, _NO_UNITS, _NO_UNITS, count)


class RatioColumn(Column):
    __slots__ = ("den", "num")

    def __init__(self, layout: Layout, num: _Sums, den: _Sums) -> None:
        super().__init__(layout)
        self.num, self.den = num, den

    def _make(self, i: int) -> Figure:
        n, sources = self.num.at(i)
        d, _ = self.den.at(i)
        return Figure((100.0 * n / d) if d else None, n, d, _NO_UNITS, _NO_UNITS, sources)


class ShareColumn(Column):
    """Units of the counted kinds in each sub-tree (met / unmet), the lists read off the post-order run."""

    __slots__ = ("counted", "counted_run", "met", "met_run", "sources_run")

    def __init__(self, layout: Layout, own: Mapping[int, float], rule: Rule) -> None:
        super().__init__(layout)
        kinds = rule.unit_kinds
        threshold = rule.threshold
        counted = [1 if not kinds or k in kinds else 0 for k in layout.kinds]
        # A unit with no own value reads 0.0, which meets a threshold of zero or below.
        met = list(counted) if threshold <= 0.0 else [0] * len(layout)
        sourced = [0] * len(layout)
        pos = layout.pos
        for uid, v in own.items():
            i = pos.get(uid)
            if i is not None and counted[i]:
                sourced[i] = 1
                met[i] = 1 if v >= threshold else 0
        self.met, self.counted = met, counted
        self.met_run = list(accumulate(met, initial=0))
        self.counted_run = list(accumulate(counted, initial=0))
        self.sources_run = list(accumulate(sourced, initial=0))

    def _make(self, i: int) -> Figure:
        s = self.layout.start[i]
        x = self.met_run[i + 1] - self.met_run[s]
        y = self.counted_run[i + 1] - self.counted_run[s]
        ids, met, counted = self.layout.ids, self.met, self.counted
        return Figure(
            value=100.0 * x / y if y else None,
            numerator=float(x),
            denominator=float(y),
            met=[ids[j] for j in range(s, i + 1) if met[j]],
            unmet=[ids[j] for j in range(s, i + 1) if counted[j] and not met[j]],
            sources=self.sources_run[i + 1] - self.sources_run[s],
        )


def roll_up(
    units: Iterable[Unit], rules: Iterable[Rule], own: Mapping[str, Mapping[int, float]]
) -> dict[str, Column]:
    """Every rule's figure at every unit. `own[code][unit]` is a unit's own value of a base indicator.

    One pass over the tree per base indicator (sums shared between rules that read the same base);
    figures are made when read."""
    layout = Layout(units)
    sums: dict[str, _Sums] = {}

    def sums_of(code: str) -> _Sums:
        if code not in sums:
            sums[code] = _Sums(layout, own.get(code, {}))
        return sums[code]

    result: dict[str, Column] = {}
    for rule in rules:
        if rule.aggregation is Aggregation.SUM:
            result[rule.code] = SumColumn(layout, sums_of(rule.code))
        elif rule.aggregation is Aggregation.RATIO:
            result[rule.code] = RatioColumn(layout, sums_of(rule.base[0]), sums_of(rule.base[1]))
        else:
            result[rule.code] = ShareColumn(layout, own.get(rule.base[0], {}), rule)
    return result
