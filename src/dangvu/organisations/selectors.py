"""Reads of the organisation tree, always through the acting user's scope.

`tree_snapshot` gives the tree on a date in one of two views:
- "was" (như lúc đó): the units that existed that day, under the parents they had, with the names they bore;
- "now" (như hiện nay): today's units and parents, the members of that day counted where their unit's
  records are now (a closed unit's members count at its successor), so 2024 compares like for like.
Each is three or four queries whatever the tree's size, then one roll-up in memory (`tree.assemble`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import F, Max, Q, QuerySet

from dangvu.accounts.selectors import path_in_scope, scope_paths
from dangvu.core.text import fold
from dangvu.members.selectors import member_counts_by_organisation
from dangvu.organisations.models import Organisation, OrgLink, OrgName, Reorganisation
from dangvu.organisations.tree import KIND_OF_VALUE, OrgRow, TreeNode, assemble, resolve_successors


class TreeView(StrEnum):
    WAS = "was"
    NOW = "now"

    @property
    def label(self) -> str:
        return "như tại thời điểm đó" if self is TreeView.WAS else "theo tổ chức hiện nay"


@dataclass
class TreeSnapshot:
    on: dt.date
    view: TreeView
    nodes: dict[int, TreeNode]
    roots: list[TreeNode]  # the visible tops: units in scope whose parent is not
    paths: dict[int, str]

    def by_code(self, code: str) -> TreeNode | None:
        return next((n for n in self.nodes.values() if n.code == code), None)


def organisations_visible(user: Any) -> QuerySet[Organisation]:
    scope = scope_paths(user)
    qs = Organisation.objects.all()
    return qs if scope is None else qs.under_paths(scope)


def _valid_on(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def _follow_successors(own: dict[int, int], heirs: dict[int, int]) -> dict[int, int]:
    """Members counted by unit, with each closed unit's members moved to the unit that carries its records."""
    moved: dict[int, int] = {}
    for org_id, n in own.items():
        target = heirs.get(org_id, org_id)
        moved[target] = moved.get(target, 0) + n
    return moved


def tree_snapshot(
    user: Any,
    on: dt.date,
    view: TreeView = TreeView.WAS,
    *,
    with_members: bool = True,
    within: str | None = None,
) -> TreeSnapshot:
    """The tree on `on` in `view`; `with_members=False` skips the member counts (for callers that count).

    `within`: only units whose path (as the tree is now) starts with it — for callers that have checked
    (`self_contained`) that no link of the day and no successor crosses that boundary."""
    own = member_counts_by_organisation(on) if with_members else {}
    units = Organisation.objects.all() if within is None else Organisation.objects.under_paths([within])
    inside = Q() if within is None else Q(child__path__startswith=within)
    if view is TreeView.WAS:
        orgs = list(units.existing_on(on).values_list("id", "code", "name", "kind", "path", "name_folded"))
        parent_of = dict(OrgLink.objects.filter(_valid_on(on), inside).values_list("child_id", "parent_id"))
        # Only names that later changed can differ from today's name: rows still open are today's.
        names = dict(
            OrgName.objects.filter(
                _valid_on(on),
                Q() if within is None else Q(organisation__path__startswith=within),
                valid_to__isnull=False,
            ).values_list("organisation_id", "name")
        )
    else:
        # One query: today's units carry today's parent.
        orgs_with_parent = list(
            units.live().values_list("id", "code", "name", "kind", "path", "name_folded", "parent_id")
        )
        orgs = [o[:6] for o in orgs_with_parent]
        parent_of = {o[0]: o[6] for o in orgs_with_parent}
        names = {}
        closed = dict(units.filter(dissolved_on__isnull=False).values_list("id", "successor_id"))
        own = _follow_successors(own, resolve_successors(closed, {o[0] for o in orgs}))
    if view is TreeView.WAS:
        existing = {o[0] for o in orgs}
        if any(i not in existing for i in own):
            # Members still placed in a unit closed by `on` count at its successor of that day.
            closed = dict(units.filter(dissolved_on__lte=on).values_list("id", "successor_id"))
            own = _follow_successors(own, resolve_successors(closed, existing))
    rows = [
        OrgRow(i, code, names[i], KIND_OF_VALUE[kind], parent_of.get(i), fold(names[i]))
        if i in names
        else OrgRow(i, code, name, KIND_OF_VALUE[kind], parent_of.get(i), folded)
        for i, code, name, kind, _, folded in orgs
    ]
    nodes, _roots = assemble(rows, own)
    paths = {o[0]: o[4] for o in orgs}
    scope = scope_paths(user)
    if scope is None:
        tops = [n for n in nodes.values() if n.parent_id is None or n.parent_id not in nodes]
    else:
        visible = {i for i, p in paths.items() if path_in_scope(p, scope)}
        tops = [
            n
            for i, n in nodes.items()
            if i in visible and (n.parent_id is None or n.parent_id not in visible)
        ]
    tops.sort(key=lambda n: (n.parent_id is not None, n.name))
    if scope is not None:
        nodes = {i: node for i, node in nodes.items() if i in visible}
        for node in nodes.values():
            node.children = [c for c in node.children if c.id in visible]
    return TreeSnapshot(on=on, view=view, nodes=nodes, roots=tops, paths=paths)


