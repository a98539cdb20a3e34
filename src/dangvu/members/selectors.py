"""Reads of the members register, always through the acting user's scope.

The register on a date is the set of `Placement` rows valid that day (a member is where their placement
says); a sub-tree is every unit whose path starts with the unit's path, as the tree is now (a closed
cell's path hangs under its heir). Work lists (probation ending, badges due) and personal-data rules are
here too; statistics are in `members.statistics`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths, user_holds
from dangvu.core.text import fold
from dangvu.members.models import (
    AgencyCell,
    EarlyBadge,
    EventKind,
    Member,
    MembershipEvent,
    Placement,
    ResidenceComment,
    ResidenceContact,
)
from dangvu.members.rules import BADGE_RULE, PROBATION_MONTHS, BadgeRule, add_months
from dangvu.organisations.models import Organisation

#: Who may see personal data (birth date, identity number, home address): editors and above over the
#: member's cell. Viewers see the register without them. Every view or export of them is logged.
PERSONAL_DATA_LEVEL = RoleLevel.EDITOR


def member_counts_by_organisation(on: dt.date) -> dict[int, int]:
    """Members active on `on` in each organisation (placements valid that day), in one GROUP BY."""
    rows = (
        Placement.objects.filter(valid_on(on))
        .values_list("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def valid_on(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on})
    )


def in_scope(qs: QuerySet[Any], user: Any, field: str, level: int = RoleLevel.VIEWER) -> QuerySet[Any]:
    """`qs` limited to rows whose `field` (an organisation path) lies in the user's sub-trees."""
    scope = scope_paths(user, level)
    if scope is None:
        return qs
    if not scope:
        return qs.none()
    cond = Q()
    for p in scope:
        cond |= Q(**{f"{field}__startswith": p})
    return qs.filter(cond)


def register_on(
    user: Any,
    *,
    on: dt.date,
    organisation: Organisation | None = None,
    query: str = "",
    gender: str = "",
    probationary: bool | None = None,
) -> QuerySet[Placement]:
    """Placements valid on `on` in the user's scope (and under `organisation`), with member and cell.

    `query` is matched without accents word by word ("nguyen van a" finds "Nguyễn Văn A"), or exactly
    against the card number.
    """
    qs = in_scope(Placement.objects.filter(valid_on(on)), user, "organisation__path")
    if organisation is not None:
        qs = qs.filter(organisation__path__startswith=organisation.path)
    words = fold(query).split()
    if len(words) == 1 and words[0].isdigit():
        qs = qs.filter(member__card_number=words[0])
    else:
        for w in words:
            qs = qs.filter(member__name_folded__contains=w)
    if gender:
        qs = qs.filter(member__gender=gender)
    if probationary is not None:
        probation = Q(member__confirmed_on__isnull=True) | Q(member__confirmed_on__gt=on)
        qs = qs.filter(probation if probationary else ~probation)
    return qs.select_related("member", "organisation").order_by("member__name_folded", "member_id")


def member_for(user: Any, member_id: int) -> Member:
    """The member if any of their placements lies in the user's scope, else 404 (as for no such member)."""
    placements = in_scope(Placement.objects.filter(member_id=member_id), user, "organisation__path")
    member = Member.objects.select_related("cell").filter(pk=member_id, placements__in=placements).first()
    if member is None:
        raise Http404("Không tìm thấy đảng viên.")
    return member


def member_cell(member: Member) -> Organisation | None:
    """The member's cell now, or the last one they were in."""
    if member.cell is not None:
        return member.cell
    last = Placement.objects.filter(member=member).select_related("organisation").order_by("-valid_from")
    found = last.first()
    return found.organisation if found is not None else None


def personal_scope_path(user: Any) -> str:
    """The path a read of personal data over the user's whole scope is logged under: the deepest unit
    covering every sub-tree where they may see it ("" for everything), so its administrators see the entry."""
    paths = scope_paths(user, PERSONAL_DATA_LEVEL)
    if not paths:
        return ""
    parts = [p.strip("/").split("/") for p in paths]
    common = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    return f"/{'/'.join(common)}/" if common else ""


def may_see_personal_data(user: Any, member: Member) -> bool:
    cell = member_cell(member)
    return cell is not None and user_holds(user, cell, PERSONAL_DATA_LEVEL)


def member_history(member: Member) -> dict[str, list[Any]]:
    return {
        "events": list(
            MembershipEvent.objects.filter(member=member)
            .select_related("organisation", "to_organisation", "recorded_by")
            .order_by("occurred_on", "id")
        ),
        "placements": list(
            Placement.objects.filter(member=member).select_related("organisation").order_by("valid_from")
        ),
    }


def cells_writable(user: Any, on: dt.date) -> QuerySet[Organisation]:
    """Cells live on `on` where the user may record members (for forms and the import)."""
    qs = Organisation.objects.existing_on(on).filter(kind__in=("grassroots_cell", "subordinate_cell"))
    return in_scope(qs, user, "path", RoleLevel.EDITOR).order_by("name_folded")


@dataclass(frozen=True)
class ProbationDue:
    member: Member
    cell: Organisation
    due_on: dt.date
    overdue: bool


