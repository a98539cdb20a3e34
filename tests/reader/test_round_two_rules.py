"""Rules added in the second round of held-out articles: each on a sentence written for the test."""

from __future__ import annotations

from dangvu.reader.reader import read_text


def _figures(text: str) -> list[tuple[float, str]]:
    return [(f["value"], f["unit"]) for f in read_text(text)["figures"]]


def test_comrades_abbreviated_and_exemplars_are_counted():
    text = "Đợt này có 4 đ/c được trao huy hiệu; toàn xã có 12 mô hình và 7 điển hình dân vận khéo.\n"
    assert _figures(text) == [(4, "đ/c"), (12, "mô hình"), (7, "điển hình")]


def test_a_member_named_without_a_title_is_kept_with_the_membership():
    text = (
        "Chi bộ Ấp Bình An tổ chức lễ kết nạp cho đồng chí Trịnh Văn Lộc – Đoàn viên Chi đoàn Ấp Bình An. "
        "Bí thư Đảng ủy xã Đỗ Thị Huệ trao Huy hiệu 40 năm tuổi Đảng cho đảng viên Lò Văn Sáu.\n"
    )
    people = {p["name"]: p["positions"] for p in read_text(text)["people"]}
    assert people["Trịnh Văn Lộc"] == ["Đoàn viên Chi đoàn Ấp Bình An"]
    assert people["Lò Văn Sáu"] == ["đảng viên"]
    assert people["Đỗ Thị Huệ"] == ["Bí thư Đảng ủy xã"]


def test_a_sub_committee_can_receive_a_task():
    text = "Đồng chí Phó Bí thư đề nghị Tiểu ban văn kiện tiếp tục rà soát dự thảo báo cáo chính trị.\n"
    tasks = [(t["assignee"], t["text"]) for t in read_text(text)["tasks"]]
    assert tasks == [("Tiểu ban văn kiện", "tiếp tục rà soát dự thảo báo cáo chính trị")]


def test_teams_sent_out_by_a_board_receive_its_task():
    text = "Ban Chỉ đạo phân công 3 đoàn kiểm tra để kiểm tra tại các xã vùng cao.\n"
    tasks = [(t["assignee"], t["text"]) for t in read_text(text)["tasks"]]
    assert tasks == [("3 đoàn kiểm tra", "kiểm tra tại các xã vùng cao")]


def test_tasks_listed_after_the_meeting_sets_them_have_no_assignee():
    text = (
        "Hội nghị đã đề ra nhiệm vụ, giải pháp cho quý tới. Trong đó tiếp tục rà soát hộ nghèo ở các thôn; "
        "Sửa chữa nhà văn hóa thôn Khe Mát trước mùa mưa.\n"
    )
    tasks = [(t["assignee"], t["text"]) for t in read_text(text)["tasks"]]
    assert tasks == [
        (None, "tiếp tục rà soát hộ nghèo ở các thôn"),
        (None, "Sửa chữa nhà văn hóa thôn Khe Mát trước mùa mưa"),
    ]


def test_a_list_opening_with_trong_do_is_no_task_unless_tasks_were_set():
    text = "Năm qua xã kết nạp 9 đảng viên. Trong đó tiếp tục có 2 đảng viên nữ.\n"
    assert read_text(text)["tasks"] == []


def test_a_review_of_the_work_and_tasks_of_a_half_year_looks_back():
    text = (
        "Sáng 4/7, Đảng ủy xã Tân Mỹ tổ chức hội nghị sơ kết công tác xây dựng Đảng và nhiệm vụ chính trị "
        "6 tháng đầu năm; triển khai nhiệm vụ 6 tháng cuối năm 2025.\n"
    )
    event = read_text(text)["event"]
    assert (event["date"], event["period"]) == ("2025-07-04", "2025-H1")


def test_a_year_end_review_of_a_programme_reviews_that_year():
    text = (
        "Sáng 12/12, Ban Dân vận huyện Kim Sơn tổ chức hội nghị tổng kết phong trào thi đua, "
        "Chương trình phối hợp năm 2025, triển khai nhiệm vụ năm 2026.\n"
    )
    event = read_text(text)["event"]
    assert (event["date"], event["period"]) == ("2025-12-12", "2025")


def _limitations(text: str) -> list[str]:
    return [x["text"] if isinstance(x, dict) else x for x in read_text(text)["limitations"]]


def test_a_comma_inside_a_list_of_nouns_does_not_split_a_shortcoming():
    text = (
        "Tuy nhiên, nhiều hội viên trẻ không gắn bó với chi hội dẫn đến tình trạng bỏ sinh hoạt, "
        "chuyển đi vẫn còn xảy ra.\n"
    )
    assert _limitations(text) == [
        "nhiều hội viên trẻ không gắn bó với chi hội dẫn đến tình trạng bỏ sinh hoạt, "
        "chuyển đi vẫn còn xảy ra"
    ]


