"""Assembling a tree of organisations and rolling member and unit counts up it (no Django import).

The caller gives plain rows (each unit, its parent on the chosen date, the members placed directly in it);
`assemble` links them and computes, for every node in one post-order pass, the members in its sub-tree
and how many units of each kind lie below it. Nothing here queries a database, so the roll-up rule is
written down once and tested directly.

The roll-up rule: a node's `members` is its own members plus its children's `members`; its `units[k]`
counts the descendants (not itself) of kind k. `grassroots` is units of the two grassroots kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dangvu.core.text import fold, vn_number
from dangvu.organisations.kinds import OrgKind

_KINDS = list(OrgKind)
_KIND_INDEX = {k: i for i, k in enumerate(_KINDS)}
KIND_OF_VALUE: dict[str, OrgKind] = {k.value: k for k in _KINDS}


@dataclass(slots=True)
class OrgRow:
    id: int
    code: str
    name: str
    kind: OrgKind
    parent_id: int | None
    sort_key: str = ""  # the name folded (no accents), for ordering


@dataclass(slots=True)
class TreeNode:
    id: int
    code: str
    name: str
    kind: OrgKind
    parent_id: int | None
    sort_key: str = ""
    children: list[TreeNode] = field(default_factory=list)
    own_members: int = 0
    members: int = 0
    unit_counts: list[int] = field(default_factory=lambda: [0] * len(_KINDS))

    def units(self, kind: OrgKind) -> int:
        return self.unit_counts[_KIND_INDEX[kind]]

    @property
    def grassroots(self) -> int:
        return self.units(OrgKind.GRASSROOTS_COMMITTEE) + self.units(OrgKind.GRASSROOTS_CELL)

    @property
    def cells(self) -> int:
        return self.units(OrgKind.GRASSROOTS_CELL) + self.units(OrgKind.SUBORDINATE_CELL)

    @property
    def units_below(self) -> int:
        return sum(self.unit_counts)

    def units_summary(self) -> str:
        """'17 đảng bộ trực thuộc, 722 tổ chức cơ sở đảng, 4.138 chi bộ trực thuộc' (zeros left out)."""
        parts = [
            (self.units(OrgKind.DIRECTLY_UNDER), "đảng bộ trực thuộc"),
            (self.grassroots, "tổ chức cơ sở đảng"),
            (self.units(OrgKind.PARTIAL_COMMITTEE), "đảng bộ bộ phận"),
            (self.units(OrgKind.SUBORDINATE_CELL), "chi bộ trực thuộc"),
        ]
        return ", ".join(f"{vn_number(n)} {label}" for n, label in parts if n)

    def as_dict(self, depth: int | None = None) -> dict[str, Any]:
        """A JSON-ready dict of this node and its children down to `depth` more levels (None: all)."""
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "kind": self.kind.value,
            "kind_label": self.kind.label,
            "members": self.members,
            "children_count": len(self.children),
            "units": {
                "directly_under": self.units(OrgKind.DIRECTLY_UNDER),
                "grassroots": self.grassroots,
                "grassroots_committees": self.units(OrgKind.GRASSROOTS_COMMITTEE),
                "grassroots_cells": self.units(OrgKind.GRASSROOTS_CELL),
                "partial_committees": self.units(OrgKind.PARTIAL_COMMITTEE),
                "subordinate_cells": self.units(OrgKind.SUBORDINATE_CELL),
            },
        }
        if depth is None or depth > 0:
            out["children"] = [c.as_dict(None if depth is None else depth - 1) for c in self.children]
        return out


class TreeError(ValueError):
    pass


def assemble(
    rows: Iterable[OrgRow], own_members: Mapping[int, int]
) -> tuple[dict[int, TreeNode], list[TreeNode]]:
    """Link the rows into a forest and roll counts up. Returns (nodes by id, roots sorted by name).

    A row whose parent is not among the rows becomes a root. A cycle raises TreeError.
    """
    nodes: dict[int, TreeNode] = {
        r.id: TreeNode(
            r.id,
            r.code,
            r.name,
            r.kind,
            r.parent_id,
            r.sort_key or fold(r.name),
            own_members=own_members.get(r.id, 0),
        )
        for r in rows
    }
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id) if node.parent_id is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    order: list[TreeNode] = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(node.children)
    if len(order) != len(nodes):
        raise TreeError("Cây tổ chức có vòng lặp: một đơn vị nằm dưới chính nó.")
    for node in reversed(order):
        node.members += node.own_members
        if len(node.children) > 1:
            node.children.sort(key=_display_order)
        parent = nodes.get(node.parent_id) if node.parent_id is not None else None
        if parent is not None:
            parent.members += node.members
            counts = parent.unit_counts
            for i, n in enumerate(node.unit_counts):
                if n:
                    counts[i] += n
            counts[_KIND_INDEX[node.kind]] += 1
    roots.sort(key=_display_order)
    return nodes, roots


def _display_order(node: TreeNode) -> tuple[bool, str]:
    """Committees before cells, then by name without accents (as Vietnamese readers expect)."""
    return (node.kind.is_cell, node.sort_key)


def resolve_successors(successor_of: Mapping[int, int | None], live: set[int]) -> dict[int, int]:
    """Map each closed unit to the live unit that carries its records now, following chains of successors.

    A closed unit with no successor (or a chain that loops or ends in nothing live) maps to nothing.
    """
    resolved: dict[int, int] = {}
    for start in successor_of:
        seen: list[int] = []
        current: int | None = start
        while current is not None and current not in live and current not in resolved and current not in seen:
            seen.append(current)
            current = successor_of.get(current)
        target = resolved.get(current) if current is not None and current in resolved else current
        if target is not None and target in live:
            for s in seen:
                resolved[s] = target
    return resolved


def ancestors_path(node_id: int, parent_of: Mapping[int, int | None]) -> list[int]:
    """Ids from the root down to `node_id`, following `parent_of`; raises TreeError on a cycle."""
    chain: list[int] = []
    current: int | None = node_id
    while current is not None:
        if current in chain:
            raise TreeError("Cây tổ chức có vòng lặp: một đơn vị nằm dưới chính nó.")
        chain.append(current)
        current = parent_of.get(current)
    chain.reverse()
    return chain
