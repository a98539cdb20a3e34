"""Reads of tasks through the acting user's scope: lists, each unit's inbox, and what needs a leader's
attention (overdue and due-soon tasks across a sub-tree).

A task is seen by users whose scope covers the unit that gave it, its lead unit or a supporting unit.
The SQL filters here follow the rules of `status.py`; a test checks that they agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths
from dangvu.assignments.models import Task
from dangvu.assignments.status import DUE_SOON_DAYS, State, Status
from dangvu.organisations.models import Organisation


def _under(paths: list[str], field: str) -> Q:
    cond = Q(pk__in=[])
    for p in paths:
        cond |= Q(**{f"{field}__path__startswith": p})
    return cond


def _touching(paths: list[str]) -> Q:
    """Tasks given by, led by or supported by a unit under one of `paths`."""
    supported = Task.supporting.through.objects.filter(_under(paths, "organisation")).values("task_id")
    return _under(paths, "organisation") | _under(paths, "lead") | Q(pk__in=supported)


def tasks_visible(user: Any, level: int = RoleLevel.VIEWER, *, include_void: bool = False) -> QuerySet[Task]:
    qs = Task.objects.select_related("organisation", "lead", "meeting", "document")
    if not include_void:
        qs = qs.filter(voided_at__isnull=True)
    scope = scope_paths(user, level)
    return qs if scope is None else qs.filter(_touching(scope))


def task_for(user: Any, pk: int) -> Task:
    found = (
        tasks_visible(user, include_void=True).prefetch_related("supporting", "updates").filter(pk=pk).first()
    )
    if found is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return found


def overdue_q(today: dt.date) -> Q:
    return ~Q(state=State.DONE) & Q(deadline__lt=today)


def due_soon_q(today: dt.date, days: int = DUE_SOON_DAYS) -> Q:
    return ~Q(state=State.DONE) & Q(deadline__gte=today, deadline__lte=today + dt.timedelta(days=days))


def tasks_inbox(user: Any, organisation: Organisation, *, include_done: bool = True) -> list[Task]:
    """The unit's own tasks: those it leads first, then those it supports (the caller checked access)."""
    qs = tasks_visible(user).filter(Q(lead=organisation) | Q(supporting=organisation)).distinct()
    if not include_done:
        qs = qs.exclude(state=State.DONE)
    return sorted(qs.prefetch_related("supporting"), key=lambda t: (t.lead_id != organisation.pk,))


def tasks_attention(
    user: Any,
    *,
    organisation: Organisation | None = None,
    today: dt.date | None = None,
    days: int = DUE_SOON_DAYS,
) -> dict[str, list[Task]]:
    """Overdue and due-soon tasks given or led within the user's scope (or within `organisation`'s
    sub-tree), for leaders."""
    day = today or dt.date.today()
    qs = tasks_visible(user)
    if organisation is not None:
        qs = qs.filter(_touching([organisation.path]))
    return {
        "overdue": list(qs.filter(overdue_q(day)).order_by("deadline", "pk")),
        "due_soon": list(qs.filter(due_soon_q(day, days)).order_by("deadline", "pk")),
    }


def tasks_search(
    user: Any,
    *,
    organisation: Organisation | None = None,
    status: str = "",
    today: dt.date | None = None,
    limit: int = 500,
) -> list[Task]:
    day = today or dt.date.today()
    qs = tasks_visible(user)
    if organisation is not None:
        qs = qs.filter(_touching([organisation.path]))
    rules = {
        Status.OVERDUE: overdue_q(day),
        Status.DONE_ON_TIME: Q(state=State.DONE)
        & (Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline"))),
        Status.DONE_LATE: Q(state=State.DONE, completed_on__gt=F("deadline")),
        Status.IN_PROGRESS: Q(state=State.IN_PROGRESS) & ~overdue_q(day),
        Status.NOT_STARTED: Q(state=State.NOT_STARTED) & ~overdue_q(day),
    }
    if status:
        qs = qs.filter(rules[Status(status)])
    return list(qs.prefetch_related("supporting")[:limit])


def status_counts(tasks: list[Task], today: dt.date | None = None) -> dict[Status, int]:
    day = today or dt.date.today()
    counts = Counter(t.status_on(day) for t in tasks)
    return {s: counts.get(s, 0) for s in Status}
