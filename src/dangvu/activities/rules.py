"""The rules activities are checked against, as versioned data (no Django import).

- Cell meetings (sinh hoạt chi bộ): Hướng dẫn 12-HD/BTCTW (2018) asks every cell for a regular meeting
  (sinh hoạt thường kỳ) each month and a thematic one (sinh hoạt chuyên đề) at least once a quarter.
  `MEETING_RULES` keeps that as data; `meeting_gaps` applies it to one cell's meetings.
- Annual quality rating (đánh giá, xếp loại chất lượng): four grades, from HTXSNV (hoàn thành xuất sắc
  nhiệm vụ, excellent) through HTTNV (hoàn thành tốt, good) and HTNV (hoàn thành, fulfilled) to KHTNV
  (không hoàn thành, not fulfilled). Quy định 124-QĐ/TW (2023) rated by criteria; 366-QĐ/TW (2025) adds a
  100-point score with thresholds and conditions. Each `RatingRules` is one regulation with the years it
  applies to; `rating_problems` says why a grade is higher than the facts allow. Where the reference
  marks a rule as not verified against the text (the quota), the rule set says so in `note`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Grade(StrEnum):
    EXCELLENT = "htxsnv"
    GOOD = "httnv"
    FULFILLED = "htnv"
    NOT_FULFILLED = "khtnv"

    @property
    def label(self) -> str:
        return GRADE_LABELS[self]

    @property
    def rank(self) -> int:
        """3 for the top grade down to 0."""
        return len(GRADES) - 1 - GRADES.index(self)


GRADES = [Grade.EXCELLENT, Grade.GOOD, Grade.FULFILLED, Grade.NOT_FULFILLED]
GRADE_LABELS = {
    Grade.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "Hoàn thành tốt nhiệm vụ",
    Grade.FULFILLED: "Hoàn thành nhiệm vụ",
    Grade.NOT_FULFILLED: "Không hoàn thành nhiệm vụ",
}


# --- cell meetings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRule:
    code: str
    valid_from: dt.date
    regular_per_month: int = 1
    thematic_per_quarter: int = 1


MEETING_RULES = [MeetingRule("12-HD/BTCTW", dt.date(2018, 7, 6))]


def meeting_rule_on(day: dt.date) -> MeetingRule:
    """The rule in force on `day` (the earliest one also covers the days before it)."""
    found = [r for r in MEETING_RULES if r.valid_from <= day]
    return max(found, key=lambda r: r.valid_from) if found else MEETING_RULES[0]


def months_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month whose first and last days lie within [start, end]."""
    out: list[tuple[int, int]] = []
    y, m = start.year, start.month
    if start.day != 1:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    while True:
        nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
        if nxt - dt.timedelta(days=1) > end:
            return out
        out.append((y, m))
        y, m = nxt.year, nxt.month


