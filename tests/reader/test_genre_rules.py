"""Rules added so the reader holds on articles of the genre it has not seen: other sites' page furniture,
dates written with dashes, leads that date the event late, organisers, kinds and periods, minority names,
positions and chairs in lists, counted nouns and shortcomings. Every text here is written for the test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dangvu.reader.dates import find_dates
from dangvu.reader.figures import find_figures
from dangvu.reader.limitations import find_limitations
from dangvu.reader.people import find_chairs, find_names, find_people
from dangvu.reader.reader import read_text
from dangvu.reader.text import lines_of, prepare, sentences


def _people(text: str) -> dict[str, list[str]]:
    return {m.name: m.positions for m in find_people(text, 0, len(text))}


def _chairs(text: str) -> list[str]:
    mentions = find_people(text, 0, len(text))
    return sorted(c.name for c in find_chairs(text, mentions, sentences(text, 0, len(text))))


def _values(text: str) -> list[tuple[Any, Any]]:
    return [(f["value"], f["of"]) for f in find_figures(text, 0, len(text), [])]


# Page furniture


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Thứ Tư, 12/03/2025, 09:15 [GMT+7]", date(2025, 3, 12)),
        ("16:40, Thứ Năm, 05/06/2025 (GMT+7)", date(2025, 6, 5)),
        ("Cập nhật lúc 07:05, Thứ Hai, 02/06/2025 (GMT+7)", date(2025, 6, 2)),
        ("Cập nhật ngày: 14/05/2025 10:30", date(2025, 5, 14)),
        ("Thứ Bảy, 07-06-2025, 06:00", date(2025, 6, 7)),
        ("08:20 21/04/2025", date(2025, 4, 21)),
    ],
)
def test_time_stamp_lines_give_the_published_date_and_no_facts(stamp: str, published: date) -> None:
    article = prepare(f".\nBanner\n{stamp}\nHuyện ủy giao ban quý I\nSáng 3/4, Huyện ủy họp giao ban.")
    assert article.title == "Huyện ủy giao ban quý I"
    assert article.published == published
    assert stamp not in article.body and "Banner" not in article.body


def test_a_picture_line_above_the_headline_is_not_the_headline() -> None:
    article = prepare(
        "Bí thư Huyện ủy phát biểu tại hội nghị.\n\nNâng chất lượng chi bộ thôn bản\n\nNgày 2/3, …"
    )
    assert article.title == "Nâng chất lượng chi bộ thôn bản"
    assert "phát biểu" not in article.body


def test_a_line_ending_like_a_clause_is_not_a_headline() -> None:
    assert prepare("Căn cứ Quy định số 12-QĐ/TU của Tỉnh ủy;\nNgày 4/5, Đảng ủy họp.").title is None


def test_captions_bylines_credits_related_links_and_repeated_paragraphs() -> None:
    text = (
        "Tiêu đề bài\n\nTRẦN VĂN BÌNH |\n\nSáng 2/6, Đảng ủy xã tổ chức hội nghị có 40 đảng viên dự.\n"
        "Các đại biểu dự hội nghị. Ảnh: T.B\n"
        ">> Xã kết nạp 9 đảng viên mới\n"
        "Hội nghị đã thảo luận sôi nổi về 12 chi bộ trực thuộc.\n"
        "Hội nghị đã thảo luận sôi nổi về 12 chi bộ trực thuộc.\n"
        "Thực hiện: Lan Anh - Minh Đức\n"
    )
    body = prepare(text).body
    assert "40 đảng viên" in body and body.count("12 chi bộ") == 1
    for furniture in ("TRẦN VĂN BÌNH", "Ảnh: T.B", "9 đảng viên", "Lan Anh"):
        assert furniture not in body


def test_eth_is_read_as_the_vietnamese_d_with_stroke() -> None:
    article = prepare("Tiêu đề\n\nÐảng ủy Khối tổ chức hội nghị.")
    assert "Đảng ủy Khối" in article.text and len(article.text) == len(
        "Tiêu đề\n\nÐảng ủy Khối tổ chức hội nghị."
    )


def test_source_tags_without_a_dash_and_in_the_headline() -> None:
    article = prepare('(ABC) Hội nghị giao ban khối đảng "*"\n\n(XYZ) Ngày 3/4, Huyện ủy tổ chức giao ban.')
    assert article.title == "Hội nghị giao ban khối đảng"
    assert "XYZ" not in article.body


# Dates and the lead


@pytest.mark.parametrize(
    ("text", "day_month"),
    [
        ("Sáng 16-7, Huyện ủy họp.", (16, 7)),
        ("Ngày 17 – 9, Thành ủy họp.", (17, 9)),
        ("ABC-Chiều 5/8/2024, Tỉnh ủy họp.", (5, 8)),
    ],
)
def test_dates_with_dashes_and_after_a_source_tag(text: str, day_month: tuple[int, int]) -> None:
    (mention,) = find_dates(text)
    assert (mention.day, mention.month, mention.led) == (*day_month, True)


def test_a_bare_dashed_day_month_is_not_a_date() -> None:
    assert find_dates("đạt tỷ số 16-7 sau trận") == []


def test_the_lead_skips_document_dates_and_cut_off_dates() -> None:
    text = (
        "Thực hiện Kế hoạch số 15-KH/ĐU ngày 20/01/2024 của Đảng ủy, tính đến ngày 30/3/2024 đã có 8 chi bộ, "
        "ngày 5/4/2024, tại hội trường xã, Đảng ủy xã tổ chức hội nghị sơ kết quý I/2024."
    )
    event = read_text(text)["event"]
    assert (event["date"], event["organiser"], event["venue"]) == (
        "2024-04-05",
        "Đảng ủy xã",
        "hội trường xã",
    )


def test_a_full_date_late_in_the_first_sentence_dates_the_event() -> None:
    text = (
        "Tiêu đề\n\n(ABC) - Kết luận của Bí thư Huyện ủy tại hội nghị sơ kết công tác Đảng, ngày 9-10-2024."
    )
    assert read_text(text)["event"]["date"] == "2024-10-09"


def test_the_year_of_a_dashed_lead_date_from_the_time_stamp() -> None:
    event = read_text("08:20 21/04/2025\nSáng 21-4, các đồng chí lãnh đạo Huyện ủy làm việc với xã.")["event"]
    assert event["date"] == "2025-04-21"


# Organiser, kind, period, venue


@pytest.mark.parametrize(
    ("lead", "organiser"),
    [
        ("Ngày 4/5, đồng chí Lê Văn An, Bí thư Huyện ủy chủ trì cuộc họp giao ban quý I/2024.", None),
        ("Sáng 4/5, Nguyễn Văn Bình, Phó Bí thư Huyện ủy đã làm việc với xã.", None),
        ("Ngày 4/5, Ban Tổ chức phối hợp cùng Văn phòng Huyện ủy tiến hành họp xét hồ sơ.", "Ban Tổ chức"),
        ("Ngày 4/5, Đảng ủy Khối vừa tổ chức hội nghị sơ kết.", "Đảng ủy Khối"),
    ],
)
def test_organiser_is_a_body_not_a_person(lead: str, organiser: str | None) -> None:
    assert read_text(lead)["event"]["organiser"] == organiser


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ngày 7/4/2025, Tỉnh ủy tổ chức hội nghị rút kinh nghiệm đại hội điểm cấp cơ sở.", "hoi_nghi"),
        (
            "Sáng 6/3, các đồng chí làm việc về kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ huyện.",
            "lam_viec",
        ),
        ("Sáng 25-1, Ban Tổ chức Huyện ủy tổ chức buổi gặp mặt cán bộ hưu trí.", "gap_mat"),
        ("Huyện kết nạp 30 đảng viên mới\n\nNăm 2024, huyện kết nạp được 30 đảng viên.", None),
        (
            "Chiều 9-7, Ban Chấp hành Đảng bộ Khối tổ chức hội nghị lần thứ 5. Đồng chí Lê Văn An chủ trì.\n"
            "Tại hội nghị, Đảng ủy Khối sơ kết công tác 6 tháng đầu năm 2024.",
            "so_ket",
        ),
    ],
)
def test_kind_of_the_event(text: str, kind: str | None) -> None:
    assert read_text(text)["event"]["kind"] == kind


@pytest.mark.parametrize(
    ("lead", "period"),
    [
        ("Sáng 15/4/2021, Đảng ủy Khối tổ chức Hội nghị lần thứ 4 Khóa X, nhiệm kỳ 2020-2025.", None),
        ("Ngày 20/12/2020, Huyện ủy tổ chức hội nghị tổng kết nhiệm kỳ 2015-2020.", "2015-2020"),
        ("Ngày 10/9/2018, Tỉnh ủy họp, tăng 3 tổ chức so với cuối năm 2017.", None),
    ],
)
def test_period_under_review(lead: str, period: str | None) -> None:
    assert read_text(lead)["event"]["period"] == period


def test_venue_with_an_abbreviated_town() -> None:
    event = read_text("Ngày 1/7/2024, tại TP. Đông Hà (Quảng Trị), Cụm thi đua tổ chức hội nghị sơ kết.")[
        "event"
    ]
    assert event["venue"] == "TP. Đông Hà (Quảng Trị)"


# Names, positions, chairs


@pytest.mark.parametrize(
    "name", ["Sơn Minh Tâm", "Danh Văn Út", "H'Lan Niê", "Y Kông Mlô", "Rmah Hồng Hà", "Ksor Thu Ba"]
)
def test_khmer_and_central_highlands_names(name: str) -> None:
    text = f"đồng chí {name}, Bí thư Đảng ủy xã"
    assert [n for _, _, n in find_names(text, 0, len(text))] == [name]


def test_positions_with_a_spelled_out_abbreviation_an_ellipsis_and_a_semicolon() -> None:
    people = _people(
        "có đồng chí Lê Văn An, Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra (UBKT) Huyện ủy; "
        "Phó Chủ tịch HĐND huyện; Trần Thị Bình, Phó Bí thư Huyện ủy…Hội nghị đã nghe báo cáo."
    )
    assert people == {
        "Lê Văn An": [
            "Ủy viên Ban Thường vụ",
            "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy",
            "Phó Chủ tịch HĐND huyện",
        ],
        "Trần Thị Bình": ["Phó Bí thư Huyện ủy"],
    }


def test_abbreviated_central_committee_member_and_inspector() -> None:
    people = _people(
        "Đồng chí Lê Thị Hoa, UVT.Ư Đảng, Bí thư Tỉnh ủy dự. Đ/c Phan Văn Cường - Chánh Thanh tra tỉnh"
    )
    assert people == {
        "Lê Thị Hoa": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"],
        "Phan Văn Cường": ["Chánh Thanh tra tỉnh"],
    }


@pytest.mark.parametrize(
    ("text", "chairs"),
    [
        ("Đồng chí Lê Văn An, Bí thư Huyện ủy đã chủ trì hội nghị.", ["Lê Văn An"]),
        ("Đồng chí Lê Văn An, Bí thư Huyện ủy dự và chủ trì hội nghị.", ["Lê Văn An"]),
        (
            "Ngày 2/6, các đồng chí: Lê Văn An, Phó trưởng Ban Tổ chức Tỉnh ủy; "
            "Trần Văn Bình, Bí thư Huyện ủy đồng chủ trì hội nghị.",
            ["Lê Văn An", "Trần Văn Bình"],
        ),
        (
            "Các đồng chí Lê Văn An, Phó Bí thư Huyện ủy, Trần Văn Bình, Chủ tịch UBND huyện "
            "chủ trì cuộc họp.",
            ["Lê Văn An", "Trần Văn Bình"],
        ),
        (
            "Dự có đồng chí Lê Văn An, Phó Bí thư Huyện ủy, Trần Văn Bình, Chủ tịch UBND huyện "
            "chủ trì cuộc họp.",
            ["Trần Văn Bình"],
        ),
    ],
)
def test_chairs_after_auxiliaries_and_in_lists(text: str, chairs: list[str]) -> None:
    assert _chairs(text) == chairs


# Figures and shortcomings


def test_counts_with_abbreviated_and_capitalised_nouns() -> None:
    text = (
        "Đảng bộ Công an kết nạp 21 ĐV mới; toàn tỉnh có 386 Đảng bộ cơ sở, 73 chi, đảng bộ trực thuộc, "
        "xét 16 hồ sơ, lập 14 đoàn công tác, đạt 925/962 ấp, khu phố có cấp ủy, có tổng số 5.356 đảng viên."
    )
    assert _values(text) == [
        (21, None),
        (386, None),
        (73, None),
        (16, None),
        (14, None),
        (925, 962),
        (5356, None),
    ]


def test_a_numbered_thing_is_still_not_a_count() -> None:
    assert _values("theo Kế hoạch số 12 đảng viên phải") == []


def test_shortcomings_after_nhat_la() -> None:
    text = (
        "Công tác phát triển đảng vẫn còn một số hạn chế, "
        "nhất là phát triển đảng viên trong doanh nghiệp tư nhân."
    )
    found = [f["text"] for f in find_limitations(text, lines_of(text))]
    assert found == ["phát triển đảng viên trong doanh nghiệp tư nhân"]


def test_a_difficulty_someone_mentions_is_not_a_listed_shortcoming() -> None:
    text = "Việc tạo nguồn gặp rất nhiều khó khăn, đặc biệt là ở vùng giáo."
    assert find_limitations(text, lines_of(text)) == []


def test_alternate_member_is_a_title_not_attending() -> None:
    people = _people(
        "Sáng 3-9, ông Phan Văn Khoa - Ủy viên dự khuyết Trung ương Đảng, Bí thư Tỉnh ủy chủ trì."
    )
    assert people == {"Phan Văn Khoa": ["Ủy viên dự khuyết Trung ương Đảng", "Bí thư Tỉnh ủy"]}
