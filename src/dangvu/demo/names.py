"""Lexicons for the synthetic province: Vietnamese personal names and place names, with rough frequencies.

Everything generated from these is fictional and labelled so. The surname shares follow the commonly
cited distribution for the Kinh majority (Nguyễn about 38%, Trần 11%, Lê 9.5%, …); ethnic-minority members
get the surnames their communities use (Thái: Lò, Lường, Vi…; H'Mông: Thào, Giàng, Sùng…).
"""

from __future__ import annotations

import random

KINH_SURNAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 4.0),
    ("Phan", 4.5),
    ("Võ", 3.0),
    ("Vũ", 1.5),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Đào", 0.6),
    ("Cao", 0.5),
    ("Thái", 0.6),
    ("Trương", 0.6),
    ("Hà", 0.4),
    ("Mai", 0.3),
    ("Tạ", 0.3),
    ("Chu", 0.3),
    ("Lưu", 0.3),
    ("Đoàn", 0.5),
    ("Tô", 0.2),
    ("Kiều", 0.1),
    ("Lương", 0.3),
    ("Văn", 0.2),
    ("Từ", 0.1),
    ("Đậu", 0.2),
    ("Biện", 0.1),
    ("Chế", 0.05),
]
MINORITY_SURNAMES: dict[str, list[str]] = {
    "Thái": ["Lò", "Lường", "Vi", "Lang", "Lữ", "Quàng", "Cầm", "Lộc"],
    "Mường": ["Đinh", "Bùi", "Quách", "Hà", "Xa"],
    "H'Mông": ["Thào", "Giàng", "Sùng", "Vàng", "Lầu", "Mùa", "Hờ", "Vừ"],
    "Chứt": ["Hồ", "Đinh", "Cao"],
    "Tày": ["Hoàng", "Nông", "Ma", "Lục", "Nông"],
    "Lào": ["Vi", "Lô", "Xay"],
}
MALE_MIDDLE: list[tuple[str, float]] = [
    ("Văn", 30),
    ("Đức", 8),
    ("Minh", 7),
    ("Quang", 6),
    ("Hữu", 6),
    ("Xuân", 5),
    ("Thanh", 5),
    ("Công", 5),
    ("Đình", 5),
    ("Ngọc", 4),
    ("Trọng", 3),
    ("Tiến", 3),
    ("Anh", 3),
    ("Mạnh", 2),
    ("Viết", 2),
    ("Thế", 3),
    ("Hồng", 2),
    ("Trung", 2),
    ("Duy", 2),
    ("Bá", 2),
]
FEMALE_MIDDLE: list[tuple[str, float]] = [
    ("Thị", 60),
    ("Thu", 5),
    ("Ngọc", 5),
    ("Thanh", 5),
    ("Hồng", 4),
    ("Minh", 3),
    ("Phương", 3),
    ("Kim", 3),
    ("Hoài", 2),
    ("Thùy", 2),
    ("Diệu", 1),
    ("Mỹ", 2),
    ("Bích", 2),
    ("Lan", 1),
]
MALE_GIVEN = [
    "Dũng",
    "Hùng",
    "Tuấn",
    "Hải",
    "Nam",
    "Sơn",
    "Long",
    "Thắng",
    "Bình",
    "Cường",
    "Hòa",
    "Quang",
    "Trung",
    "Hiếu",
    "Đức",
    "Phong",
    "Tâm",
    "Toàn",
    "Vinh",
    "Lâm",
    "Hưng",
    "Thành",
    "Khánh",
    "Tùng",
    "Huy",
    "Hoàng",
    "Lực",
    "Lợi",
    "Nghĩa",
    "Phúc",
    "Quý",
    "Sáng",
    "Tài",
    "Thái",
    "Thịnh",
    "Thuận",
    "Tiến",
    "Trí",
    "Trường",
    "Tú",
    "Việt",
    "Vũ",
    "Anh",
    "Bảo",
    "Chiến",
    "Công",
    "Danh",
    "Định",
    "Giang",
    "Hà",
    "Hậu",
    "Hiển",
    "Khoa",
    "Kiên",
    "Linh",
    "Lộc",
    "Minh",
    "Ngọc",
    "Nhân",
    "Phương",
    "Quân",
    "Sinh",
    "Tấn",
    "Thanh",
    "Thiện",
    "Thông",
    "Toản",
    "Tường",
    "Uy",
    "Vĩnh",
    "Xuân",
    "Đạt",
    "Điệp",
    "Hợp",
    "Kỳ",
    "Lương",
    "Mạnh",
    "Nhật",
    "Quyết",
    "Thọ",
    "Triều",
]
FEMALE_GIVEN = [
    "Lan",
    "Hương",
    "Hoa",
    "Mai",
    "Hằng",
    "Nga",
    "Thủy",
    "Hà",
    "Linh",
    "Trang",
    "Yến",
    "Nhung",
    "Thảo",
    "Phương",
    "Huyền",
    "Hạnh",
    "Loan",
    "Vân",
    "Oanh",
    "Dung",
    "Hiền",
    "Huệ",
    "Liên",
    "Ly",
    "Nhàn",
    "Quyên",
    "Tâm",
    "Thu",
    "Thúy",
    "Trinh",
    "Tuyết",
    "Uyên",
    "Xuân",
    "Anh",
    "Bích",
    "Chi",
    "Diệp",
    "Giang",
    "Hồng",
    "Khuyên",
    "Lệ",
    "Lý",
    "Minh",
    "Nguyệt",
    "Nhi",
    "Phượng",
    "Quỳnh",
    "Sen",
    "Tình",
    "Thanh",
    "Thơ",
    "Trâm",
    "Vy",
    "Hải",
    "Hậu",
    "Ngân",
    "Kiều",
    "Thắm",
    "Đào",
    "Duyên",
    "Hiên",
]

