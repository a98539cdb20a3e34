"""Reads of steering committees and of what each overseer's units show.

A body is seen by users whose scope covers the unit that set it up. `overseer_units` gives, for one
member or agency of a body, each unit they oversee on a day with the dashboard's figures for it: members
at the period's end and admissions so far (the indicator sheet, `indicators.selectors.indicator_sheet`,
the same numbers as the dashboard), the year's admission target, and the tasks its units lead that are
overdue (the rules of `assignments.status`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from dangvu.accounts.models import RoleLevel
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
