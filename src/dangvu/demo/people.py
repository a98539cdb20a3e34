"""The synthetic members of the demo province, with no Django import.

Exactly `MEMBERS_2019` members are active on 2019-12-31, shared out over the cells by the kind of cell
(villages and wards hold more, and older, members; schools more women; the armed forces younger men).
From 2020 to the middle of 2026 some leave (mostly through death at a great age) and new ones are admitted
each year, so counts move with time as they do in a real register. `member_details` fills the rest of
each record (religion, education, theory level, card and identity numbers…) and how a leaver left, from a
generator of its own, so the people and dates above stay the same whatever those details become.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from dangvu.demo.names import ETHNICITY_LOWLAND, ETHNICITY_MOUNTAIN, person_name, pick
from dangvu.demo.province import DISTRICTS, PROVINCE_NAME, PlanUnit, share_out
from dangvu.members.rules import add_months

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
    profile: str = ""


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
        admitted = max(earliest, birth + dt.timedelta(days=int(admission_age * 365.25)))
        if admitted > admitted_by:  # too young for the drawn age: any day since they turned 18
            admitted = _day_in(rng, min(earliest, admitted_by), admitted_by)
    confirmed = add_months(admitted, 12)
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
        profile=profile,
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


#: profile → professions with weights (the older village members are mostly retired farmers).
PROFESSIONS: dict[str, list[tuple[str, float]]] = {
    "village": [("Nông dân", 60), ("Hưu trí", 30), ("Buôn bán", 6), ("Giáo viên", 4)],
    "ward": [("Hưu trí", 45), ("Buôn bán", 25), ("Công nhân", 15), ("Viên chức", 15)],
    "school": [("Giáo viên", 92), ("Nhân viên", 8)],
    "office": [("Công chức", 55), ("Viên chức", 40), ("Nhân viên", 5)],
    "enterprise": [("Công nhân", 50), ("Kỹ sư", 25), ("Kế toán", 15), ("Quản lý doanh nghiệp", 10)],
    "armed": [("Quân nhân", 55), ("Công an", 45)],
}
THEORY: dict[str, list[tuple[str, float]]] = {
    "office": [("so_cap", 45), ("trung_cap", 40), ("cao_cap", 12), ("cu_nhan", 3)],
    "armed": [("so_cap", 55), ("trung_cap", 35), ("cao_cap", 10)],
}
THEORY_DEFAULT: list[tuple[str, float]] = [("so_cap", 85), ("trung_cap", 10), ("", 5)]
RELIGIONS: list[tuple[str, float]] = [("", 95.0), ("Công giáo", 3.5), ("Phật giáo", 1.5)]
CCCD_PROVINCE = "042"


@dataclass(slots=True)
class MemberDetails:
    religion: str
    home_town: str
    education: str
    profession: str
    theory_level: str
    card_number: str | None
    identity_number: str
    home_address: str
    confirmed_on: dt.date | None
    leaving: str  # "" (still on the rolls), "death", "transfer_out", "removal"


def member_details(m: MemberSpec, index: int, rng: random.Random) -> MemberDetails:
    """The rest of the record of the `index`-th generated member, plausible for their age and cell."""
    confirmed = m.confirmed_on
    if confirmed is not None:
        confirmed = add_months(m.admitted_on, 12) + dt.timedelta(days=rng.randrange(0, 40))
        if confirmed > DEMO_END or (m.left_on is not None and confirmed >= m.left_on):
            confirmed = None
    old = m.birth_date.year < 1960
    education = pick(rng, [("10/10", 50), ("7/10", 30), ("12/12", 20)]) if old else "12/12"
    district = DISTRICTS[index % len(DISTRICTS)][1] if rng.random() < 0.3 else DISTRICTS[m.cell % 13][1]
    leaving = ""
    if m.left_on is not None:
        age = m.left_on.year - m.birth_date.year
        leaving = "death" if age >= 70 else pick(rng, [("transfer_out", 70), ("death", 15), ("removal", 15)])
    century = 0 if m.birth_date.year < 2000 else 2
    return MemberDetails(
        religion=pick(rng, RELIGIONS),
        home_town=f"huyện {district}, tỉnh {PROVINCE_NAME}" if rng.random() < 0.85 else "tỉnh Nghệ An",
        education=education,
        profession=pick(rng, PROFESSIONS[m.profile]) if not (old and m.profile != "armed") else "Hưu trí",
        theory_level=pick(rng, THEORY.get(m.profile, THEORY_DEFAULT)),
        card_number=f"{30_000_000 + index:08d}" if confirmed is not None else None,
        identity_number=(
            f"{CCCD_PROVINCE}{century + m.female}{m.birth_date.year % 100:02d}{index % 1_000_000:06d}"
        ),
        home_address=f"Tổ {rng.randrange(1, 20)}, {'thôn' if m.profile == 'village' else 'khu phố'} "
        f"{rng.randrange(1, 12)}, tỉnh {PROVINCE_NAME}",
        confirmed_on=confirmed,
        leaving=leaving,
    )