#: Syllables for fictional place names: the first often repeats the district's own first word,
#: as many real commune names do ("Thạch Long", "Thạch Sơn" in a district called Thạch Hà).
PLACE_SYLLABLES = [
    "An",
    "Bình",
    "Châu",
    "Đông",
    "Đài",
    "Đỉnh",
    "Hà",
    "Hải",
    "Hòa",
    "Hưng",
    "Hương",
    "Khánh",
    "Kim",
    "Lạc",
    "Lâm",
    "Liên",
    "Lộc",
    "Long",
    "Lưu",
    "Minh",
    "Mỹ",
    "Nam",
    "Ngọc",
    "Phong",
    "Phú",
    "Phúc",
    "Quang",
    "Sơn",
    "Tân",
    "Thanh",
    "Thắng",
    "Thịnh",
    "Thủy",
    "Tiến",
    "Trung",
    "Trường",
    "Văn",
    "Vĩnh",
    "Xuân",
    "Yên",
    "Điền",
    "Hội",
    "Tùng",
    "Tượng",
    "Lĩnh",
    "Bằng",
    "Châu",
    "Khê",
    "Lam",
    "Mai",
    "Đồng",
    "Hạ",
    "Thượng",
    "Linh",
    "Hợp",
    "Lợi",
    "Ninh",
    "Thái",
    "Thuận",
    "Vinh",
]
VILLAGE_WORDS = [
    "Trung",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Tân",
    "Phú",
    "An",
    "Hòa",
    "Thượng",
    "Hạ",
    "Vĩnh",
    "Thanh",
    "Xuân",
    "Hưng",
    "Mỹ",
    "Phúc",
    "Lộc",
    "Sơn",
    "Thủy",
    "Kim",
    "Liên",
    "Quang",
    "Minh",
    "Đình",
    "Yên",
    "Hồng",
    "Bình",
    "Đồng",
    "Khánh",
    "Tiến",
    "Thịnh",
    "Lạc",
    "Ninh",
]

#: Ethnic groups and their share among members in lowland and in mountain districts (percent).
ETHNICITY_LOWLAND: list[tuple[str, float]] = [("Kinh", 99.6), ("Mường", 0.2), ("Thái", 0.1), ("Tày", 0.1)]
ETHNICITY_MOUNTAIN: list[tuple[str, float]] = [
    ("Kinh", 86.0),
    ("Thái", 5.0),
    ("Mường", 3.0),
    ("H'Mông", 2.5),
    ("Chứt", 1.5),
    ("Lào", 1.0),
    ("Tày", 1.0),
]


_CUMULATIVE: dict[tuple[tuple[str, float], ...], tuple[list[str], list[float]]] = {}


def pick(rng: random.Random, table: list[tuple[str, float]]) -> str:
    """One entry of a weighted table (the cumulative weights of each table are worked out once)."""
    key = tuple(table)  # by content: tables built on the fly must not share a cached entry
    if key not in _CUMULATIVE:
        names = [t[0] for t in table]
        total, cumulative = 0.0, []
        for _, w in table:
            total += w
            cumulative.append(total)
        _CUMULATIVE[key] = (names, cumulative)
    names, cumulative = _CUMULATIVE[key]
    return rng.choices(names, cum_weights=cumulative)[0]


def person_name(rng: random.Random, *, female: bool, ethnicity: str) -> str:
    """A plausible full name: surname, middle name (often Văn / Thị), given name."""
    if ethnicity in MINORITY_SURNAMES:
        surname = rng.choice(MINORITY_SURNAMES[ethnicity])
    else:
        surname = pick(rng, KINH_SURNAMES)
    middle = pick(rng, FEMALE_MIDDLE if female else MALE_MIDDLE)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    if middle == given:
        middle = "Thị" if female else "Văn"
    return f"{surname} {middle} {given}"


class PlaceNamer:
    """Hands out place names that do not repeat within one scope (a district, a commune)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: dict[str, set[str]] = {}

    def name(self, scope: str, first: str | None = None, words: list[str] | None = None) -> str:
        pool = words or PLACE_SYLLABLES
        used = self.used.setdefault(scope, set())
        for _ in range(200):
            a = first or self.rng.choice(pool)
            b = self.rng.choice(pool)
            candidate = f"{a} {b}"
            if a != b and candidate not in used:
                used.add(candidate)
                return candidate
        n = len(used) + 1
        candidate = f"{first or pool[0]} {n}"
        used.add(candidate)
        return candidate
