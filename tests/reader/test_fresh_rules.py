"""Rules added for conclusions and assignments: each on a sentence written for the test."""

from __future__ import annotations

from dangvu.reader.limitations import find_limitations
from dangvu.reader.people import find_people
from dangvu.reader.periods import find_periods
from dangvu.reader.reader import read_text
from dangvu.reader.scoring import score_corpus


def test_a_colon_after_the_trigger_and_a_list_going_on_unit_by_unit():
    text = (
        "Kết luận buổi họp, đồng chí Phó Bí thư yêu cầu: "
        "Ban Dân vận Huyện ủy xây dựng kế hoạch gặp mặt già làng; "
        "Ban cán sự đảng UBND huyện bố trí kinh phí sửa chữa nhà văn hóa.\n"
        "Văn phòng Huyện ủy chuẩn bị tài liệu hội nghị. Đảng bộ xã Tân Lập rà soát danh sách hộ nghèo.\n"
        "Năm nay Văn phòng Huyện ủy tổ chức nhiều hội thảo.\n"
    )
    tasks = [(t["assignee"], t["text"]) for t in read_text(text)["tasks"]]
    assert tasks == [
        ("Ban Dân vận Huyện ủy", "xây dựng kế hoạch gặp mặt già làng"),
        ("Ban cán sự đảng UBND huyện", "bố trí kinh phí sửa chữa nhà văn hóa"),
        ("Văn phòng Huyện ủy", "chuẩn bị tài liệu hội nghị"),
        ("Đảng bộ xã Tân Lập", "rà soát danh sách hộ nghèo"),
    ]  # the last line reports what was done, after a paragraph with no task: not a task


def test_a_report_opening_with_a_unit_is_not_a_task_without_a_list_before_it():
    text = "Hội nghị diễn ra sáng 5/6.\nVăn phòng Huyện ủy tổ chức nhiều hội thảo trong quý.\n"
    assert read_text(text)["tasks"] == []


def test_agencies_and_departments_can_receive_a_task():
    text = "Đồng chí Trưởng ban đề nghị các vụ, đơn vị chủ động tham mưu đề án mới.\n"
    assert [t["assignee"] for t in read_text(text)["tasks"]] == ["các vụ, đơn vị"]


def test_a_dash_joins_positions_before_a_name():
    text = "Phát biểu chỉ đạo có Ủy viên Ban Thường vụ - Trưởng Ban Tổ chức Huyện ủy Hà Văn Khải."
    [mention] = find_people(text, 0, len(text))
    assert mention.name == "Hà Văn Khải"
    assert mention.positions == ["Ủy viên Ban Thường vụ", "Trưởng Ban Tổ chức Huyện ủy"]


def test_a_month_of_work_is_the_period_reviewed():
    text = "Sáng 2/9/2023, Thường trực Huyện ủy giao ban đánh giá kết quả thực hiện nhiệm vụ tháng 8."
    assert read_text(text)["event"]["period"] == "2023-08"
    [mention] = find_periods("triển khai công tác tháng 10-2023")
    assert (mention.code(), mention.forward) == ("2023-10", True)
    [bare] = find_periods("đánh giá công tác tháng 4 của các chi bộ")
    assert (bare.code(2024), bare.forward) == ("2024-04", False)
    assert find_periods("trong tháng 4 các chi bộ họp") == []  # a month with no work named is no period


def test_a_cause_that_is_itself_a_shortcoming():
    text = (
        "Việc nộp báo cáo có nơi chưa đúng hạn. "
        "Nguyên nhân chính do một số chi bộ tổng hợp số liệu còn chậm.\n"
        "Do thời tiết mưa lớn nên buổi gặp mặt được lùi lại.\n"
        "Do nhiều chi bộ chưa cử người theo dõi, việc cập nhật còn thiếu.\n"
    )
    spans = [(0, text.index("\n")), (text.index("Do thời"), text.index("\n", text.index("Do thời")))]
    spans.append((text.index("Do nhiều"), len(text) - 1))
    found = [f["text"] for f in find_limitations(text, spans)]
    assert "một số chi bộ tổng hợp số liệu còn chậm" in found
    assert not any("thời tiết" in f for f in found)  # a cause with its result ("do … nên …")
    assert any(f.startswith("nhiều chi bộ chưa cử người theo dõi") for f in found)


def test_task_assignee_and_deadline_are_scored_on_the_tasks_matched():
    gold = {
        "tasks": [
            {"assignee": "Ban Tổ chức Huyện ủy", "text": "rà soát quy hoạch cán bộ", "deadline": "2024-05-31"}
        ]
    }
    right = {
        "tasks": [
            {"assignee": "Ban Tổ chức Huyện ủy", "text": "rà soát quy hoạch cán bộ", "deadline": "2024-05-31"}
        ]
    }
    wrong = {"tasks": [{"assignee": "Văn phòng", "text": "rà soát quy hoạch cán bộ", "deadline": None}]}
    rows = {r.field: r for r in score_corpus([(gold, right)])}
    assert rows["task_assignee"].f1 == rows["task_deadline"].f1 == 1.0
    rows = {r.field: r for r in score_corpus([(gold, wrong)])}
    assert rows["task_assignee"].true_positives == 0 and rows["task_deadline"].recall == 0.0