def last_change(on: dt.date) -> dt.date | None:
    """The last day on or before `on` that the tree of the day changed (a unit established or closed, a
    parent or a name changed); the "was" tree on `on` is the tree on that day. Six small aggregates."""
    dates = [
        Organisation.objects.filter(established_on__lte=on).aggregate(d=Max("established_on"))["d"],
        Organisation.objects.filter(dissolved_on__lte=on).aggregate(d=Max("dissolved_on"))["d"],
        OrgLink.objects.filter(valid_from__lte=on).aggregate(d=Max("valid_from"))["d"],
        OrgLink.objects.filter(valid_to__lte=on).aggregate(d=Max("valid_to"))["d"],
        OrgName.objects.filter(valid_from__lte=on).aggregate(d=Max("valid_from"))["d"],
        OrgName.objects.filter(valid_to__lte=on).aggregate(d=Max("valid_to"))["d"],
    ]
    return max((d for d in dates if d is not None), default=None)


def self_contained(within: str, on: dt.date | None) -> bool:
    """Whether the units under `within` (as the tree is now; a top unit's path, or a commune's) form whole
    trees on `on` and today: no link of that day and no successor joins a unit inside to one outside (the
    sub-tree's own top may hang from a parent outside). A current parent cannot: a path is its parent's
    path and more. `on=None`: today's tree only ("now" view), no links.
    Up to four small queries, each starting from the units inside."""
    inside = Q(path__startswith=within)
    if (
        Organisation.objects.filter(inside, successor__isnull=False)
        .exclude(successor__path__startswith=within)
        .exists()
        or Organisation.objects.filter(successor__path__startswith=within).exclude(inside).exists()
    ):
        return False
    if on is None:
        return True
    day = _valid_on(on)
    return not (
        OrgLink.objects.filter(day, child__path__startswith=within)
        .exclude(parent__path__startswith=within)
        .exclude(child__path=within)  # the sub-tree's own top hangs from a parent outside: that is allowed
        .exists()
        or OrgLink.objects.filter(day, parent__path__startswith=within)
        .exclude(child__path__startswith=within)
        .exists()
    )


def organisations_search(user: Any, query: str, limit: int = 30) -> list[Organisation]:
    """Accent-insensitive search by name or code within the user's scope: 'thach ha' finds 'Thạch Hà'."""
    words = fold(query).split()
    if not words:
        return []
    qs = organisations_visible(user)
    for w in words:
        qs = qs.filter(Q(name_folded__contains=w) | Q(code__iexact=w))
    # Live units first: NULLs sort first on SQLite but last on PostgreSQL unless told.
    return list(qs.order_by(F("dissolved_on").asc(nulls_first=True), "name_folded")[:limit])


def organisation_ancestors(org: Organisation, user: Any) -> list[Organisation]:
    """The live chain above `org` (root first) that the user may see, for breadcrumbs."""
    ids = [int(p) for p in org.path.strip("/").split("/") if p.isdigit()]
    scope = scope_paths(user)
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=ids[:-1])}
    return [found[i] for i in ids[:-1] if i in found and path_in_scope(found[i].path, scope)]


def organisation_history(org: Organisation) -> dict[str, Any]:
    """Parents, names and reorganisations of one unit, oldest first."""
    return {
        "links": list(OrgLink.objects.filter(child=org).select_related("parent").order_by("valid_from")),
        "names": list(OrgName.objects.filter(organisation=org).order_by("valid_from")),
        "reorganisations": list(
            Reorganisation.objects.filter(parts__organisation=org)
            .distinct()
            .prefetch_related("parts__organisation")
        ),
    }


def organisation_predecessors(org: Organisation) -> list[Organisation]:
    """Closed units whose records now follow `org` directly."""
    return list(Organisation.objects.filter(successor=org).order_by("name_folded"))
