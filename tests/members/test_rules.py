"""Pure rules: months, probation, the badge calendar (no database)."""

from __future__ import annotations

import datetime as dt

from dangvu.members.rules import BADGE_RULE, add_months, adult_on, age_on

D = dt.date


def test_add_months_keeps_the_day_or_the_month_end() -> None:
    assert add_months(D(2020, 1, 31), 1) == D(2020, 2, 29)
    assert add_months(D(2019, 3, 1), 12) == D(2020, 3, 1)
    assert add_months(D(2020, 2, 29), -12) == D(2019, 2, 28)


def test_ages() -> None:
    assert adult_on(D(2000, 5, 5), D(2018, 5, 5)) and not adult_on(D(2000, 5, 5), D(2018, 5, 4))
    assert age_on(D(1960, 7, 1), D(2020, 6, 30)) == 59


def test_badge_presentation_dates_and_windows() -> None:
    assert BADGE_RULE.next_presentation(D(2026, 11, 8)) == D(2027, 2, 3)
    assert BADGE_RULE.next_presentation(D(2026, 9, 2)) == D(2026, 9, 2)
    assert BADGE_RULE.previous_presentation(D(2027, 2, 3)) == D(2026, 11, 7)
    assert BADGE_RULE.admission_window(30, D(2027, 2, 3)) == (D(1996, 11, 7), D(1997, 2, 3))
    assert BADGE_RULE.early_months(70, seriously_ill=True) == 24
    assert BADGE_RULE.early_months(40, seriously_ill=True) == 12
    assert BADGE_RULE.early_months(40) == 0
