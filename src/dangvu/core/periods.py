"""Periods as values (no Django import): a quarter, a half-year, nine months, a year or a congress term.

Written as users write them in plans and reports: "2018-Q1", "2018-H1", "2018-9M", "2018", "2020-2025".
A period knows its first and last day, the periods that contain it, and "the same period last year".
A congress term (nhiệm kỳ Đại hội) "2020-2025" is taken as 1/1 of its first year to 31/12 of its last.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from dangvu.core.errors import DomainError


class PeriodKind(StrEnum):
    QUARTER = "Q"
    HALF = "H"
    NINE_MONTHS = "9M"
    YEAR = "Y"
    TERM = "T"


_LABELS = {
    PeriodKind.QUARTER: "Quý {index} năm {year}",
    PeriodKind.HALF: "6 tháng {half} năm {year}",
    PeriodKind.NINE_MONTHS: "9 tháng năm {year}",
    PeriodKind.YEAR: "Năm {year}",
    PeriodKind.TERM: "Nhiệm kỳ {year}–{end_year}",
}
_PATTERN = re.compile(r"^\s*(\d{4})(?:-(Q[1-4]|H[12]|9M|\d{4}))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: PeriodKind
    index: int = 1  # the quarter (1–4) or half (1–2); for a term, its last year

    @staticmethod
    def parse(text: str) -> Period:
        m = _PATTERN.match(text or "")
        if not m:
            raise DomainError(
                f"Kỳ «{text}» không hợp lệ: cần dạng 2018-Q1 (quý), 2018-H1 (6 tháng), 2018-9M (9 tháng), "
                "2018 (năm) hoặc 2020-2025 (nhiệm kỳ).",
                field="period",
            )
        year, rest = int(m.group(1)), (m.group(2) or "").upper()
        if not rest:
            return Period(year, PeriodKind.YEAR)
        if rest == "9M":
            return Period(year, PeriodKind.NINE_MONTHS)
        if rest[0] in "QH":
            return Period(year, PeriodKind(rest[0]), int(rest[1]))
        end = int(rest)
        if not year < end <= year + 10:
            raise DomainError(f"Nhiệm kỳ «{text}» không hợp lệ: năm cuối phải sau năm đầu.", field="period")
        return Period(year, PeriodKind.TERM, end)

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        if self.kind is PeriodKind.NINE_MONTHS:
            return f"{self.year}-9M"
        if self.kind is PeriodKind.TERM:
            return f"{self.year}-{self.index}"
        return f"{self.year}-{self.kind.value}{self.index}"

    @property
    def label(self) -> str:
        """The period in words, as a report heading says it: 'Quý 1 năm 2018', '6 tháng đầu năm 2018'."""
        half = "đầu" if self.index == 1 else "cuối"
        return _LABELS[self.kind].format(index=self.index, year=self.year, half=half, end_year=self.index)

    @property
    def start(self) -> dt.date:
        if self.kind is PeriodKind.QUARTER:
            return dt.date(self.year, 3 * self.index - 2, 1)
        if self.kind is PeriodKind.HALF:
            return dt.date(self.year, 6 * self.index - 5, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day, inclusive."""
        if self.kind is PeriodKind.TERM:
            return dt.date(self.index, 12, 31)
        last_month = {
            PeriodKind.QUARTER: 3 * self.index,
            PeriodKind.HALF: 6 * self.index,
            PeriodKind.NINE_MONTHS: 9,
            PeriodKind.YEAR: 12,
        }[self.kind]
        first_of_next = dt.date(self.year + last_month // 12, last_month % 12 + 1, 1)
        return first_of_next - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end

    def predecessor(self) -> Period:
        """The same period last year (for a term, the previous term of the same length)."""
        if self.kind is PeriodKind.TERM:
            length = self.index - self.year
            return Period(self.year - length, PeriodKind.TERM, self.year)
        return Period(self.year - 1, self.kind, self.index)

    def year_period(self) -> Period:
        return Period(self.year, PeriodKind.YEAR)

    def to_date(self) -> Period:
        """The cumulative period from 1/1 to this period's end: Q2 → H1, Q3 → 9M, Q4 and H2 → the year."""
        if self.kind is PeriodKind.TERM:
            return self
        month = self.end.month
        return {
            3: Period(self.year, PeriodKind.QUARTER, 1),
            6: Period(self.year, PeriodKind.HALF, 1),
            9: Period(self.year, PeriodKind.NINE_MONTHS),
            12: Period(self.year, PeriodKind.YEAR),
        }[month]

    def enclosing(self) -> list[Period]:
        """Periods that contain this one, smallest first (not itself): Q1 → H1, 9M, year."""
        out: list[Period] = []
        if self.kind is PeriodKind.QUARTER:
            out.append(Period(self.year, PeriodKind.HALF, 1 if self.index <= 2 else 2))
            if self.index <= 3:
                out.append(Period(self.year, PeriodKind.NINE_MONTHS))
        if self.kind is PeriodKind.HALF and self.index == 1:
            out.append(Period(self.year, PeriodKind.NINE_MONTHS))
        if self.kind is not PeriodKind.YEAR and self.kind is not PeriodKind.TERM:
            out.append(Period(self.year, PeriodKind.YEAR))
        return out

    def quarters(self) -> list[Period]:
        """The quarters this period is made of."""
        out: list[Period] = []
        year, q = self.start.year, (self.start.month - 1) // 3 + 1
        while True:
            p = Period(year, PeriodKind.QUARTER, q)
            if p.start > self.end:
                return out
            out.append(p)
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)

    def elapsed_fraction(self, on: dt.date) -> float:
        """How much of the period has gone by on `on` (0 before it starts, 1 after it ends)."""
        if on < self.start:
            return 0.0
        if on >= self.end:
            return 1.0
        return ((on - self.start).days + 1) / self.days


def term_of(day: dt.date, first_term_year: int = 2020, length: int = 5) -> Period:
    """The congress term that a day falls in, for terms of `length` years counted from `first_term_year`."""
    offset = (day.year - first_term_year) // length
    start = first_term_year + offset * length
    return Period(start, PeriodKind.TERM, start + length)
