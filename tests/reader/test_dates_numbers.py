"""Dates, periods and numbers as Vietnamese texts write them."""

from __future__ import annotations

from datetime import date

import pytest

from dangvu.reader.dates import find_dates, infer_year, parse_full_date
from dangvu.reader.numbers import parse_number, qualifier_before
from dangvu.reader.periods import find_periods


@pytest.mark.parametrize(
    ("text", "day", "month", "year", "daypart"),
    [
        ("Ngày 6/4, Tỉnh ủy", 6, 4, None, None),
        ("Sáng 10.7, tại hội trường", 10, 7, None, "sáng"),
        ("Chiều ngày 14/4, Thành ủy", 14, 4, None, "chiều"),
        ("ban hành ngày 21/1/2021 của", 21, 1, 2021, None),
        ("Ngày 17 tháng 09 năm 2021", 17, 9, 2021, None),
        ("hoàn thành trước 15/9/2018", 15, 9, 2018, None),
        ("báo cáo trước 15/11.", 15, 11, None, None),
        ("Tối 2-9-2023, lễ kỷ niệm", 2, 9, 2023, "tối"),
    ],
)
def test_dates_as_written(text: str, day: int, month: int, year: int | None, daypart: str | None) -> None:
    (found,) = find_dates(text)
    assert (found.day, found.month, found.year, found.daypart) == (day, month, year, daypart)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text", ["đạt 16/35 đảng ủy", "tỷ lệ 3/5 chi bộ", "con số 10.7 triệu", "nhiệm kỳ 2020-2025"]
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_full_dates() -> None:
    assert parse_full_date("11.07.2018") == date(2018, 7, 11)
    assert parse_full_date("Ngày 17 tháng 09 năm 2021") == date(2021, 9, 17)
    assert parse_full_date("31/2/2021") is None


def test_year_from_the_published_date_or_the_period_reviewed() -> None:
    assert infer_year(7, 10, published=date(2018, 7, 11), period_end=None) == 2018
    assert infer_year(12, 28, published=date(2019, 1, 2), period_end=None) == 2018
    assert infer_year(4, 6, published=None, period_end=date(2018, 3, 31)) == 2018
    assert infer_year(1, 15, published=None, period_end=date(2018, 12, 31)) == 2019
    assert infer_year(12, 20, published=None, period_end=date(2018, 12, 31)) == 2018
    assert infer_year(5, 20, published=None, period_end=None) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Quý 1/2018", "2018-Q1"),
        ("quý I/2022", "2022-Q1"),
        ("quý IV năm 2023", "2023-Q4"),
        ("6 tháng đầu năm 2018", "2018-H1"),
        ("9 tháng đầu năm 2022", "2022-9M"),
        ("năm 2023", "2023"),
        ("nhiệm kỳ 2020-2025", "2020-2025"),
        ("tháng 6/2022", "2022-06"),
    ],
)
def test_periods(text: str, code: str) -> None:
    (found,) = find_periods(text)
    assert found.code() == code


def test_period_without_year_takes_one_and_coming_periods_are_marked() -> None:
    reviewed, coming = find_periods("sơ kết quý 1, triển khai nhiệm vụ quý 2")
    assert reviewed.code() is None and reviewed.code(2018) == "2018-Q1" and not reviewed.forward
    assert coming.forward


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.138", 4138),
        ("98.908", 98908),
        ("57", 57),
        ("12,5", 12.5),
        ("1.234,5", 1234.5),
        ("1.000.000", 1000000),
    ],
)
def test_numbers_with_vietnamese_separators(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("với gần 98.908", ("gần", "approximate")),
        ("khoảng 1.250", ("khoảng", "approximate")),
        ("hơn 300", ("hơn", "more_than")),
        ("có 300", (None, None)),
    ],
)
def test_qualifiers(text: str, expected: tuple[str | None, str | None]) -> None:
    number_at = next(i for i, ch in enumerate(text) if ch.isdigit())
    assert qualifier_before(text, number_at) == expected