@dataclass
class MeetingGaps:
    """Months without the regular meetings the rule asks for, and quarters without a thematic one."""

    months_due: int = 0
    months_missed: list[tuple[int, int]] = field(default_factory=list)
    quarters_due: int = 0
    quarters_missed: list[tuple[int, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.months_missed and not self.quarters_missed


def meeting_gaps(
    months: Iterable[tuple[int, int]],
    regular: dict[tuple[int, int], int],
    thematic: dict[tuple[int, int], int],
) -> MeetingGaps:
    """Apply the rule to one cell: `months` are the months it was due to meet (whole months of its life
    within the period, already ended); `regular` / `thematic` count its meetings by (year, month).
    A quarter is due when all three of its months are due."""
    gaps = MeetingGaps()
    due = sorted(set(months))
    by_quarter: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for y, m in due:
        rule = meeting_rule_on(dt.date(y, m, 1))
        gaps.months_due += 1
        if regular.get((y, m), 0) < rule.regular_per_month:
            gaps.months_missed.append((y, m))
        by_quarter.setdefault((y, (m - 1) // 3 + 1), []).append((y, m))
    for (y, q), ms in sorted(by_quarter.items()):
        if len(ms) < 3:
            continue
        gaps.quarters_due += 1
        rule = meeting_rule_on(dt.date(y, 3 * q - 2, 1))
        if sum(thematic.get(k, 0) for k in ms) < rule.thematic_per_quarter:
            gaps.quarters_missed.append((y, q))
    return gaps


# --- quality ratings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a grade is checked against. Shares are percents (0–100); None: not given."""

    score: float | None = None
    tasks_on_time: float | None = None  # share of tasks done on time
    tasks_exceeding: float | None = None  # share of tasks done beyond what was required
    disciplined: bool = False  # the collective, or the member, was disciplined in the year
    collective: bool = True  # an organisation (True) or a member (False)


@dataclass(frozen=True)
class Condition:
    """`grade` (or any higher one) needs `fact` `op` `value`; `collective` None applies to both."""

    grade: Grade
    fact: str
    op: str  # ">=", "<=", "=="
    value: float | bool
    text: str
    collective: bool | None = None

    def holds(self, facts: Facts) -> bool | None:
        """True / False, or None when the fact was not given."""
        v = getattr(facts, self.fact)
        if v is None:
            return None
        if self.op == ">=":
            return bool(v >= self.value)
        if self.op == "<=":
            return bool(v <= self.value)
        return bool(v == self.value)


@dataclass(frozen=True)
class Quota:
    """At most `max_percent` of the units (or members) a committee rates may get `grade`, counted against
    those rated `of_grade` or higher."""

    grade: Grade
    of_grade: Grade
    max_percent: float
    source: str


@dataclass(frozen=True)
class RatingRules:
    code: str
    title: str
    first_year: int
    last_year: int | None
    score_max: float | None = None  # None: no score (grades by criteria)
    thresholds: dict[Grade, float] = field(default_factory=dict)  # lowest score for the grade
    conditions: tuple[Condition, ...] = ()
    quotas: tuple[Quota, ...] = ()
    note: str = ""

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


_QUOTA_21 = Quota(Grade.EXCELLENT, Grade.GOOD, 20.0, "21-HD/BTCTW (2019), chưa đối chiếu văn bản mới")

RATING_RULES: list[RatingRules] = [
    RatingRules(
        code="124-QĐ/TW",
        title="Quy định 124-QĐ/TW ngày 04/10/2023 về kiểm điểm, đánh giá, xếp loại chất lượng",
        first_year=2023,
        last_year=2024,
        conditions=(
            Condition(Grade.EXCELLENT, "disciplined", "==", False, "không bị kỷ luật trong năm"),
            Condition(Grade.GOOD, "disciplined", "==", False, "không bị kỷ luật trong năm", collective=False),
        ),
        quotas=(_QUOTA_21,),
        note="Xếp loại theo tiêu chí, không chấm điểm. Tỷ lệ xuất sắc theo 21-HD/BTCTW: chưa kiểm chứng.",
    ),
    RatingRules(
        code="366-QĐ/TW",
        title="Quy định 366-QĐ/TW ngày 30/8/2025 về kiểm điểm, đánh giá, xếp loại chất lượng",
        first_year=2025,
        last_year=None,
        score_max=100.0,
        thresholds={Grade.EXCELLENT: 90.0, Grade.GOOD: 70.0, Grade.FULFILLED: 50.0, Grade.NOT_FULFILLED: 0.0},
        conditions=(
            Condition(Grade.EXCELLENT, "tasks_on_time", ">=", 100.0, "100% nhiệm vụ hoàn thành đúng hạn"),
            Condition(Grade.EXCELLENT, "tasks_exceeding", ">=", 30.0, "ít nhất 30% nhiệm vụ vượt yêu cầu"),
            Condition(Grade.EXCELLENT, "disciplined", "==", False, "không bị kỷ luật trong năm"),
            Condition(Grade.GOOD, "tasks_on_time", ">=", 100.0, "100% nhiệm vụ hoàn thành đúng hạn"),
            Condition(
                Grade.FULFILLED,
                "tasks_on_time",
                ">=",
                80.0,
                "không quá 20% nhiệm vụ quá hạn",
                collective=True,
            ),
        ),
        quotas=(_QUOTA_21,),
        note="100 điểm = 30 điểm chung + 70 điểm kết quả nhiệm vụ. "
        "Tỷ lệ xuất sắc của 366: chưa tìm được văn bản.",
    ),
]


def rules_for_year(year: int) -> RatingRules | None:
    """The regulation in force for ratings of `year`; None before the first one kept here."""
    return next((r for r in RATING_RULES if r.applies_to(year)), None)


def rating_problems(rules: RatingRules | None, grade: Grade, facts: Facts) -> list[str]:
    """Why `grade` is not allowed by `rules` for these facts (empty: allowed). Only what the facts rule out
    is refused: a lower grade than the score allows is the committee's call."""
    if rules is None:
        return []
    problems: list[str] = []
    if rules.score_max is not None:
        if facts.score is None:
            return [f"{rules.code} chấm điểm: cần ghi số điểm (tối đa {rules.score_max:g})."]
        if not 0 <= facts.score <= rules.score_max:
            return [f"Điểm {facts.score:g} ngoài thang 0–{rules.score_max:g} của {rules.code}."]
        floor = rules.thresholds.get(grade, 0.0)
        if facts.score < floor:
            problems.append(
                f"{grade.label} cần từ {floor:g} điểm trở lên ({rules.code}); mới đạt {facts.score:g}."
            )
    for c in rules.conditions:
        if c.collective is not None and c.collective != facts.collective:
            continue
        if grade.rank < c.grade.rank:
            continue
        held = c.holds(facts)
        if held is False:
            problems.append(f"{grade.label} cần {c.text} ({rules.code}).")
        elif held is None and c.fact != "disciplined":
            problems.append(f"{grade.label} cần {c.text} ({rules.code}): chưa ghi số liệu.")
    return problems


def quota_excess(rules: RatingRules | None, counts: dict[Grade, int]) -> list[str]:
    """Quotas the decided grades of one committee's year exceed (`counts`: how many got each grade)."""
    if rules is None:
        return []
    out: list[str] = []
    for q in rules.quotas:
        base = sum(n for g, n in counts.items() if g.rank >= q.of_grade.rank)
        top = counts.get(q.grade, 0)
        if base and 100.0 * top / base > q.max_percent:
            out.append(
                f"{top}/{base} ({100.0 * top / base:.0f}%) {q.grade.label.lower()}: vượt {q.max_percent:g}% "
                f"số {q.of_grade.label.lower()} trở lên ({q.source})."
            )
    return out
