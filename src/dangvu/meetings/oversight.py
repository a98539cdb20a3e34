"""Reads of steering committees and of what each overseer's units show.

A body is seen by users whose scope covers the unit that set it up. `overseers_of_units` names, for the
units a dashboard compares, who oversaw each in a period, in one query. `overseer_units` gives, for one
member or agency of a body, each unit they oversee on a day with the dashboard's figures for it: members
at the period's end and admissions so far (the indicator sheet, `indicators.selectors.indicator_sheet`,
the same numbers as the dashboard), the year's admission target, and the tasks its units lead that are
overdue (the rules of `assignments.status`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import Http404

from dangvu.accounts.models import Role, RoleLevel
from dangvu.accounts.selectors import path_in_scope, scope_paths
from dangvu.core.periods import Period, PeriodKind
from dangvu.meetings.models import Body, BodyMember, Oversight, Person
from dangvu.organisations.models import Organisation

MEMBERS, ADMISSIONS = "DV_CUOI_KY", "DV_KET_NAP"


def bodies_visible(user: Any, level: int = RoleLevel.VIEWER) -> QuerySet[Body]:
    qs = Body.objects.select_related("organisation", "established_by")
    scope = scope_paths(user, level)
    if scope is None:
        return qs
    cond = Q(pk__in=[])
    for p in scope:
        cond |= Q(organisation__path__startswith=p)
    return qs.filter(cond)


def body_for(user: Any, pk: int, level: int = RoleLevel.VIEWER) -> Body:
    found = (
        bodies_visible(user, level)
        .prefetch_related(
            Prefetch("members", queryset=BodyMember.objects.select_related("person", "person__member")),
            Prefetch("oversights", queryset=Oversight.objects.select_related("organisation", "person")),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy Ban Chỉ đạo.")
    return found


def person_seats(user: Any, person: Person) -> list[BodyMember]:
    """The person's seats in the steering bodies the user may see (a cadre of the province, seen from
    below, may sit in bodies of other units)."""
    return list(
        BodyMember.objects.filter(person=person, body__in=bodies_visible(user))
        .select_related("body")
        .order_by("-valid_from", "pk")
    )


def active(rows: Any, on: dt.date) -> list[Any]:
    return [r for r in rows if r.valid_from <= on and (r.valid_to is None or on < r.valid_to)]


@dataclass
class OverseenUnit:
    organisation: Organisation
    since: dt.date
    members: float | None
    admissions: float | None
    admission_target: float | None
    overdue_tasks: int

    @property
    def admission_percent(self) -> float | None:
        if self.admissions is None or not self.admission_target:
            return None
        return round(100 * self.admissions / self.admission_target, 1)


def overseer_units(
    user: Any,
    body: Body,
    *,
    person: Person | None = None,
    agency: str = "",
    on: dt.date | None = None,
) -> list[OverseenUnit]:
    """The units `person` (or `agency`) oversees for `body` on `on`, those the user may see, with figures."""
    from dangvu.assignments.models import Task  # assignments builds on meetings, not the other way
    from dangvu.assignments.selectors import overdue_q
    from dangvu.indicators.models import Indicator, Target
    from dangvu.indicators.selectors import indicator_sheet
    from dangvu.organisations.selectors import TreeView

    day = on or dt.date.today()
    rows = active(body.oversights.select_related("organisation"), day)
    rows = [
        r for r in rows if (r.person_id == person.pk if person else (not r.person_id and r.agency == agency))
    ]
    scope = scope_paths(user)
    rows = [r for r in rows if path_in_scope(r.organisation.path, scope)]
    if not rows:
        return []
    period = Period(day.year, PeriodKind.QUARTER, (day.month - 1) // 3 + 1).to_date()
    inds = list(Indicator.objects.filter(code__in=(MEMBERS, ADMISSIONS)))
    sheet = indicator_sheet(user, period, TreeView.NOW, inds)
    ids = [r.organisation_id for r in rows]
    targets = dict(
        Target.objects.filter(
            indicator__code=ADMISSIONS, organisation_id__in=ids, period=str(day.year), voided_at__isnull=True
        ).values_list("organisation_id", "value")
    )
    overdue = Task.objects.filter(overdue_q(day), voided_at__isnull=True)
    counts = {
        r.organisation_id: overdue.filter(lead__path__startswith=r.organisation.path).aggregate(
            n=Count("pk")
        )["n"]
        for r in rows
    }
    out = []
    for r in rows:
        members = sheet.figure(MEMBERS, r.organisation_id)
        admissions = sheet.figure(ADMISSIONS, r.organisation_id)
        out.append(
            OverseenUnit(
                organisation=r.organisation,
                since=r.valid_from,
                members=members.value if members else None,
                admissions=admissions.value if admissions else None,
                admission_target=targets.get(r.organisation_id),
                overdue_tasks=counts[r.organisation_id],
            )
        )
    return out


def overseers(body: Body, on: dt.date) -> list[tuple[Person | None, str, list[Oversight]]]:
    """Who oversees what on `on`: (person or None, agency, their oversights), members first."""
    groups: dict[tuple[int, str], list[Oversight]] = {}
    people: dict[int, Person] = {}
    for o in active(body.oversights.all(), on):
        key = (o.person_id or 0, "" if o.person_id else o.agency)
        groups.setdefault(key, []).append(o)
        if o.person is not None:
            people[o.person.pk] = o.person
    return [
        (people.get(pid), agency, rows)
        for (pid, agency), rows in sorted(groups.items(), key=lambda kv: (not kv[0][0], kv[0]))
    ]


@dataclass(frozen=True)
class UnitOverseer:
    """Who oversaw a unit for a steering body: a member of the body (`person_id`) or an agency."""

    name: str
    body_id: int
    body_name: str
    person_id: int | None
    agency: str


def overseers_of_units(
    user: Any, unit_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, list[UnitOverseer]]:
    """For each unit, who oversaw it at any time from `start` to `end` (both included) for a steering body the
    user may see, earliest assignment first. ONE query whatever the number of units: the user's scope is an
    EXISTS over their live roles inside it, not a query of its own (the dashboard counts its queries)."""
    if not unit_ids:
        return {}
    rows = Oversight.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=start),
        organisation_id__in=unit_ids,
        body__isnull=False,
        valid_from__lte=end,
    )
    if not (getattr(user, "is_superuser", False) and user.is_active):
        body_path = OuterRef("body__organisation__path")
        covering = Role.objects.filter(
            user_id=getattr(user, "pk", None) or 0,  # anonymous: no role
            level__gte=RoleLevel.VIEWER,
            revoked_at__isnull=True,
            organisation__dissolved_on__isnull=True,
            organisation__path=Substr(body_path, 1, Length("organisation__path")),
        )
        rows = rows.filter(Exists(covering))
    out: dict[int, list[UnitOverseer]] = {}
    seen: set[tuple[int, int, int | None, str]] = set()
    for o in rows.select_related("person", "body").order_by("valid_from", "pk"):
        assert o.body is not None  # noqa: S101 - filtered above; narrows the type for mypy
        key = (o.organisation_id, o.body.pk, o.person_id, o.agency)
        if key in seen:  # the same overseer assigned twice within the period: named once
            continue
        seen.add(key)
        out.setdefault(o.organisation_id, []).append(
            UnitOverseer(
                name=o.person.full_name if o.person is not None else o.agency,
                body_id=o.body.pk,
                body_name=o.body.name,
                person_id=o.person_id,
                agency=o.agency,
            )
        )
    return out
