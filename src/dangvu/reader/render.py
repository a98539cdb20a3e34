"""Human-readable rendering of the reader's facts, with Vietnamese labels, for the `read` command."""

from __future__ import annotations

from typing import Any

EVENT_KIND_LABELS: dict[str, str] = {
    "so_ket": "Hội nghị sơ kết",
    "tong_ket": "Hội nghị tổng kết",
    "giao_ban": "Hội nghị giao ban",
    "hoi_nghi": "Hội nghị",
    "hop_ban_chi_dao": "Họp Ban Chỉ đạo",
    "hop": "Cuộc họp",
    "lam_viec": "Buổi làm việc",
    "dai_hoi": "Đại hội",
    "quan_triet": "Học tập, quán triệt",
    "tap_huan": "Tập huấn",
    "hoi_thao": "Hội thảo, tọa đàm",
    "kiem_tra": "Kiểm tra",
    "giam_sat": "Giám sát",
    "ket_nap": "Lễ kết nạp đảng viên",
    "gap_mat": "Buổi gặp mặt",
    "trao_huy_hieu": "Trao Huy hiệu Đảng",
    "sinh_hoat_chuyen_de": "Sinh hoạt chuyên đề",
}


def _or_dash(value: Any) -> str:
    return "—" if value in (None, "", []) else str(value)


def _event_date(event: dict[str, Any]) -> str:
    if event.get("date"):
        return f"{event['date']} ({event.get('date_text')})"
    if event.get("day"):
        return f"ngày {event['day']}/{event['month']}, không rõ năm ({event.get('date_text')})"
    return "—"


def _figure(figure: dict[str, Any]) -> str:
    value = f"{figure['value']}/{figure['of']}" if figure.get("of") else str(figure["value"])
    unit = figure.get("unit") or ""
    line = f"{value}{unit}" if unit == "%" else f"{value} {unit}".strip()
    notes = [note for key, note in (("is_target", "chỉ tiêu"), ("approximate", "xấp xỉ")) if figure.get(key)]
    if figure.get("forecast"):
        notes.append(f"dự báo: {figure['forecast']}")
    tail = f" [{'; '.join(notes)}]" if notes else ""
    return f"{line} — {_or_dash(figure.get('indicator'))}{tail}"


def render_facts(facts: dict[str, Any]) -> str:
    event = facts.get("event") or {}
    lines = [
        f"Tiêu đề: {_or_dash(facts.get('title'))}",
        "Sự kiện:",
        f"  Loại: {EVENT_KIND_LABELS.get(event.get('kind') or '', _or_dash(event.get('kind')))}",
        f"  Kỳ đánh giá: {_or_dash(event.get('period'))}",
        f"  Ngày: {_event_date(event)}",
        f"  Đơn vị tổ chức: {_or_dash(event.get('organiser'))}",
        f"  Địa điểm: {_or_dash(event.get('venue'))}",
    ]
    sections: list[tuple[str, list[str]]] = [
        ("Chủ trì", [f"{c['name']} — {', '.join(c['positions']) or '—'}" for c in facts.get("chairs", [])]),
        (
            "Người được nêu tên",
            [f"{p['name']} — {', '.join(p['positions']) or '—'}" for p in facts.get("people", [])],
        ),
        (
            "Văn bản",
            [
                f"{d['kind'] or d['type']} số {d['number']}"
                + (f" ({d['issuer']})" if d.get("issuer") else "")
                + (f", ngày {d['date']}" if d.get("date") else "")
                + f" — “{d['text']}”"
                for d in facts.get("documents", [])
            ],
        ),
        ("Số liệu", [_figure(f) for f in facts.get("figures", [])]),
        ("Thời hạn", [f"{d['date'] or '—'}: {d['text']}" for d in facts.get("deadlines", [])]),
        ("Hạn chế", [f["text"] if isinstance(f, dict) else str(f) for f in facts.get("limitations", [])]),
        (
            "Nhiệm vụ",
            [
                (f"{t['assignee']}: " if t.get("assignee") else "")
                + t["text"]
                + (f" (hạn {t['deadline']})" if t.get("deadline") else "")
                for t in facts.get("tasks", [])
            ],
        ),
    ]
    for label, items in sections:
        lines.append(f"{label} ({len(items)}):")
        lines += [f"  - {item}" for item in items] or ["  (không có)"]
    return "\n".join(lines)
