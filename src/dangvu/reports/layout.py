"""The Party document layout as data, versioned by date, and the header words of a report (no Django import).

`LAYOUT_RULES` holds each version of the layout rules with the day it took effect: Hướng dẫn 36-HD/VPTW
(3/4/2018) and, from 9/1/2026, Quy định 399-QĐ/TW with its guidance (Hướng dẫn 05-HD/VPTW as cited by
secondary sources: same page and sizes; the last recipient line "- Lưu …" without "VT", the body ends
with "." instead of "./."). `rules_on(day)` gives the version in force. Facts and their sources:
`../shared/reference/report-layout.md`; a clerk checks the 2026 version against the official text.

`issuer_for` derives the header block from a unit's kind and name ("Đảng bộ huyện Thạch Hà" → superior
"ĐẢNG BỘ TỈNH …", issuing body "HUYỆN ỦY THẠCH HÀ", symbol issuer "HU"); each unit may override it
(`models.ReportSettings`), since whether a Tỉnh ủy writes one line or two was not verified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangvu.core.periods import Period, PeriodKind


@dataclass(frozen=True)
class LayoutRules:
    code: str
    valid_from: dt.date
    basis: str
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    font: str = "Times New Roman"
    heading_pt: float = 15  # "ĐẢNG CỘNG SẢN VIỆT NAM"
    body_pt: float = 14
    type_pt: float = 16  # "BÁO CÁO"
    recipients_pt: float = 12
    first_line_indent_mm: float = 10
    line_spacing_pt: float = 19
    end_mark: str = "./."
    archive_line: str = "- Lưu Văn phòng {body_title}."
    checked: bool = True  # False: taken from secondary sources, to be checked against the official text


LAYOUT_RULES: tuple[LayoutRules, ...] = (
    LayoutRules(
        code="HD36-2018",
        valid_from=dt.date(2018, 4, 3),
        basis="Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng",
        margins_mm=(20, 20, 30, 15),
    ),
    LayoutRules(
        code="HD05-2026",
        valid_from=dt.date(2026, 1, 9),
        basis="Quy định 399-QĐ/TW ngày 09/01/2026; Hướng dẫn 05-HD/VPTW (chưa đối chiếu bản chính)",
        margins_mm=(20, 20, 30, 15),
        end_mark=".",
        archive_line="- Lưu {body_title}.",
        checked=False,
    ),
)


def rules_on(day: dt.date) -> LayoutRules:
    """The layout rules in force on `day` (the earliest version for a day before all of them)."""
    found = [r for r in LAYOUT_RULES if r.valid_from <= day]
    return found[-1] if found else LAYOUT_RULES[0]


def rules_by_code(code: str) -> LayoutRules:
    return next(r for r in LAYOUT_RULES if r.code == code)


@dataclass(frozen=True)
class Issuer:
    superior: str  # the directly superior body, upper case ("" when none is written)
    body: str  # the issuing body, upper case
    symbol_issuer: str  # TU, HU, ĐU, ĐUK, CB …
    place: str  # the place in the date line
    authority: str  # "T/M BAN THƯỜNG VỤ"
    signer_title: str  # "PHÓ BÍ THƯ"
    body_title: str  # the body in running text: "Tỉnh ủy", "Đảng ủy"


# Words after "Đảng bộ" → (the committee's word, its symbol code, signs for a standing committee?)
_COMMITTEES: tuple[tuple[str, str, str, bool], ...] = (
    ("tỉnh ", "Tỉnh ủy", "TU", True),
    ("thành phố ", "Thành ủy", "TU", True),
    ("thị xã ", "Thị ủy", "TU", True),
    ("huyện ", "Huyện ủy", "HU", True),
    ("khối ", "Đảng ủy Khối", "ĐUK", True),
)


def upper(text: str) -> str:
    return text.upper()


def committee_name(name: str) -> tuple[str, str, str, bool, str]:
    """(the committee's name, its word in running text, symbol code, standing committee?, place)."""
    rest = name.removeprefix("Đảng bộ ").strip()
    if rest == name.strip():  # a cell: "Chi bộ …"
        return name, "Chi bộ", "CB", False, name.removeprefix("Chi bộ ").strip()
    low = rest[:1].lower() + rest[1:]
    for prefix, word, code, standing in _COMMITTEES:
        if low.startswith(prefix):
            place = rest[len(prefix) :].strip()
            return f"{word} {place}", word, code, standing, place
    for prefix in ("xã ", "phường ", "thị trấn ", "đặc khu "):
        if low.startswith(prefix):
            return f"Đảng ủy {low}", "Đảng ủy", "ĐU", False, rest[len(prefix) :].strip()
    return f"Đảng ủy {rest}", "Đảng ủy", "ĐU", False, rest


def issuer_for(name: str, kind: str, parent_name: str | None, province_place: str | None) -> Issuer:
    """The header words of a unit's report, derived from its kind and name (see the module docstring).

    A Tỉnh ủy writes its own name on one line; every other body writes its superior above it.
    The place in the date line is the unit's own place, or the province's for a bloc or a cell."""
    committee, word, code, standing, place = committee_name(name)
    superior = "" if kind == "provincial" else upper(parent_name or "")
    if code in ("ĐUK", "CB") or not place:
        place = province_place or place
    if code == "CB":
        return Issuer(superior, upper(committee), code, place, "T/M CHI BỘ", "BÍ THƯ", word)
    authority = "T/M BAN THƯỜNG VỤ" if standing else "T/M ĐẢNG ỦY"
    title = "PHÓ BÍ THƯ" if kind == "provincial" else "BÍ THƯ"
    return Issuer(superior, upper(committee), code, place, authority, title, word)


def number_symbol(number: int | None, type_code: str, issuer: str) -> str:
    """'Số 07-BC/TU'; a draft without a number leaves the blank a clerk fills in: 'Số    -BC/TU'."""
    n = f"{number:02d}" if number else "\u00a0" * 4
    return f"Số {n}-{type_code}/{issuer}"


def date_line(place: str, day: dt.date) -> str:
    """'Hà Lam, ngày 03 tháng 4 năm 2018': a leading zero for days under 10 and for months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_words(period: Period) -> str:
    """The period as a report's summary line says it: 'năm 2019', '6 tháng đầu năm 2019', 'quý I năm 2019'."""
    if period.kind is PeriodKind.YEAR:
        return f"năm {period.year}"
    if period.kind is PeriodKind.HALF:
        return f"6 tháng {'đầu' if period.index == 1 else 'cuối'} năm {period.year}"
    if period.kind is PeriodKind.NINE_MONTHS:
        return f"9 tháng đầu năm {period.year}"
    if period.kind is PeriodKind.QUARTER:
        return f"quý {_ROMAN[period.index]} năm {period.year}"
    return f"nhiệm kỳ {period.year} - {period.index}"


def next_period_words(period: Period) -> str:
    """What the second half of the summary line looks ahead to."""
    if period.kind is PeriodKind.YEAR:
        return f"năm {period.year + 1}"
    if period.kind is PeriodKind.HALF:
        return "6 tháng cuối năm" if period.index == 1 else f"6 tháng đầu năm {period.year + 1}"
    if period.kind is PeriodKind.NINE_MONTHS:
        return f"3 tháng cuối năm {period.year}"
    if period.kind is PeriodKind.QUARTER:
        return f"quý {_ROMAN[period.index + 1]} năm {period.year}" if period.index < 4 else "quý I năm sau"
    length = period.index - period.year
    return f"nhiệm kỳ {period.index} - {period.index + length}"


def summary_line(period: Period) -> str:
    """'tổng kết công tác xây dựng Đảng năm 2019; phương hướng, nhiệm vụ năm 2020'."""
    review = "tổng kết" if period.kind in (PeriodKind.YEAR, PeriodKind.TERM) else "sơ kết"
    return (
        f"{review} công tác xây dựng Đảng {period_words(period)}; "
        f"phương hướng, nhiệm vụ {next_period_words(period)}"
    )
