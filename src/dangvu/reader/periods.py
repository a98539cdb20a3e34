"""Reporting periods as texts name them: "quý 1/2018", "quý I/2022", "6 tháng đầu năm 2018", "9 tháng",
"năm 2023", "nhiệm kỳ 2020-2025", "tháng 6/2022", "tháng 9-2020", and a month of work without its year
("công tác tháng 6", "nhiệm vụ tháng 8").

Owns `PeriodMention` and its code in the project's period notation (`2018-Q1`, `2018-H1`, `2018-9M`,
`2018`, `2020-2025`, `2022-06`), filled in once the year is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _year(group: str) -> str:
    return rf"(?:\s?/\s?|\s+năm\s+|\s+)(?P<{group}>(?:19|20)\d\d)(?!\d)"


_PERIOD_RE = re.compile(
    rf"(?P<quarter>quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w]))(?:{_year('y1')})?"
    rf"|(?P<half>(?:6|sáu)\s+tháng\s+(?P<which>đầu|cuối)\s+năm)(?:{_year('y2')})?"
    rf"|(?P<nine>(?:9|chín)\s+tháng(?:\s+đầu)?\s+năm)(?:{_year('y3')})?"
    rf"|(?P<term>nhiệm\s+kỳ\s+(?P<t1>(?:19|20)\d\d)\s?[-–]\s?(?P<t2>(?:19|20)\d\d))"
    rf"|(?P<month>tháng\s+(?P<mo>\d{{1,2}}))(?:\s?[/-]\s?|\s+năm\s+)(?P<my>(?:19|20)\d\d)"
    # "công tác tháng 6", "nhiệm vụ tháng 8": a month of work, its year from the text around it.
    rf"|(?:(?<=công tác )|(?<=nhiệm vụ )|(?<=kết quả ))(?P<bare>tháng\s+(?P<bo>\d{{1,2}}))(?![\d/-]|\.\d)"
    rf"|(?P<year>năm\s+(?P<yy>(?:19|20)\d\d))(?![\d/-])",
    re.IGNORECASE,
)
# Words just before a period that make it the coming one, not the one under review.
# "tình hình thực hiện nhiệm vụ tháng 8" looks back, though "nhiệm vụ" alone looks ahead.
# "đánh giá tình hình thực hiện nhiệm vụ công tác năm 2017" looks back too.
_DONE_RE = re.compile(
    r"(?:thực hiện|kết quả)\s+(?:các\s+)?nhiệm vụ(?:\s+(?:công tác|chính trị|trọng tâm))?\s+$", re.IGNORECASE
)
_FORWARD_RE = re.compile(
    r"(?:triển khai|nhiệm vụ|phương hướng|kế hoạch|chương trình|đề ra)\s+(?:\S+\s+){0,3}$", re.IGNORECASE
)

# "sơ kết công tác xây dựng Đảng và nhiệm vụ chính trị 6 tháng đầu năm", "tổng kết …, Chương trình phối hợp
# năm 2023": a review that governs the period, with no turn to the coming one in between, looks back.
_REVIEW_RE = re.compile(
    r"(?:sơ kết|tổng kết|đánh giá|kiểm điểm)(?:(?!triển khai|phương hướng|đề ra)[^.;:\n]){0,90}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    text: str
    shape: str  # "Q1".."Q4", "H1", "H2", "9M", "Y", "TERM", "M06"
    year: int | None
    forward: bool  # named as the coming period ("triển khai nhiệm vụ quý 2")

    def code(self, year: int | None = None) -> str | None:
        chosen = self.year or year
        if self.shape.startswith("TERM"):
            return self.shape[4:]
        if chosen is None:
            return None
        if self.shape == "Y":
            return str(chosen)
        if self.shape.startswith("M"):
            return f"{chosen}-{self.shape[1:]}"
        return f"{chosen}-{self.shape}"

    def end_date(self, year: int | None = None) -> date | None:
        chosen = self.year or year
        if chosen is None or self.shape.startswith("TERM"):
            return None
        last = {
            "Q1": (3, 31),
            "Q2": (6, 30),
            "Q3": (9, 30),
            "Q4": (12, 31),
            "H1": (6, 30),
            "H2": (12, 31),
            "9M": (9, 30),
            "Y": (12, 31),
        }
        if self.shape.startswith("M"):
            month = int(self.shape[1:])
            nxt = date(chosen + 1, 1, 1) if month == 12 else date(chosen, month + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        month, day = last[self.shape]
        return date(chosen, month, day)


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[PeriodMention]:
    stop = len(text) if end is None else end
    return [p for p in _scan_periods(text) if start <= p.start and p.end <= stop]


@lru_cache(maxsize=2)
def _scan_periods(text: str) -> tuple[PeriodMention, ...]:
    found = []
    for match in _PERIOD_RE.finditer(text):
        year = match["y1"] or match["y2"] or match["y3"] or match["my"] or match["yy"]
        if match["quarter"]:
            shape = f"Q{_ROMAN[match['q'].lower()]}"
        elif match["half"]:
            shape = "H1" if match["which"].lower() == "đầu" else "H2"
        elif match["nine"]:
            shape = "9M"
        elif match["term"]:
            shape, year = f"TERM{match['t1']}-{match['t2']}", None
        elif match["month"] or match["bare"]:
            month = int(match["mo"] or match["bo"])
            if not 1 <= month <= 12:
                continue
            shape = f"M{month:02d}"
        else:
            shape = "Y"
        window = max(0, match.start() - 40)
        forward = (
            bool(_FORWARD_RE.search(text, window, match.start()))
            and not _DONE_RE.search(text, window, match.start())
            and not _REVIEW_RE.search(text, max(0, match.start() - 100), match.start())
        )
        found.append(
            PeriodMention(
                match.start(), match.end(), match.group(), shape, int(year) if year else None, forward
            )
        )
    return tuple(found)
