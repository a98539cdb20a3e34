import datetime as dt

import pytest

from dangvu.core.errors import DomainError
from dangvu.core.periods import Period, PeriodKind, term_of


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2018-Q1", dt.date(2018, 1, 1), dt.date(2018, 3, 31), "Quý 1 năm 2018"),
        ("2018-Q4", dt.date(2018, 10, 1), dt.date(2018, 12, 31), "Quý 4 năm 2018"),
        ("2018-H1", dt.date(2018, 1, 1), dt.date(2018, 6, 30), "6 tháng đầu năm 2018"),
        ("2018-H2", dt.date(2018, 7, 1), dt.date(2018, 12, 31), "6 tháng cuối năm 2018"),
        ("2018-9M", dt.date(2018, 1, 1), dt.date(2018, 9, 30), "9 tháng năm 2018"),
        ("2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31), "Năm 2018"),
        ("2020-2025", dt.date(2020, 1, 1), dt.date(2025, 12, 31), "Nhiệm kỳ 2020–2025"),
    ],
)
def test_periods_parse_and_know_their_days(text, start, end, label):
    p = Period.parse(text)
    assert (p.start, p.end, p.label, str(p)) == (start, end, label, text)


@pytest.mark.parametrize("bad", ["2018-Q5", "Q1-2018", "2018-H3", "2025-2020", "", "năm ngoái"])
def test_bad_periods_are_refused_in_vietnamese(bad):
    with pytest.raises(DomainError, match="không hợp lệ"):
        Period.parse(bad)


def test_same_period_last_year_and_enclosing_periods():
    q2 = Period.parse("2019-Q2")
    assert str(q2.predecessor()) == "2018-Q2"
    assert [str(p) for p in q2.enclosing()] == ["2019-H1", "2019-9M", "2019"]
    assert str(q2.to_date()) == "2019-H1"
    assert str(Period.parse("2019-Q3").to_date()) == "2019-9M"
    assert str(Period.parse("2020-2025").predecessor()) == "2015-2020"
    assert [str(q) for q in Period.parse("2019-H2").quarters()] == ["2019-Q3", "2019-Q4"]


def test_elapsed_fraction_and_terms():
    year = Period(2019, PeriodKind.YEAR)
    assert year.elapsed_fraction(dt.date(2018, 5, 1)) == 0.0
    assert year.elapsed_fraction(dt.date(2020, 1, 1)) == 1.0
    assert 0.49 < year.elapsed_fraction(dt.date(2019, 7, 1)) < 0.51
    assert str(term_of(dt.date(2023, 3, 1))) == "2020-2025"
    assert str(term_of(dt.date(2026, 3, 1))) == "2025-2030"
