"""The kinds of conference, as data (no Django import), and which kind of period each one reviews.

Sơ kết (interim review) of a quarter, six or nine months; tổng kết (final review) of a year; giao ban
(routine briefing); hội nghị Ban Chấp hành mở rộng (enlarged executive committee meeting); họp Ban Chỉ đạo
(steering committee meeting); chuyên đề (thematic conference); and any other conference (hội nghị).
"""

from __future__ import annotations

from dataclasses import dataclass

from dangvu.core.periods import Period, PeriodKind


@dataclass(frozen=True)
class MeetingKind:
    code: str
    label: str
    reviews: PeriodKind | None  # the kind of period it reviews, if it must review one


MEETING_KINDS: tuple[MeetingKind, ...] = (
    MeetingKind("so_ket_quy", "Sơ kết quý", PeriodKind.QUARTER),
    MeetingKind("so_ket_6_thang", "Sơ kết 6 tháng", PeriodKind.HALF),
    MeetingKind("so_ket_9_thang", "Sơ kết 9 tháng", PeriodKind.NINE_MONTHS),
    MeetingKind("tong_ket_nam", "Tổng kết năm", PeriodKind.YEAR),
    MeetingKind("giao_ban", "Giao ban", None),
    MeetingKind("bch_mo_rong", "Hội nghị Ban Chấp hành mở rộng", None),
    MeetingKind("hop_ban_chi_dao", "Họp Ban Chỉ đạo", None),
    MeetingKind("chuyen_de", "Hội nghị chuyên đề", None),
    MeetingKind("hoi_nghi", "Hội nghị khác", None),
)
BY_CODE = {k.code: k for k in MEETING_KINDS}
# The text reader says only "so_ket"; the period decides which interim review it was.
_SO_KET_BY_PERIOD = {
    PeriodKind.QUARTER: "so_ket_quy",
    PeriodKind.HALF: "so_ket_6_thang",
    PeriodKind.NINE_MONTHS: "so_ket_9_thang",
    PeriodKind.YEAR: "tong_ket_nam",
}


def kind_choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in MEETING_KINDS]


def kind_from_reader(code: str | None, period: str | None) -> str:
    """The conference kind for the reader's kind ("so_ket", "giao_ban" …) and the period it found."""
    if code == "so_ket" and period:
        return _SO_KET_BY_PERIOD.get(Period.parse(period).kind, "hoi_nghi")
    if code == "tong_ket":
        return "tong_ket_nam"
    return code if code in BY_CODE else "hoi_nghi"


def period_problem(kind_code: str, period: str) -> str | None:
    """Why `period` does not fit the conference kind, or None. Raises DomainError for a malformed period."""
    kind = BY_CODE[kind_code]
    if not period:
        return f"{kind.label} cần kỳ sơ kết, tổng kết (ví dụ 2018-Q1)." if kind.reviews else None
    parsed = Period.parse(period)
    if kind.reviews and parsed.kind is not kind.reviews:
        return f"{kind.label} không xem xét kỳ «{period}» ({parsed.label})."
    return None
