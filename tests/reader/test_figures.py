"""Figures: percentages, coverage and counts, with their indicator and qualifiers."""

from __future__ import annotations

from typing import Any

from dangvu.reader.figures import find_figures


def _figures(text: str, taken: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    return find_figures(text, 0, len(text), taken or [])


def test_percent_of_plan_with_the_indicator_before_it() -> None:
    (figure,) = _figures(
        "cấp ủy nắm bắt tốt; phát triển đảng viên mới đạt 57% chỉ tiêu kế hoạch; công tác khác"
    )
    assert (figure["value"], figure["unit"], figure["of"]) == (57, "%", None)
    assert figure["indicator"] == "phát triển đảng viên mới"
    assert figure["text"] == "phát triển đảng viên mới đạt 57% chỉ tiêu kế hoạch"


def test_target_with_a_forecast() -> None:
    text = (
        "Bí thư nhận định, chỉ tiêu Đại hội 95% tổ chức đảng đạt trong sạch, vững mạnh năm nay có khả năng "
        "tiếp tục không đạt; chất lượng"
    )
    (figure,) = _figures(text)
    assert figure["value"] == 95 and figure["is_target"]
    assert figure["forecast"] == "có khả năng tiếp tục không đạt"
    assert figure["indicator"].startswith("tổ chức đảng trong sạch")


def test_coverage_x_of_y_with_what_it_speaks_of() -> None:
    text = "còn 16/35 đảng ủy, 17/32 chi bộ  chưa thực hiện công tác kiểm tra, giám sát, một số cuộc kiểm tra"
    first, second = _figures(text)
    assert (first["value"], first["of"], first["unit"]) == (16, 35, "đảng ủy")
    assert (second["value"], second["of"], second["unit"]) == (17, 32, "chi bộ")
    assert first["indicator"] == second["indicator"] == "chưa thực hiện công tác kiểm tra, giám sát"


def test_counts_with_vietnamese_separators_and_approximation() -> None:
    text = (
        "Hà Tĩnh hiện có 17 đảng bộ trực thuộc, 722 tổ chức cơ sở "
        "đảng, 4.138 chi bộ, với gần 98.908 đảng viên."
    )
    figures = _figures(text)
    assert [f["value"] for f in figures] == [17, 722, 4138, 98908]
    assert figures[-1]["approximate"] and figures[-1]["text"] == "gần 98.908 đảng viên"
    assert figures[2]["indicator"] == "số chi bộ"


def test_durations_ordinals_years_and_taken_spans_are_not_figures() -> None:
    text = (
        "kỷ niệm 65 năm Ngày Bác Hồ về thăm, 15 năm thành lập, Hội "
        "nghị lần thứ 6, Covid -19, quý 1/2018, 6 tháng"
    )
    assert _figures(text) == []
    assert _figures("theo 12 đảng viên", taken=[(5, 7)]) == []


def test_decimal_percent() -> None:
    (figure,) = _figures("có 95,5% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ")
    assert figure["value"] == 95.5


def test_estimates_and_money() -> None:
    growth, budget_share, budget = _figures(
        "tăng trưởng kinh tế ước đạt 7,5%; thu ngân sách trên địa bàn đạt 5.200 tỷ đồng, bằng 65% dự toán."
    )
    assert growth["approximate"] and growth["indicator"] == "tăng trưởng kinh tế"
    assert (budget["value"], budget["unit"], budget["indicator"]) == (
        5200,
        "tỷ đồng",
        "thu ngân sách trên địa bàn",
    )
    assert budget_share["value"] == 65 and budget_share["of_target"]
