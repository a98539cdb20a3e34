import datetime as dt

import pytest

from dangvu.core.dates import is_valid_on, parse_date
from dangvu.core.errors import DomainError
from dangvu.core.text import fold, vn_number


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Thạch Hà", "thach ha"),
        ("THẠCH  HÀ ", "thach ha"),
        ("Đức Thọ", "duc tho"),
        ("đảng bộ\txã Thạch Long", "dang bo xa thach long"),
        ("", ""),
    ],
)
def test_fold_strips_accents_case_and_spaces(text, folded):
    assert fold(text) == folded


def test_fold_of_decomposed_text_equals_composed():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Hương Khê")) == fold("Hương Khê") == "huong khe"


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0"), (999, "999"), (4138, "4.138"), (98908, "98.908"), (5_600_000, "5.600.000")]
)
def test_vn_number_uses_dots_between_thousands(n, text):
    assert vn_number(n) == text


def test_parse_date_accepts_iso_and_vietnamese_order():
    assert parse_date("2025-07-01") == dt.date(2025, 7, 1)
    assert parse_date(" 01/07/2025 ") == dt.date(2025, 7, 1)


@pytest.mark.parametrize("bad", ["2025-02-30", "hôm qua", "", "2025/07/01"])
def test_parse_date_refuses_in_vietnamese_naming_the_field(bad):
    with pytest.raises(DomainError) as e:
        parse_date(bad, field="ngày xem")
    assert e.value.field == "ngày xem"
    assert "Ngày xem không hợp lệ" in e.value.message


def test_validity_end_is_exclusive():
    start, end = dt.date(2020, 1, 1), dt.date(2021, 1, 1)
    assert is_valid_on(start, end, start)
    assert is_valid_on(start, end, dt.date(2020, 12, 31))
    assert not is_valid_on(start, end, end)
    assert not is_valid_on(start, end, dt.date(2019, 12, 31))
    assert is_valid_on(start, None, dt.date(2999, 1, 1))
