"""The synthetic members of the demo province, with no Django import.

Exactly `MEMBERS_2019` members are active on 2019-12-31, shared out over the cells by the kind of cell
(villages and wards hold more, and older, members; schools more women; the armed forces younger men).
From 2020 to the middle of 2026 some leave (mostly through death at a great age) and new ones are admitted
each year, so counts move with time as they do in a real register.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from dangvu.demo.names import ETHNICITY_LOWLAND, ETHNICITY_MOUNTAIN, person_name, pick
from dangvu.demo.province import PlanUnit, share_out

MEMBERS_2019 = 98_908
STOCK_DAY = dt.date(2019, 12, 31)
DEMO_END = dt.date(2026, 6, 30)
ADMISSIONS_PER_YEAR = 2_400

#: profile → (members per cell weight, share of women, age band at the end of 2019 as (low, mode, high))
PROFILES: dict[str, tuple[float, float, tuple[int, int, int]]] = {
    "village": (24.0, 0.30, (24, 58, 92)),
    "ward": (26.0, 0.38, (24, 55, 90)),
    "school": (11.0, 0.72, (23, 38, 60)),
    "office": (14.0, 0.42, (24, 42, 60)),
    "enterprise": (13.0, 0.30, (23, 40, 60)),
    "armed": (15.0, 0.08, (21, 32, 55)),
}


def profile_of(cell: PlanUnit) -> str:
    role = cell.role.removesuffix("-cell")
    if role == "commune":
        return "village"
    if role == "ward":
        return "ward"
    if role == "school":
        return "school"
    if role in ("enterprise", "enterprises"):
        return "enterprise"
    if role.startswith(("military", "police")):
        return "armed"
    return "office"


@dataclass(slots=True)
class MemberSpec:
    cell: int  # PlanUnit.key
    full_name: str
    female: bool
    birth_date: dt.date
    ethnicity: str
    admitted_on: dt.date
    confirmed_on: dt.date | None
    left_on: dt.date | None
    placed_from: dt.date


def _day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=rng.randrange(span + 1)) if span > 0 else start


def _person(
    rng: random.Random,
    cell: PlanUnit,
    profile: str,
    admitted_by: dt.date,
    age_on: tuple[int, int, int],
    admitted_from: dt.date | None = None,
) -> MemberSpec:
    _w, women, _band = PROFILES[profile]
    low, mode, high = age_on
    female = rng.random() < women
    ethnicity = pick(rng, ETHNICITY_MOUNTAIN if cell.mountainous else ETHNICITY_LOWLAND)
    age = rng.triangular(low, high, mode)
    birth = admitted_by - dt.timedelta(days=int(age * 365.25))
    earliest = dt.date(birth.year + 18, birth.month, min(birth.day, 28)) + dt.timedelta(days=1)
    if admitted_from is not None:
        admitted = _day_in(rng, max(admitted_from, earliest), admitted_by)
    else:
        admission_age = (
            19 + rng.gammavariate(2.0, 4.0) if profile != "armed" else 19 + rng.gammavariate(1.5, 2.0)
        )
        admitted = min(admitted_by, max(earliest, birth + dt.timedelta(days=int(admission_age * 365.25))))
    confirmed = admitted + dt.timedelta(days=365)
    return MemberSpec(
        cell=cell.key,
        full_name=person_name(rng, female=female, ethnicity=ethnicity),
        female=female,
        birth_date=birth,
        ethnicity=ethnicity,
        admitted_on=admitted,
        confirmed_on=confirmed if confirmed <= DEMO_END else None,
        left_on=None,
        placed_from=max(admitted, cell.established_on),
    )


def _leave_day(rng: random.Random, m: MemberSpec) -> dt.date | None:
    """Most members stay; the very old die, a few move away from the province (chuyển sinh hoạt đi)."""
    for year in range(2020, DEMO_END.year + 1):
        age = year - m.birth_date.year
        risk = 0.06 if age >= 80 else 0.025 if age >= 70 else 0.004
        if rng.random() < risk:
            day = _day_in(
                rng, max(dt.date(year, 1, 1), m.placed_from + dt.timedelta(days=1)), dt.date(year, 12, 31)
            )
            return day if day <= DEMO_END else None
    return None


def generate_members(cells: list[PlanUnit], seed: int) -> Iterator[MemberSpec]:
    rng = random.Random(seed * 7919 + 1)
    profiles = [profile_of(c) for c in cells]
    sizes = share_out(MEMBERS_2019, [PROFILES[p][0] * rng.uniform(0.5, 1.5) for p in profiles], minimum=3)
    for cell, profile, size in zip(cells, profiles, sizes, strict=True):
        for _ in range(size):
            m = _person(rng, cell, profile, STOCK_DAY, PROFILES[profile][2])
            m.left_on = _leave_day(rng, m)
            yield m
    weights = [PROFILES[p][0] for p in profiles]
    for year in range(2020, DEMO_END.year + 1):
        start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), DEMO_END)
        n = ADMISSIONS_PER_YEAR * ((end - start).days + 1) // 365
        for i in rng.choices(range(len(cells)), weights=weights, k=n):
            yield _person(rng, cells[i], profiles[i], end, (18, 26, 40), admitted_from=start)
