"""Where a figure comes from: the units and records behind one indicator at one unit for a period."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q

from dangvu.indicators.models import Indicator, ReportedValue, Source
from dangvu.indicators.selectors import Sheet, rule_of
from dangvu.members.models import Placement
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView
from dangvu.organisations.tree import TreeNode


@dataclass
class Provenance:
    children: list[tuple[TreeNode, Any]] = field(default_factory=list)  # (sub-unit, its figure)
    met: list[TreeNode] = field(default_factory=list)
    unmet: list[TreeNode] = field(default_factory=list)
    submissions: list[ReportedValue] = field(default_factory=list)
    members: list[Placement] = field(default_factory=list)
    members_total: int = 0


def _subtree(node: TreeNode) -> list[TreeNode]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.children)
    return out


MEMBER_FILTERS = {
    "members_at_end": lambda p: Q(valid_from__lte=p.end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=p.end)),
    "admissions": lambda p: Q(
        valid_from__gte=p.start, valid_from__lte=p.end, member__admitted_on=F("valid_from")
    ),
    "probationary_at_end": lambda p: (
        Q(valid_from__lte=p.end, member__admitted_on__lte=p.end)
        & (Q(valid_to__isnull=True) | Q(valid_to__gt=p.end))
        & (Q(member__confirmed_on__isnull=True) | Q(member__confirmed_on__gt=p.end))
    ),
    "women_at_end": lambda p: (
        Q(valid_from__lte=p.end, member__gender="nu") & (Q(valid_to__isnull=True) | Q(valid_to__gt=p.end))
    ),
    "leavers": lambda p: Q(
        member__left_on__gte=p.start, member__left_on__lte=p.end, valid_to=F("member__left_on")
    ),
}


def provenance(sheet: Sheet, ind: Indicator, node: TreeNode, limit: int = 200) -> Provenance:
    out = Provenance()
    out.children = [(c, sheet.figure(ind.code, c.id)) for c in node.children]
    rule = rule_of(ind)
    if ind.aggregation in ("share", "coverage"):
        f = sheet.figure(ind.code, node.id)
        if f is not None:
            out.met = [sheet.nodes[i] for i in f.met if i in sheet.nodes]
            out.unmet = [sheet.nodes[i] for i in f.unmet if i in sheet.nodes]
    if sheet.view is TreeView.NOW:  # closed units' records sit under their heirs' paths
        path = Organisation.objects.values_list("path", flat=True).get(pk=node.id)
        ids = list(Organisation.objects.filter(path__startswith=path).values_list("id", flat=True))
    else:
        ids = [n.id for n in _subtree(node)]
    if ind.source == Source.REPORTED:
        codes = list(rule.base) or [ind.code]
        out.submissions = list(
            ReportedValue.objects.filter(
                indicator__code__in=codes,
                submission__organisation_id__in=ids,
                submission__period__in=[str(sheet.period)] + [str(q) for q in sheet.period.quarters()],
            )
            .select_related("submission__organisation", "submission__submitted_by", "indicator")
            .order_by("submission__organisation__name_folded", "submission__period")[:limit]
        )
    elif ind.computation in MEMBER_FILTERS:
        qs = Placement.objects.filter(MEMBER_FILTERS[ind.computation](sheet.period), organisation_id__in=ids)
        out.members_total = qs.count()
        out.members = list(
            qs.select_related("member", "organisation").order_by("member__name_folded")[:limit]
        )
    return out
