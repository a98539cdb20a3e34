"""Small builders for tests (importable as `factories`: tests/ is on the test path)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

START = dt.date(2000, 1, 1)
_seq = itertools.count(1)


def add_members(org: Any, n: int, since: dt.date = START, until: dt.date | None = None) -> list[Any]:
    from dangvu.members.models import Member, Placement

    out = []
    for _ in range(n):
        i = next(_seq)
        m = Member.objects.create(
            full_name=f"Đảng viên Thử {i}",
            name_folded=f"dang vien thu {i}",
            gender="nam",
            birth_date=dt.date(1980, 1, 1),
            ethnicity="Kinh",
            admitted_on=since,
            confirmed_on=_a_year_after(since),  # full member after the 12 months of probation
            is_synthetic=True,
        )
        Placement.objects.create(member=m, organisation=org, valid_from=since, valid_to=until)
        out.append(m)
    return out


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def ensure_catalogue() -> None:
    """Load the standard indicator catalogue if it is missing: a data migration puts it in the test database,
    but the flush that ends a transactional test (`django_db(transaction=True)`) empties every table."""
    from dangvu.indicators.catalogue import catalogue_rows
    from dangvu.indicators.models import Indicator

    have = set(Indicator.objects.values_list("code", flat=True))
    Indicator.objects.bulk_create([Indicator(**row) for row in catalogue_rows() if row["code"] not in have])
