"""Reads of conferences and people, always through the acting user's scope.

A conference is seen by users whose scope covers its organiser (its sub-tree's leaders included). A
person is seen where their records are (`home`): in its sub-tree and by the units below it, who meet
the province's cadres at their own conferences. Each of a person's titles is seen by the same rule applied
to the unit that recorded it (`recorded_by`), so a title stated in commune B's conference stays B's even
when the person is the province's: commune A sees the person, not that title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, scope_paths
from dangvu.core.text import fold
from dangvu.documents.selectors import path_prefixes
from dangvu.meetings.models import Meeting, Participant, Person, PersonPosition


def _under(scope: list[str], field: str) -> Q:
    cond = Q(pk__in=[])
    for p in scope:
        cond |= Q(**{f"{field}__path__startswith": p})
    return cond


def meetings_visible(
    user: Any, level: int = RoleLevel.VIEWER, *, include_void: bool = False
) -> QuerySet[Meeting]:
    qs = Meeting.objects.select_related("organiser", "body")
    if not include_void:
        qs = qs.filter(voided_at__isnull=True)
    scope = scope_paths(user, level)
    return qs if scope is None else qs.filter(_under(scope, "organiser"))


def meeting_for(user: Any, pk: int, level: int = RoleLevel.VIEWER) -> Meeting:
    """The conference if `user` holds `level` over its organiser, else 404 (as for a missing one)."""
    found = (
        meetings_visible(user, level, include_void=True)
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("person", "organisation")),
            "contributions__person",
            "contributions__organisation",
            "documents",
            "figures",
            "shortcomings",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy hội nghị.")
    return found


def meetings_search(
    user: Any,
    *,
    q: str = "",
    organiser_code: str = "",
    kind: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 200,
) -> list[Meeting]:
    qs = meetings_visible(user)
    if organiser_code:  # a unit outside the user's scope is a 404, as everywhere (not an empty list)
        organiser = organisation_for(user, organiser_code)
        qs = qs.filter(organiser__path__startswith=organiser.path)
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(held_on__gte=date_from)
    if date_to:
        qs = qs.filter(held_on__lte=date_to)
    found = list(qs[: limit * 4 if q else limit])
    if q:  # titles are short and few per unit: fold in Python rather than keep another column
        words = fold(q).split()
        found = [m for m in found if all(w in fold(f"{m.title} {m.venue} {m.organiser.name}") for w in words)]
    return found[:limit]


def seen_from(scope: list[str], field: str) -> Q:
    """Records kept by a unit (`field`) seen from the sub-trees `scope`: the unit is inside one of them, or
    above one (the province's records are read by its communes, never a sibling's)."""
    above = sorted({a for p in scope for a in path_prefixes(p)})
    return _under(scope, field) | Q(**{f"{field}__path__in": above})


def people_visible(user: Any) -> QuerySet[Person]:
    qs = Person.objects.select_related("home")
    scope = scope_paths(user)
    return qs if scope is None else qs.filter(seen_from(scope, "home"))


def positions_visible(user: Any) -> QuerySet[PersonPosition]:
    """Titles the user may see, by the unit that recorded them, in order of time."""
    qs = PersonPosition.objects.select_related("recorded_by").order_by("valid_from", "pk")
    scope = scope_paths(user)
    return qs if scope is None else qs.filter(seen_from(scope, "recorded_by"))


def person_for(user: Any, pk: int) -> Person:
    """The person with `titles`: the positions the user may see (a page never reads `person.positions`,
    which holds every unit's)."""
    found = (
        people_visible(user)
        .prefetch_related(Prefetch("positions", queryset=positions_visible(user), to_attr="titles"))
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy cán bộ.")
    return found


def person_meetings(user: Any, person: Person) -> list[Participant]:
    """The person's seats at the conferences the user may see, newest first."""
    meetings = meetings_visible(user)
    return list(
        Participant.objects.filter(person=person, meeting__in=meetings)
        .select_related("meeting", "meeting__organiser")
        .order_by("-meeting__held_on")
    )


def people_search(user: Any, *, q: str = "", on: dt.date | None = None, limit: int = 300) -> Sequence[Person]:
    """People the user may see, by name (accents optional), each with `current` = positions held `on`."""
    day = on or dt.date.today()
    qs = people_visible(user).select_related("member")
    for word in fold(q).split():
        qs = qs.filter(name_folded__contains=word)
    found = list(
        qs.prefetch_related(Prefetch("positions", queryset=positions_visible(user), to_attr="titles"))[:limit]
    )
    for p in found:
        held = [x.title for x in p.titles if x.valid_from <= day and (x.valid_to is None or day < x.valid_to)]
        p.current = list(dict.fromkeys(held))  # type: ignore[attr-defined]  # once, if two units wrote it
    return found
