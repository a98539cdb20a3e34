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
            confirmed_on=since + dt.timedelta(days=365),  # full member after the year of probation
            is_synthetic=True,
        )
        Placement.objects.create(member=m, organisation=org, valid_from=since, valid_to=until)
        out.append(m)
    return out
