"""The article as HTML with every fact the reader found marked where it was written.

Owns how facts' character offsets become `<mark>` runs: each character takes the kind of the narrowest fact
covering it (a date inside a task shows as the date), page furniture the reader ignored is greyed, and every
piece of the text is escaped before any markup is added.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Kind of fact → (CSS class, Vietnamese label). Order is the legend's order.
FACT_KINDS: dict[str, tuple[str, str]] = {
    "date": ("fact-date", "Ngày hội nghị"),
    "chairs": ("fact-chair", "Chủ trì"),
    "people": ("fact-person", "Người, chức vụ"),
    "documents": ("fact-document", "Văn bản"),
    "figures": ("fact-figure", "Số liệu"),
    "deadlines": ("fact-deadline", "Thời hạn"),
    "tasks": ("fact-task", "Nhiệm vụ"),
    "limitations": ("fact-limitation", "Hạn chế"),
}
_FURNITURE = "furniture"


def fact_spans(facts: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every fact with offsets."""
    spans: list[tuple[int, int, str]] = []
    event = facts.get("event") or {}
    if event.get("date_start") is not None:
        spans.append((event["date_start"], event["date_end"], "date"))
    for kind in ("chairs", "people", "documents", "figures", "deadlines", "tasks", "limitations"):
        for fact in facts.get(kind) or []:
            if isinstance(fact, dict) and fact.get("start") is not None and fact.get("end") is not None:
                spans.append((int(fact["start"]), int(fact["end"]), kind))
    return spans


def _paint(text: str, body: str, spans: list[tuple[int, int, str]]) -> list[str | None]:
    kinds: list[str | None] = [
        _FURNITURE if body[i] != text[i] and not text[i].isspace() else None for i in range(len(text))
    ]
    # Widest first, so that a narrower fact inside a wider one (a deadline in a task) shows on top; of two
    # facts on the same words, the one earlier in FACT_KINDS (a chair before a person) shows.
    order = {kind: index for index, kind in enumerate(FACT_KINDS)}
    for start, end, kind in sorted(spans, key=lambda s: (s[0] - s[1], -order[s[2]])):
        for i in range(max(0, start), min(len(text), end)):
            kinds[i] = kind
    return kinds


def highlight(text: str, body: str, facts: dict[str, Any]) -> SafeString:
    """`text` as escaped HTML with `<mark>`s on facts; `body` is the same text with furniture blanked."""
    kinds = _paint(text, body, fact_spans(facts))
    parts: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and kinds[i] == kinds[start]:
            continue
        piece = escape(text[start:i])
        kind = kinds[start]
        if kind == _FURNITURE:
            parts.append(f'<span class="text-body-tertiary" title="Phần trang, không đọc">{piece}</span>')
        elif kind is not None:
            css, label = FACT_KINDS[kind]
            parts.append(f'<mark class="{css}" title="{label}">{piece}</mark>')
        else:
            parts.append(str(piece))
        start = i
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
