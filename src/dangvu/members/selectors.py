"""Reads of the members register that other apps need (counts by organisation on a date)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from dangvu.members.models import Placement


def member_counts_by_organisation(on: dt.date) -> dict[int, int]:
    """Members active on `on` in each organisation (placements valid that day), in one GROUP BY."""
    rows = (
        Placement.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .values_list("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)