def test_a_comma_between_two_shortcomings_still_splits_them():
    text = (
        "Tuy nhiên, việc ghi sổ biên bản của chi bộ thôn Đồng Lâm còn chậm, "
        "nội dung sinh hoạt ở nhiều chi bộ chưa phong phú.\n"
    )
    assert len(_limitations(text)) == 2


def test_a_count_stated_again_later_is_one_figure():
    text = (
        "Ủy ban kiểm tra đã kiểm tra khi có dấu hiệu vi phạm đối với 04 đảng viên; giám sát 2 chi bộ.\n"
        "Riêng kiểm tra khi có dấu hiệu vi phạm 04 đảng viên, kết luận có vi phạm.\n"
    )
    assert _figures(text) == [(4, "đảng viên"), (2, "chi bộ")]


def test_the_same_count_after_another_number_or_name_is_another_figure():
    text = (
        "Đợt này, 60 năm tuổi Đảng có 2 đồng chí, 50 năm tuổi Đảng có 2 đồng chí.\n"
        "Xã Tân An có 3 chi bộ; xã Tân Lộc có 3 chi bộ.\n"
    )
    assert _figures(text) == [(2, "đồng chí"), (2, "đồng chí"), (3, "chi bộ"), (3, "chi bộ")]


def _kind(lead: str) -> str | None:
    return read_text(lead + "\n")["event"]["kind"]


def test_a_numbered_sitting_is_that_sitting_whatever_else_it_reviews():
    assert _kind("Sáng 3/4, Huyện ủy Kim Sơn tổ chức hội nghị lần thứ 9 đánh giá quý I và sơ kết đề án.") == (
        "hoi_nghi"
    )
    assert _kind("Ngày 2/3, Ủy ban Kiểm tra Huyện ủy Kim Sơn tổ chức kỳ họp thứ 12.") == "hop"


def test_the_kind_the_meeting_is_named_after_wins_over_an_earlier_ceremony():
    lead = "Sáng 6/7, Đảng bộ xã Kim Sơn tổ chức trao huy hiệu Đảng và hội nghị sơ kết 6 tháng đầu năm 2025."
    assert _kind(lead) == "so_ket"
    assert _kind("Sáng 20/6, Ủy ban Kiểm tra Huyện ủy tổ chức hội nghị trực báo công tác kiểm tra.") == (
        "giao_ban"
    )


def test_a_congress_the_documents_go_to_is_not_the_meeting():
    lead = "Chiều 8/11, Tiểu ban văn kiện họp góp ý dự thảo báo cáo trình Đại hội Đảng bộ huyện lần thứ XX."
    assert _kind(lead) == "hop"


def _organiser(lead: str) -> str | None:
    return read_text(lead + "\n")["event"]["organiser"]


def test_organisers_without_their_place_in_brackets_or_their_term():
    assert _organiser("Sáng 3/3, Đảng ủy xã Tân Phú (huyện Kim Sơn) tổ chức hội nghị giao ban.") == (
        "Đảng ủy xã Tân Phú"
    )
    assert _organiser("Ngày 4/3, Ủy ban Kiểm tra Huyện ủy nhiệm kỳ 2020 - 2025 tổ chức kỳ họp thứ 9.") == (
        "Ủy ban Kiểm tra Huyện ủy"
    )


def test_organisers_in_lower_case_listed_or_named_by_the_sitting():
    assert (
        _organiser("Ngày 5/3, đảng bộ Công đoàn ngành tổ chức hội nghị sơ kết.") == "đảng bộ Công đoàn ngành"
    )
    assert _organiser(
        "Sáng 6/3, Ban Dân vận, Hội Nông dân, Đoàn Thanh niên huyện Kim Sơn tổ chức hội nghị."
    ) == ("Ban Dân vận, Hội Nông dân, Đoàn Thanh niên huyện Kim Sơn")
    lead = (
        "Phát biểu tại Hội nghị lần thứ 5 Ban Chấp hành Đảng bộ huyện Kim Sơn đánh giá công tác quý I "
        "diễn ra sáng 7/4."
    )
    assert _organiser(lead) == "Ban Chấp hành Đảng bộ huyện Kim Sơn"


def test_a_chair_named_before_the_body_leaves_the_body_as_organiser():
    lead = "Ngày 8/4, dưới sự chủ trì của đồng chí Hà Văn Tư, Bí thư Huyện ủy, Huyện ủy đã tổ chức hội nghị."
    assert _organiser(lead) == "Huyện ủy"
