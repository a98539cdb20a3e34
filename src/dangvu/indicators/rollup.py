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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


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
    """Units ordered so that every unit comes after all of its descendants."""
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


def roll_up(
    units: Iterable[Unit], rules: Iterable[Rule], own: Mapping[str, Mapping[int, float]]
) -> dict[str, dict[int, Figure]]:
    """Every rule's figure at every unit. `own[code][unit]` is a unit's own value of a base indicator."""
    order = post_order(units)
    parent_of = {u.id: u.parent_id for u in order}
    result: dict[str, dict[int, Figure]] = {}
    for rule in rules:
        if rule.aggregation is Aggregation.SUM:
            result[rule.code] = _sums(order, parent_of, own.get(rule.code, {}))
        elif rule.aggregation is Aggregation.RATIO:
            num = _sums(order, parent_of, own.get(rule.base[0], {}))
            den = _sums(order, parent_of, own.get(rule.base[1], {}))
            result[rule.code] = {
                u.id: Figure(
                    value=(100.0 * num[u.id].numerator / den[u.id].numerator)
                    if den[u.id].numerator
                    else None,
                    numerator=num[u.id].numerator,
                    denominator=den[u.id].numerator,
                    sources=num[u.id].sources,
                )
                for u in order
            }
        else:
            result[rule.code] = _shares(order, parent_of, own.get(rule.base[0], {}), rule)
    return result


def _sums(
    order: list[Unit], parent_of: Mapping[int, int | None], own: Mapping[int, float]
) -> dict[int, Figure]:
    total = dict.fromkeys(parent_of, 0.0)
    count = dict.fromkeys(parent_of, 0)
    for unit_id, value in own.items():
        if unit_id in total:
            total[unit_id] += value
            count[unit_id] += 1
    for u in order:
        parent = parent_of[u.id]
        if parent is not None and parent in total:
            total[parent] += total[u.id]
            count[parent] += count[u.id]
    no_list: list[int] = []  # shared, never appended to: sums keep no unit lists
    return {uid: Figure(total[uid], total[uid], 0.0, no_list, no_list, count[uid]) for uid in total}


def _shares(
    order: list[Unit], parent_of: Mapping[int, int | None], own: Mapping[int, float], rule: Rule
) -> dict[int, Figure]:
    figures = {u.id: Figure(value=None) for u in order}
    for u in order:
        f = figures[u.id]
        if not rule.unit_kinds or u.kind in rule.unit_kinds:
            (f.met if own.get(u.id, 0.0) >= rule.threshold else f.unmet).append(u.id)
            f.sources += 1 if u.id in own else 0
        x, y = f.x_of_y
        f.numerator, f.denominator = float(x), float(y)
        f.value = 100.0 * x / y if y else None
        parent = parent_of[u.id]
        if parent is not None and parent in figures:
            p = figures[parent]
            p.met.extend(f.met)
            p.unmet.extend(f.unmet)
            p.sources += f.sources
    return figures
