"""Tasks with their assignee and deadline, deadlines, and shortcomings."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.reader.limitations import find_limitations
from dangvu.reader.tasks import find_deadlines, find_tasks
from dangvu.reader.text import lines_of, sentences


def _tasks(text: str, when: date | None = None) -> list[dict[str, Any]]:
    paragraphs = lines_of(text)
    spans = [s for p in paragraphs for s in sentences(text, *p)]
    return find_tasks(text, paragraphs, spans, when)


def test_task_and_the_sentence_that_carries_it_on() -> None:
    text = (
        "Kết luận hội nghị, đồng chí Bí thư yêu cầu Văn phòng Tỉnh ủy tiếp thu các ý kiến, làm rõ hạn chế. "
        "Tích cực tham mưu cho Tỉnh ủy điều chỉnh quy chế./."
    )
    tasks = _tasks(text)
    assert [(t["assignee"], t["text"]) for t in tasks] == [
        ("Văn phòng Tỉnh ủy", "tiếp thu các ý kiến, làm rõ hạn chế"),
        ("Văn phòng Tỉnh ủy", "Tích cực tham mưu cho Tỉnh ủy điều chỉnh quy chế"),
    ]


def test_one_sentence_several_assignees() -> None:
    text = (
        "Đồng chí đề nghị Sở Kế hoạch và Đầu tư tham mưu đầu tư trụ sở các xã; các huyện lập danh mục đầu tư "
        "nhà văn hóa. Tiếp tục nghiên cứu xây dựng nghị quyết."
    )
    assert [(t["assignee"], t["text"]) for t in _tasks(text)] == [
        ("Sở Kế hoạch và Đầu tư", "tham mưu đầu tư trụ sở các xã"),
        ("các huyện", "lập danh mục đầu tư nhà văn hóa"),
    ]


def test_lead_unit_and_deadline() -> None:
    text = (
        "Đồng chí đề nghị Ban Tổ chức Huyện ủy chủ trì, phối hợp tham mưu kiện toàn cấp ủy, hoàn thành trước "
        "ngày 31/3/2024; giao Ủy ban Kiểm tra Huyện ủy xây dựng chương trình kiểm tra."
    )
    first, second = _tasks(text)
    assert first["assignee"] == "Ban Tổ chức Huyện ủy" and first["deadline"] == "2024-03-31"
    assert first["text"].startswith("chủ trì, phối hợp")
    assert second["assignee"] == "Ủy ban Kiểm tra Huyện ủy"


def test_generic_addressees_are_not_assignees() -> None:
    text = (
        "Phó Bí thư yêu cầu, các địa phương, đơn vị tiếp tục thực hiện hiệu quả Chỉ thị 05. "
        "Đề nghị các thành viên Ban Chỉ đạo tiếp tục triển khai nhiệm vụ. Đề nghị tỉnh sớm có hướng dẫn."
    )
    assert _tasks(text) == []


def test_deadline_with_its_task_and_year_from_the_event() -> None:
    text = (
        "các cấp ủy cần đẩy nhanh công tác kiểm tra, giám sát để hoàn "
        "thành công tác này trước 15/9; phong trào"
    )
    (deadline,) = find_deadlines(text, lines_of(text), date(2018, 7, 10))
    assert deadline["date"] == "2018-09-15"
    assert deadline["text"] == "hoàn thành công tác này trước 15/9"
    assert deadline["task"] == "các cấp ủy cần đẩy nhanh công tác kiểm tra, giám sát"


def test_anniversaries_are_not_deadlines() -> None:
    text = "chào mừng 65 năm Ngày Bác Hồ về thăm Hà Tĩnh (15/6/1957-15/6/2022)."
    assert find_deadlines(text, lines_of(text), date(2022, 4, 14)) == []


def _limitations(text: str) -> list[str]:
    return [item["text"] for item in find_limitations(text, lines_of(text))]


def test_shortcomings_announced_and_listed() -> None:
    text = (
        "Ban chỉ đạo chỉ rõ một số hạn chế cần khắc phục như: việc tham "
        "mưu xây dựng, ban hành Nghị quyết còn dài, "
        "nhiệm vụ phân cấp không rõ ràng; công tác phát triển đảng viên gặp nhiều khó khăn hay việc tham mưu "
        "các giải pháp chưa kịp thời."
    )
    assert _limitations(text) == [
        "việc tham mưu xây dựng, ban hành Nghị quyết còn dài",
        "nhiệm vụ phân cấp không rõ ràng",
        "công tác phát triển đảng viên gặp nhiều khó khăn",
        "việc tham mưu các giải pháp chưa kịp thời",
    ]


def test_shortcomings_after_however_and_in_a_following_sentence() -> None:
    text = (
        "Tuy nhiên, việc quán triệt nghị quyết còn nặng về truyền "
        "đạt, thiếu liên hệ thực tiễn; đội ngũ cán bộ "
        "đông nhưng chưa mạnh. Hiệu quả một số phong trào chưa cao… Tỉnh đã chỉ đạo khắc phục."
    )
    assert _limitations(text) == [
        "việc quán triệt nghị quyết còn nặng về truyền đạt, thiếu liên hệ thực tiễn",
        "đội ngũ cán bộ đông nhưng chưa mạnh",
        "Hiệu quả một số phong trào chưa cao",
    ]


def test_statements_without_an_announcement_are_not_listed() -> None:
    assert (
        _limitations("Bí thư nhận định, chất lượng sinh hoạt chi bộ còn yếu; phát triển đảng viên chậm.")
        == []
    )


def test_a_month_as_deadline_and_specific_assignees_after_a_generic_one() -> None:
    text = (
        "Đồng chí Bí thư yêu cầu các cấp ủy, tổ chức đảng tập trung lãnh đạo hoàn thành chỉ tiêu; "
        "Ban Tổ chức Tỉnh ủy hướng dẫn kiện toàn bộ máy, hoàn thành trong tháng 9/2023."
    )
    (task,) = _tasks(text)
    assert (task["assignee"], task["deadline"]) == ("Ban Tổ chức Tỉnh ủy", "2023-09-30")
