"""Names, positions and chairs."""

from __future__ import annotations

import pytest

from dangvu.reader.people import expand_position, find_chairs, find_names, find_people
from dangvu.reader.text import sentences


def _people(text: str) -> dict[str, list[str]]:
    return {m.name: m.positions for m in find_people(text, 0, len(text))}


def _chairs(text: str) -> list[str]:
    mentions = find_people(text, 0, len(text))
    return [c.name for c in find_chairs(text, mentions, sentences(text, 0, len(text)))]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("đồng chí Thào Hồng Sơn, Phó Bí thư", "Thào Hồng Sơn"),
        ("Đồng chí Lò Minh Hùng chủ trì", "Lò Minh Hùng"),
        ("Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng", "Hoàng Trung Dũng"),
        ("Phó Bí thư Thường trực Thị ủy Kỳ Anh Dương Thanh Hòa:", "Dương Thanh Hòa"),
        ("Huyện ủy Đức Thọ Thái Ngọc Hải", "Thái Ngọc Hải"),
        ("bà Nguyễn Thị Minh Khai", "Nguyễn Thị Minh Khai"),
        ("đồng chí Giàng A Chu", "Giàng A Chu"),
    ],
)
def test_names_including_ethnic_minority_family_names(text: str, name: str) -> None:
    assert [n for _, _, n in find_names(text, 0, len(text))] == [name]


@pytest.mark.parametrize(
    "text", ["phong cách Hồ Chí Minh", "Thành ủy Hà Tĩnh tổ chức", "Bà mẹ Việt Nam anh hùng", "Sở Y tế"]
)
def test_not_names(text: str) -> None:
    assert find_names(text, 0, len(text)) == []


def test_positions_before_and_after_the_name() -> None:
    text = (
        "Ngày 6/4, dưới sự chủ trì của đồng chí Thào Hồng Sơn, Phó Bí "
        "thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh, "
        "Tỉnh ủy đã tổ chức hội nghị. Dự có đồng chí Nguyễn Mạnh Dũng, "
        "Phó Bí thư Tỉnh ủy và các đồng chí trong BTV. "
        "Giám đốc Sở Nội vụ Nguyễn Phi Quang thông tin về phương án."
    )
    assert _people(text) == {
        "Thào Hồng Sơn": ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"],
        "Nguyễn Mạnh Dũng": ["Phó Bí thư Tỉnh ủy"],
        "Nguyễn Phi Quang": ["Giám đốc Sở Nội vụ"],
    }


def test_abbreviated_titles_are_expanded() -> None:
    assert expand_position("Phó Bí thư TT Thành ủy") == "Phó Bí thư Thường trực Thành ủy"
    text = "Đ/c Phạm Quốc Hưng, UVBTV Tỉnh ủy, Bí thư Đảng ủy Khối chủ trì hội nghị."
    assert _people(text) == {"Phạm Quốc Hưng": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Bí thư Đảng ủy Khối"]}


def test_a_chain_of_positions_before_a_name() -> None:
    text = "Đến dự có Ủy viên Ban Thường vụ, Trưởng ban Tổ chức Tỉnh ủy Trần Thế Dũng."
    assert _people(text)["Trần Thế Dũng"] == ["Ủy viên Ban Thường vụ", "Trưởng ban Tổ chức Tỉnh ủy"]


@pytest.mark.parametrize(
    ("text", "chairs"),
    [
        ("Đồng chí Ngô Quang Hưởng, Tỉnh ủy viên, Bí thư Đảng ủy Khối chủ trì (ảnh).", ["Ngô Quang Hưởng"]),
        (
            "Sáng 20/5, dưới sự chủ trì của Phó Bí thư Thường trực Tỉnh "
            "ủy Hoàng Trung Dũng và Trưởng ban Tổ chức "
            "Tỉnh ủy Trần Thế Dũng, Thường trực Tỉnh ủy tổ chức hội nghị.",
            ["Hoàng Trung Dũng", "Trần Thế Dũng"],
        ),
        (
            "Đồng chí Nguyễn Văn An - Bí thư Huyện ủy và đồng chí Trần "
            "Thị Bình - Phó Bí thư Huyện ủy đồng chủ trì "
            "hội nghị.",
            ["Trần Thị Bình", "Nguyễn Văn An"],
        ),
        ("Chủ trì hội nghị có đồng chí Lê Văn Hà, Bí thư Đảng ủy xã.", ["Lê Văn Hà"]),
        ("Dự hội nghị có đồng chí Lê Văn Hà, Bí thư Đảng ủy xã.", []),
        ("Ban Tổ chức là đơn vị chủ trì, phối hợp với đồng chí Lê Văn Hà, Bí thư.", []),
    ],
)
def test_chairs(text: str, chairs: list[str]) -> None:
    assert _chairs(text) == chairs