def probation_due(
    user: Any, *, today: dt.date, organisation: Organisation | None = None
) -> list[ProbationDue]:
    """Probationary members whose 12 months end by the end of this month (overdue first)."""
    month_end = add_months(today.replace(day=1), 1) - dt.timedelta(days=1)
    latest = add_months(month_end, -PROBATION_MONTHS)
    rows = register_on(user, on=today, organisation=organisation).filter(
        member__confirmed_on__isnull=True, member__admitted_on__lte=latest
    )
    out = [
        ProbationDue(p.member, p.organisation, d, d < today)
        for p in rows
        for d in [add_months(p.member.admitted_on, PROBATION_MONTHS)]
    ]
    return sorted(out, key=lambda r: (r.due_on, r.member.name_folded))


@dataclass(frozen=True)
class BadgeDue:
    member: Member
    cell: Organisation
    years: int
    presentation_on: dt.date
    early: bool = False  # seriously ill: due before reaching the Party age


def seriously_ill_ids(member_ids: Any, on: dt.date) -> set[int]:
    """Of `member_ids` (ids or a subquery), those marked seriously ill (early badges) on `on`."""
    marks = EarlyBadge.objects.filter(member_id__in=member_ids, recorded_on__lte=on).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)
    )
    return set(marks.values_list("member_id", flat=True))


def badges_due(
    user: Any,
    *,
    today: dt.date,
    organisation: Organisation | None = None,
    rule: BadgeRule = BADGE_RULE,
) -> list[BadgeDue]:
    """Members reaching a badge's Party age by the next presentation date (and not before the previous
    one), who have not received that badge; for members marked seriously ill, the window reaches as many
    months further as the rule allows early. One query with a window per badge."""
    presentation = rule.next_presentation(today)
    windows = {years: rule.admission_window(years, presentation) for years in rule.years}
    early = {years: add_months(end, rule.early_months(years, True)) for years, (_, end) in windows.items()}
    ill_members = EarlyBadge.objects.filter(recorded_on__lte=today).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=today)
    )
    cond = Q()
    for years, (start, end) in windows.items():
        cond |= Q(member__admitted_on__gt=start, member__admitted_on__lte=end)
        cond |= Q(
            member__admitted_on__gt=start,
            member__admitted_on__lte=early[years],
            member_id__in=ill_members.values("member_id"),
        )
    rows = list(register_on(user, on=today, organisation=organisation).filter(cond))
    ids = [p.member_id for p in rows]
    ill = seriously_ill_ids(ids, today)
    awarded = set(
        MembershipEvent.objects.filter(kind=EventKind.BADGE, member_id__in=ids).values_list(
            "member_id", "badge_years"
        )
    )
    out = []
    for p in rows:
        for years, (start, end) in windows.items():
            last = early[years] if p.member_id in ill else end
            if start < p.member.admitted_on <= last and (p.member_id, years) not in awarded:
                out.append(
                    BadgeDue(p.member, p.organisation, years, presentation, p.member.admitted_on > end)
                )
    return sorted(out, key=lambda b: (-b.years, b.member.name_folded))


def agency_cell_marks(on: dt.date) -> QuerySet[AgencyCell]:
    return AgencyCell.objects.filter(since__lte=on).filter(Q(until__isnull=True) | Q(until__gt=on))


def agency_cells(user: Any, on: dt.date, organisation: Organisation | None = None) -> list[AgencyCell]:
    """The agency cells (Quy định 213) of the user's scope on `on`."""
    qs = in_scope(agency_cell_marks(on), user, "organisation__path")
    if organisation is not None:
        qs = qs.filter(organisation__path__startswith=organisation.path)
    return list(qs.select_related("organisation").order_by("organisation__name_folded"))


@dataclass(frozen=True)
class ResidenceDue:
    member: Member
    cell: Organisation
    contact: ResidenceContact | None  # None: no contact with the residence registered
    comment: ResidenceComment | None  # the year's comment, if asked for


def residence_due(
    user: Any, *, today: dt.date, year: int, organisation: Organisation | None = None
) -> list[ResidenceDue]:
    """Members of agency cells (Quy định 213) with no open contact with their residence, and those whose
    comment for `year` has not come back (not asked for, or asked and not returned). Three queries."""
    rows = list(
        register_on(user, on=today, organisation=organisation).filter(
            organisation_id__in=agency_cell_marks(today).values("organisation_id")
        )
    )
    contacts = {
        c.member_id: c
        for c in ResidenceContact.objects.filter(
            member_id__in=[p.member_id for p in rows], ended_on__isnull=True
        )
    }
    comments = {
        c.contact_id: c
        for c in ResidenceComment.objects.filter(contact__in=list(contacts.values()), year=year)
    }
    out = []
    for p in rows:
        contact = contacts.get(p.member_id)
        comment = comments.get(contact.pk) if contact is not None else None
        if contact is None or comment is None or comment.returned_on is None:
            out.append(ResidenceDue(p.member, p.organisation, contact, comment))
    return sorted(out, key=lambda r: (r.contact is not None, r.cell.name_folded, r.member.name_folded))


def residence_of(member: Member) -> list[ResidenceContact]:
    return list(
        ResidenceContact.objects.filter(member=member)
        .select_related("residence_unit")
        .prefetch_related("comments")
        .order_by("since", "id")
    )


def early_badges_of(member: Member) -> list[EarlyBadge]:
    return list(EarlyBadge.objects.filter(member=member).order_by("recorded_on", "id"))
