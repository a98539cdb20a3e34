"""The event: kind, period, date (with or without its year), organiser and venue."""

from __future__ import annotations

import pytest

from dangvu.reader.reader import read_text


def _event(text: str) -> dict:
    return read_text(text)["event"]


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        ("Chiều ngày 14/4, Thành ủy tổ chức hội nghị giao ban với Đảng ủy các phường xã.", "giao_ban"),
        (
            "Sáng 10.7, Đảng ủy Khối tổ chức hội nghị Ban Chấp hành mở rộng để sơ kết 6 tháng đầu năm.",
            "so_ket",
        ),
        ("Ngày 28/12, Huyện ủy tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023.", "tong_ket"),
        (
            "Ngày 17/9, Ban Chỉ đạo xây dựng Đề án “Nâng cao chất lượng sơ kết” đã họp triển khai nhiệm vụ.",
            "hop_ban_chi_dao",
        ),
        ("Sáng 20/5, Thường trực Tỉnh ủy tổ chức hội nghị phó bí thư thường trực các huyện.", "hoi_nghi"),
    ],
)
def test_kind_from_the_lead(lead: str, kind: str) -> None:
    assert _event(lead)["kind"] == kind


def test_date_year_from_the_period_reviewed_elsewhere_in_the_text() -> None:
    text = (
        "Sơ kết quý 1\n\nNgày 6/4, Tỉnh ủy đã tổ chức hội nghị sơ kết công "
        "tác quý 1.\nQuý 1/2018, Ban chỉ đạo đã làm tốt."
    )
    event = _event(text)
    assert (event["date"], event["date_text"], event["period"], event["organiser"]) == (
        "2018-04-06",
        "Ngày 6/4",
        "2018-Q1",
        "Tỉnh ủy",
    )


def test_date_year_from_the_published_date_and_venue() -> None:
    text = (
        "Tiêu đề\nNgày: 11.07.2018\nSáng 10.7, tại hội trường Chi cục "
        "Quản lý thị trường, Đảng ủy Khối các cơ quan "
        "tỉnh đã tổ chức hội nghị để sơ kết 6 tháng đầu năm và đề ra chương trình 6 tháng cuối năm 2018."
    )
    event = _event(text)
    assert event["date"] == "2018-07-10" and event["period"] == "2018-H1"
    assert event["venue"] == "hội trường Chi cục Quản lý thị trường"
    assert event["organiser"] == "Đảng ủy Khối các cơ quan tỉnh"


def test_no_year_in_the_text_means_no_year() -> None:
    event = _event(
        "(Baohatinh.vn) - Sáng 20/5, Thường trực Tỉnh ủy tổ chức hội nghị. Nghị định 34/2019/NĐ-CP."
    )
    assert (event["date"], event["month"], event["day"], event["date_text"]) == (None, 5, 20, "Sáng 20/5")


def test_annual_review_in_january_belongs_to_the_next_year() -> None:
    event = _event("Ngày 15/1, Huyện ủy tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023.")
    assert (event["date"], event["period"]) == ("2024-01-15", "2023")


def test_organiser_named_with_a_quoted_project_and_by_do() -> None:
    text = (
        "Ngày 17/9, Ban Chỉ đạo thực hiện Đề án “Nâng cao năng lực, "
        "sức chiến đấu” đã họp triển khai nhiệm vụ."
    )
    assert _event(text)["organiser"] == "Ban Chỉ đạo thực hiện Đề án"
    assert _event("Sáng 3/3, hội nghị do Ban Tuyên giáo Tỉnh ủy tổ chức đã diễn ra.")["organiser"] == (
        "Ban Tuyên giáo Tỉnh ủy"
    )


def test_inspection_team_led_by_a_person() -> None:
    facts = read_text(
        "Ngày 05/01/2024, Đoàn kiểm tra số 3 của Ban Thường vụ Tỉnh ủy do đồng chí Trần Báu Hà, Ủy viên Ban "
        "Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy làm trưởng đoàn đã làm việc với Huyện ủy Lộc Hà."
    )
    assert facts["event"]["organiser"] == "Đoàn kiểm tra số 3 của Ban Thường vụ Tỉnh ủy"
    assert facts["event"]["kind"] == "kiem_tra" and facts["event"]["date"] == "2024-01-05"
    assert [c["name"] for c in facts["chairs"]] == ["Trần Báu Hà"]
    assert facts["chairs"][0]["positions"] == ["Ủy viên Ban Thường vụ", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy"]


def test_published_line_with_the_time_first_and_the_coming_period_gives_the_year() -> None:
    text = (
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh\nCập nhật: 10:35 | 22/07/2023\nSáng 21/7, Ban Chấp hành "
        "Đảng bộ tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023."
    )
    event = _event(text)
    assert (event["date"], event["period"]) == ("2023-07-21", "2023-H1")
    assert _event(text.replace("Cập nhật: 10:35 | 22/07/2023\n", ""))["period"] == "2023-H1"
