"""The outline of a review report and the sentences its figures are written in (no Django import).

`SECTIONS` is the usual outline (report-layout.md §3) as data: which indicators each field of work shows.
The functions here turn a figure row (a plain dict built by `draft.py`) into the words a report uses:
"Kết nạp đảng viên mới: 1.532 đảng viên, đạt 57% chỉ tiêu …", and collect the shortcomings
("kết nạp đảng viên mới đạt 57% chỉ tiêu", "16/35 đảng ủy cơ sở chưa thực hiện giám sát").
Numbers are written with Vietnamese separators: 98.908; 52,3%.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dangvu.core.text import vn_number


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    prefixes: tuple[str, ...] = ()  # indicator codes it shows: the longest matching prefix wins
    structure: bool = False  # opens with the count of organisations and members
    resolutions: bool = False  # lists the conferences' conclusions and the tasks


RESULTS_HEADING = "I- KẾT QUẢ ĐẠT ĐƯỢC"
SHORTCOMINGS_HEADING = "II- HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN"

SECTIONS: tuple[Section, ...] = (
    Section("chinh_tri", "1. Công tác chính trị, tư tưởng"),
    Section(
        "to_chuc",
        "2. Công tác tổ chức, cán bộ, đảng viên",
        ("TC_", "DV_", "NGUON_", "TCCS_", "CB_", "SH_"),
        structure=True,
    ),
    Section(
        "kiem_tra", "3. Công tác kiểm tra, giám sát và thi hành kỷ luật đảng", ("KT_", "GS_", "DV_KY_LUAT")
    ),
    Section("dan_van", "4. Công tác dân vận, thực hiện phong trào thi đua «Dân vận khéo»", ("DVK_",)),
    Section("noi_chinh", "5. Công tác nội chính, phòng, chống tham nhũng, tiêu cực"),
    Section("nghi_quyet", "6. Việc thực hiện các nghị quyết, chỉ thị, kết luận", resolutions=True),
)
OTHER_SECTION = Section("khac", "7. Các chỉ tiêu khác")
#: Keys of the narrative paragraphs a user writes (kept between drafts), with their headings.
NARRATIVE_KEYS: dict[str, str] = {
    **{s.key: s.title for s in SECTIONS},
    "han_che": "Hạn chế, khuyết điểm và nguyên nhân",
    "phuong_huong": "Phương hướng, nhiệm vụ",
}


def section_of(code: str) -> str:
    """The key of the section that shows indicator `code` (the longest matching prefix), else 'khac'."""
    best = ("", OTHER_SECTION.key)
    for s in SECTIONS:
        for prefix in s.prefixes:
            if code.startswith(prefix) and len(prefix) > len(best[0]):
                best = (prefix, s.key)
    return best[1]


def is_flag(name: str) -> bool:
    """A unit's reported yes/no (named "… (1 = có)"): its share indicator is the figure to print."""
    return "(1 = có" in name


def percent_text(value: float, decimals: int = 1) -> str:
    """52.34 → '52,3%'; 57.0 with 0 decimals → '57%'."""
    return f"{value:.{decimals}f}".replace(".", ",") + "%"


def value_text(
    value: float | None, unit: str, aggregation: str, x_of_y: tuple[int, int] | None = None
) -> str:
    if value is None:
        return "—"
    if aggregation == "coverage" and x_of_y is not None:
        return f"{vn_number(x_of_y[0])}/{vn_number(x_of_y[1])}"
    if unit == "%":
        return percent_text(value)
    return vn_number(round(value))


def figure_sentence(row: dict[str, Any]) -> str:
    """One figure as a report states it, with its target, percent of target and last year."""
    name, unit = row["name"], row["unit"]
    if row["aggregation"] == "coverage":
        x, y = row["x_of_y"]
        text = f"{name}: {vn_number(x)}/{vn_number(y)} {unit}"
    elif unit == "%":
        text = f"{name}: {row['text']}"
    else:
        text = f"{name}: {row['text']} {unit}"
    extra: list[str] = []
    if row.get("percent") is not None:
        extra.append(f"đạt {percent_text(row['percent'], 0)} chỉ tiêu ({row['target_text']})")
    if row.get("last_year_text") and row["last_year_text"] != "—":
        extra.append(f"cùng kỳ năm trước {row['last_year_text']}")
    if extra:
        text += ", " + ", ".join(extra)
    return text + "."


def shortcomings(rows: list[dict[str, Any]]) -> list[str]:
    """What falls short: targets not reached (or at risk), units that have not done what the rest did."""
    out: list[str] = []
    for row in rows:
        name = row["name"][:1].lower() + row["name"][1:]
        percent = row.get("percent")
        if percent is not None and row.get("higher_is_better", True) and percent < 100:
            line = f"{name} đạt {percent_text(percent, 0)} chỉ tiêu"
            if row.get("at_risk") and row.get("reason"):
                line += f" ({row['reason'].rstrip('.').lower()})"
            out.append(line)
        elif row.get("at_risk") and row.get("reason"):
            out.append(f"{name}: {row['reason'].rstrip('.').lower()}")
        if row["aggregation"] == "coverage" and row.get("recorded", True):
            x, y = row["x_of_y"]
            if y > x:
                undone = name.replace("đã ", "chưa ", 1) if "đã " in name else f"{name}: chưa thực hiện"
                out.append(f"{vn_number(y - x)}/{vn_number(y)} {undone}")
    return out


def structure_sentence(structure: dict[str, int]) -> str:
    """'Toàn Đảng bộ có 17 đảng bộ trực thuộc, 722 tổ chức cơ sở đảng, 4.138 chi bộ trực thuộc đảng ủy cơ
    sở với 98.908 đảng viên.' (zeros left out)."""
    parts = [
        (structure.get("directly_under", 0), "đảng bộ trực thuộc"),
        (structure.get("grassroots", 0), "tổ chức cơ sở đảng"),
        (structure.get("partial_committees", 0), "đảng bộ bộ phận"),
        (structure.get("subordinate_cells", 0), "chi bộ trực thuộc đảng ủy cơ sở"),
    ]
    units = ", ".join(f"{vn_number(n)} {label}" for n, label in parts if n)
    members = f"{vn_number(structure.get('members', 0))} đảng viên"
    return f"Toàn Đảng bộ có {units} với {members}." if units else f"Chi bộ có {members}."


def recipients_lines(recipients: list[str], archive: str) -> list[str]:
    """'- X;' for each recipient, then the archive line ('- Lưu …'), as the guide writes them."""
    lines = [f"- {r.strip().lstrip('-').strip().rstrip(';,.')};" for r in recipients if r.strip()]
    return [*lines, archive]


def figure_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(figure, issued text, current text) for every figure that differs between two report contents."""

    def figures(content: dict[str, Any]) -> dict[str, tuple[str, str]]:
        out = {"__structure": ("Cơ cấu tổ chức", structure_sentence(content.get("structure", {})))}
        for part in content.get("sections", []):
            for row in part.get("figures", []):
                out[row["code"]] = (row["name"], row["text"])
        return out

    before, after = figures(old), figures(new)
    return [
        (after.get(k, before.get(k, ("", "")))[0], before.get(k, ("", "—"))[1], after.get(k, ("", "—"))[1])
        for k in sorted(set(before) | set(after))
        if before.get(k, ("", "—"))[1] != after.get(k, ("", "—"))[1]
    ]
