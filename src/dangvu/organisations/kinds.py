"""The kinds of party organisation and which kind may sit under which, as data (no Django import).

Tỉnh (provincial committee) → đảng bộ trực thuộc (directly-under committee: a district, town or bloc
committee, or since 2025 a commune committee) → tổ chức cơ sở đảng (grassroots organisation: an
đảng bộ cơ sở, grassroots committee, or a chi bộ cơ sở, grassroots cell) → đảng bộ bộ phận (partial
committee) → chi bộ trực thuộc (subordinate cell). A cell holds members, never other organisations.
"""

from __future__ import annotations

from enum import StrEnum


class OrgKind(StrEnum):
    PROVINCIAL = "provincial"
    DIRECTLY_UNDER = "directly_under"
    GRASSROOTS_COMMITTEE = "grassroots_committee"
    GRASSROOTS_CELL = "grassroots_cell"
    PARTIAL_COMMITTEE = "partial_committee"
    SUBORDINATE_CELL = "subordinate_cell"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def is_grassroots(self) -> bool:
        """Tổ chức cơ sở đảng: a grassroots committee or a grassroots cell."""
        return self in (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL)

    @property
    def is_cell(self) -> bool:
        return self in (OrgKind.GRASSROOTS_CELL, OrgKind.SUBORDINATE_CELL)


KIND_LABELS: dict[OrgKind, str] = {
    OrgKind.PROVINCIAL: "Đảng bộ tỉnh",
    OrgKind.DIRECTLY_UNDER: "Đảng bộ trực thuộc",
    OrgKind.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
    OrgKind.GRASSROOTS_CELL: "Chi bộ cơ sở",
    OrgKind.PARTIAL_COMMITTEE: "Đảng bộ bộ phận",
    OrgKind.SUBORDINATE_CELL: "Chi bộ trực thuộc",
}

#: Which kinds may be direct children of which. A provincial committee may hold a grassroots
#: organisation directly (enterprises, and since 2025 the merged communes of some provinces).
ALLOWED_CHILDREN: dict[OrgKind, frozenset[OrgKind]] = {
    OrgKind.PROVINCIAL: frozenset(
        {OrgKind.DIRECTLY_UNDER, OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL}
    ),
    OrgKind.DIRECTLY_UNDER: frozenset({OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL}),
    OrgKind.GRASSROOTS_COMMITTEE: frozenset({OrgKind.PARTIAL_COMMITTEE, OrgKind.SUBORDINATE_CELL}),
    OrgKind.PARTIAL_COMMITTEE: frozenset({OrgKind.SUBORDINATE_CELL}),
    OrgKind.GRASSROOTS_CELL: frozenset(),
    OrgKind.SUBORDINATE_CELL: frozenset(),
}


def may_hold(parent: OrgKind, child: OrgKind) -> bool:
    return child in ALLOWED_CHILDREN[parent]


def kind_choices() -> list[tuple[str, str]]:
    return [(k.value, k.label) for k in OrgKind]
