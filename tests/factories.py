"""Small builders for tests (importable as `factories`: tests/ is on the test path)."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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
    from dangvu.indicators.catalogue import catalogue_load
    from dangvu.indicators.models import Indicator

    catalogue_load(Indicator)


@contextmanager
def scratch_postgres(prefix: str) -> Iterator[dict[str, Any]]:
    """A new empty database on the live connection's PostgreSQL server, dropped afterwards; yields its
    settings (the live ones with another NAME)."""
    import psycopg
    from django.db import connections

    live = connections["default"]
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    params = live.get_connection_params()
    for key in ("cursor_factory", "context"):
        params.pop(key, None)
    admin = dict(params, dbname="postgres")
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield dict(live.settings_dict, NAME=name, TEST={})
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
