"""Rules of the register as data, with no Django import: probation, Party-age badges, age bands.

Sources (see ../shared/reference/rules-and-systems.md §2.2): probation lasts 12 months; Party age counts
from the admission decision; badges (Huy hiệu Đảng) for 30, 40, 45 … 90 years, presented on 3/2, 19/5,
2/9 and 7/11, and up to 12 months early (30–65 years) or 24 months early (70–90 years) to the seriously
ill (Hướng dẫn 01-HD/TW 2021, mục 18). Rule sets change: each is a value with the text it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PROBATION_MONTHS = 12
ADMISSION_MIN_AGE = 18


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; the 29–31st of a short month falls on its last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def adult_on(birth_date: dt.date, on: dt.date) -> bool:
    return add_months(birth_date, 12 * ADMISSION_MIN_AGE) <= on


def age_on(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


@dataclass(frozen=True)
class BadgeRule:
    """Which badges exist, when they are presented, how early the seriously ill may receive them."""

    source: str
    years: tuple[int, ...]
    presentation_days: tuple[tuple[int, int], ...]  # (month, day)
    early_for_ill: tuple[tuple[int, int], ...]  # (from badge years, months early)

    def early_months(self, years: int, seriously_ill: bool = False) -> int:
        if not seriously_ill:
            return 0
        return max((months for start, months in self.early_for_ill if years >= start), default=0)

    def presentation_dates(self, year: int) -> list[dt.date]:
        return [dt.date(year, m, d) for m, d in self.presentation_days]

    def next_presentation(self, today: dt.date) -> dt.date:
        """The first presentation date on or after `today`."""
        dates = self.presentation_dates(today.year) + self.presentation_dates(today.year + 1)
        return next(d for d in dates if d >= today)

    def previous_presentation(self, day: dt.date) -> dt.date:
        dates = self.presentation_dates(day.year - 1) + self.presentation_dates(day.year)
        return [d for d in dates if d < day][-1]

    def admission_window(self, years: int, presentation: dt.date) -> tuple[dt.date, dt.date]:
        """Members admitted in (start, end] reach `years` of Party age after the previous presentation date
        and by `presentation`: they are due that day."""
        prev = self.previous_presentation(presentation)
        return add_months(prev, -12 * years), add_months(presentation, -12 * years)


BADGE_RULE = BadgeRule(
    source="Hướng dẫn 01-HD/TW (28/9/2021), mục 18",
    years=(30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90),
    presentation_days=((2, 3), (5, 19), (9, 2), (11, 7)),
    early_for_ill=((30, 12), (70, 24)),
)

#: Age bands of the statistical forms: (label, lowest age, highest age or None).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Đến 30 tuổi", 0, 30),
    ("31–40 tuổi", 31, 40),
    ("41–50 tuổi", 41, 50),
    ("51–60 tuổi", 51, 60),
    ("61–70 tuổi", 61, 70),
    ("Trên 70 tuổi", 71, None),
)
