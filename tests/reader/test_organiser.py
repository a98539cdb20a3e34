"""The unit an article's organiser names, looked up in the tree within the user's scope."""

from __future__ import annotations

import pytest

from dangvu.reader.organiser import organiser_match, organiser_words


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("Huyện ủy Thạch Hà", "huyen thach ha"),
        ("Ban Thường vụ Tỉnh ủy Thử Nghiệm", "tinh thu nghiem"),
        ("Đảng ủy Khối các cơ quan tỉnh", "khoi co quan tinh"),
        ("Đảng ủy xã Thạch Long", "xa thach long"),
        ("Chi ủy thôn Bắc Sơn", "chi bo thon bac son"),
        ("Thành ủy Vinh", "thanh pho vinh"),
    ],
)
def test_organiser_words(written, words):
    assert organiser_words(written) == words


def test_organiser_match_within_the_users_scope(province):
    admin, editor = province.users["admin"], province.users["editor_a"]
    assert organiser_match(admin, "Huyện ủy Thạch Hà") == province["D1"]
    assert organiser_match(admin, "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh") == province["D2"]
    assert organiser_match(admin, "Tỉnh ủy Thử nghiệm") == province["HL"]
    assert organiser_match(editor, "Đảng ủy xã Thạch Long") == province["XA"]
    assert organiser_match(editor, "dang uy xa thach long") == province["XA"]  # typed without accents
    assert organiser_match(editor, "Huyện ủy Thạch Hà") is None  # outside what the editor may edit
    assert organiser_match(province.users["outsider"], "Đảng ủy xã Thạch Sơn") is None  # viewer only
    assert organiser_match(admin, "Tỉnh ủy") is None and organiser_match(admin, None) is None
    assert organiser_match(admin, "Chi bộ thôn") is None  # three units fit equally: none is proposed
