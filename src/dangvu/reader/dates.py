"""Dates as Vietnamese texts write them, and the year they belong to.

Owns `DateMention` ("Ngày 6/4", "Sáng 10.7", "Chiều ngày 14/4", "ngày 21/1/2021", "Ngày 17 tháng 09 năm
2021", "trước 15/9/2018") and `infer_year`, which places a day without a year next to the text's other
clues (the published date, the period under review). A day whose year the text does not give stays
without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

DAYPARTS = ("sáng", "chiều", "tối", "trưa", "đêm")

_FULL_RE = re.compile(
    r"(?P<d>\d{1,2})\s?(?:(?P<sep>[/.-])|\s+tháng\s+)(?P<m>\d{1,2})\s?(?:[/.-]|\s+năm\s+)(?P<y>\d{4})"
)
_LEAD = (
    r"(?:(?P<part>sáng|chiều|tối|trưa|đêm)(?:\s+hôm)?(?:\s+nay)?(?:\s+thứ\s+\w+)?,?\s+)?"
    r"(?:(?P<ngay>ngày|hôm)\s+)?"
)
_DATE_RE = re.compile(
    _LEAD
    + r"(?P<d>\d{1,2})(?:\s?(?P<sep>[/.\-–])\s?|\s+tháng\s+)(?P<m>\d{1,2})"
    + r"(?:(?:\s?(?P=sep)\s?|\s+năm\s+)(?P<y>\d{4}))?(?![\d/]|\.\d)",
    re.IGNORECASE,
)
# Words after which a day and month without a year are a date ("trước 15/9", "đến 30/6").
_CONTEXT_RE = re.compile(
    r"(?:trước|sau|đến|từ|tới|hạn|hết|cuối|đầu|vào|chậm nhất(?: là)?)\s*$", re.IGNORECASE
)
_MONTH_RE = re.compile(r"tháng\s+(?P<m>\d{1,2})\s?(?:/|\s+năm\s+)(?P<y>\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    day: int | None
    month: int
    year: int | None
    daypart: str | None = None
    led: bool = False  # opened by a day part or "ngày": the way a news lead dates its event

    def as_date(self, year: int | None = None) -> date | None:
        chosen = self.year or year
        if chosen is None or self.day is None:
            return None
        try:
            return date(chosen, self.month, self.day)
        except ValueError:
            return None


def parse_full_date(text: str) -> date | None:
    """A date with its year ("11.07.2018", "17 tháng 09 năm 2021"); None when it is not one."""
    match = _FULL_RE.search(text)
    if not match:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every day-and-month mention in text[start:end]; a bare "d/m" only after a context word."""
    stop = len(text) if end is None else end
    return [d for d in _scan_dates(text) if start <= d.start and d.end <= stop]


@lru_cache(maxsize=2)
def _scan_dates(text: str) -> tuple[DateMention, ...]:
    """All date mentions of a text, scanned once (the reader asks for many spans of the same text)."""
    found: list[DateMention] = []
    for match in _DATE_RE.finditer(text):
        day, month = int(match["d"]), int(match["m"])
        year = int(match["y"]) if match["y"] else None
        if not (1 <= day <= 31 and 1 <= month <= 12) or (year is not None and not 1900 <= year <= 2100):
            continue
        before = text[match.start() - 1] if match.start() > 0 else " "
        if before.isalnum() or (match.group()[0].isdigit() and before in "/-."):
            continue  # "LSO-Sáng 17/1" is a date after a source tag; "12/3-5/4" is not one
        led = bool(match["part"] or match["ngay"])
        sep = match["sep"]
        context = _CONTEXT_RE.search(text, max(0, match.start() - 20), match.start())
        if year is None and not led and (sep == "." or not context):
            continue
        if year is None and sep in ("-", "–") and not led:
            continue  # "Sáng 16-7", "Ngày 17 – 9" date an event; a bare "16-7" is a range or a score
        found.append(
            DateMention(
                match.start(),
                match.end(),
                match.group(),
                day,
                month,
                year,
                match["part"].lower() if match["part"] else None,
                led,
            )
        )
    return tuple(found)


def find_month_years(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int, int]]:
    """(start, end, month, year) of "tháng 6/2022" and "tháng 6 năm 2022"."""
    stop = len(text) if end is None else end
    return [
        (m.start(), m.end(), int(m["m"]), int(m["y"]))
        for m in _MONTH_RE.finditer(text, start, stop)
        if 1 <= int(m["m"]) <= 12
    ]


def infer_year(month: int, day: int, *, published: date | None, period_end: date | None) -> int | None:
    """The year of a day written without one, from the published date or the period it reviews."""
    if published is not None:
        return published.year - 1 if (month, day) > (published.month, published.day + 1) else published.year
    if period_end is None:
        return None
    for year in (period_end.year, period_end.year + 1):
        try:
            when = date(year, month, day)
        except ValueError:
            return None
        # A review meets near or after the end of its period, rarely more than a few months later.
        if period_end - timedelta(days=75) <= when <= period_end + timedelta(days=150):
            return year
    return period_end.year
