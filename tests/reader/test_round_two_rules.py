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
