"""The rules as data: the meeting rule on a cell's months, the rating regulations by year, quotas."""

from __future__ import annotations

import datetime as dt

from dangvu.activities.rules import (
    Facts,
    Grade,
    meeting_gaps,
    months_between,
    quota_excess,
    rating_problems,
    rules_for_year,
)


def test_months_between_counts_whole_months_only():
    assert months_between(dt.date(2024, 1, 15), dt.date(2024, 4, 30)) == [(2024, 2), (2024, 3), (2024, 4)]
    assert months_between(dt.date(2024, 12, 1), dt.date(2025, 1, 31)) == [(2024, 12), (2025, 1)]
    assert months_between(dt.date(2024, 3, 1), dt.date(2024, 3, 30)) == []


def test_meeting_gaps_month_and_quarter():
    months = [(2024, m) for m in range(1, 7)]
    regular = {(2024, m): 1 for m in (1, 2, 3, 4, 6)}
    thematic = {(2024, 2): 1}
    gaps = meeting_gaps(months, regular, thematic)
    assert gaps.months_missed == [(2024, 5)]
    assert gaps.quarters_missed == [(2024, 2)] and gaps.quarters_due == 2
    assert not gaps.ok
    partial = meeting_gaps(months[:2], {(2024, 1): 1, (2024, 2): 1}, {})
    assert partial.ok and partial.quarters_due == 0  # a quarter not wholly due asks no thematic meeting


def test_rule_sets_by_year():
    assert rules_for_year(2022) is None
    assert rules_for_year(2024).code == "124-QĐ/TW"
    assert rules_for_year(2025).code == "366-QĐ/TW" and rules_for_year(2030).code == "366-QĐ/TW"


def test_366_score_thresholds_and_conditions():
    r = rules_for_year(2025)
    good = Facts(score=92, tasks_on_time=100, tasks_exceeding=35)
    assert rating_problems(r, Grade.EXCELLENT, good) == []
    assert "cần từ 90 điểm" in rating_problems(r, Grade.EXCELLENT, Facts(score=85, tasks_on_time=100))[0]
    late = Facts(score=95, tasks_on_time=90, tasks_exceeding=40)
    assert any("đúng hạn" in p for p in rating_problems(r, Grade.GOOD, late))
    assert rating_problems(r, Grade.FULFILLED, late) == []
    assert rating_problems(r, Grade.FULFILLED, Facts(score=49, tasks_on_time=100)) != []
    assert "cần ghi số điểm" in rating_problems(r, Grade.GOOD, Facts())[0]
    disciplined = Facts(score=95, tasks_on_time=100, tasks_exceeding=50, disciplined=True)
    assert any("kỷ luật" in p for p in rating_problems(r, Grade.EXCELLENT, disciplined))
    # a lower grade than the score allows is the committee's call
    assert rating_problems(r, Grade.NOT_FULFILLED, good) == []


def test_124_has_no_score_and_a_member_condition():
    r = rules_for_year(2023)
    assert rating_problems(r, Grade.EXCELLENT, Facts()) == []
    member = Facts(disciplined=True, collective=False)
    assert rating_problems(r, Grade.GOOD, member) and not rating_problems(r, Grade.FULFILLED, member)


def test_quota_excess():
    r = rules_for_year(2025)
    assert quota_excess(r, {Grade.EXCELLENT: 2, Grade.GOOD: 8}) == []
    over = quota_excess(r, {Grade.EXCELLENT: 3, Grade.GOOD: 7, Grade.FULFILLED: 5})
    assert len(over) == 1 and "3/10 (30%)" in over[0]
