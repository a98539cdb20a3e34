"""A conference's source text as HTML, with each fact read from it marked where it was written.

Owns the marking of `Meeting.source_text`: figures and shortcomings (by their own offsets, each with an
anchor the conference page links to) and the other facts kept in `Meeting.source_marks`. Each character
takes the kind of the narrowest fact covering it; the text is escaped before any markup is added.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dangvu.meetings.models import Meeting

# Kind of fact → (CSS class, Vietnamese label).
MARK_KINDS: dict[str, tuple[str, str]] = {
    "date": ("fact-date", "Ngày hội nghị"),
    "chairs": ("fact-chair", "Chủ trì"),
    "people": ("fact-person", "Người, chức vụ"),
    "documents": ("fact-document", "Văn bản"),
    "figures": ("fact-figure", "Số liệu"),
    "deadlines": ("fact-deadline", "Thời hạn"),
    "tasks": ("fact-task", "Nhiệm vụ"),
    "shortcomings": ("fact-limitation", "Hạn chế"),
}


def figure_anchor(pk: int) -> str:
    return f"nguon-so-lieu-{pk}"


def shortcoming_anchor(pk: int) -> str:
    return f"nguon-han-che-{pk}"


def source_marked(meeting: Meeting) -> SafeString:
    """The kept source text with its facts marked; empty when the conference was not read from a text."""
    text = meeting.source_text
    if not text:
        return mark_safe("")
    spans: list[tuple[int, int, str]] = []
    anchors: dict[int, list[str]] = {}
    for kind, facts, anchor in (
        ("figures", meeting.figures.all(), figure_anchor),
        ("shortcomings", meeting.shortcomings.all(), shortcoming_anchor),
    ):
        for fact in facts:
            if fact.start is not None and fact.end is not None:
                spans.append((fact.start, fact.end, kind))
                anchors.setdefault(fact.start, []).append(anchor(fact.pk))
    for mark in meeting.source_marks or []:
        if mark.get("kind") in MARK_KINDS:
            spans.append((int(mark["start"]), int(mark["end"]), str(mark["kind"])))
    kinds: list[str | None] = [None] * len(text)
    for start, end, kind in sorted(spans, key=lambda s: s[0] - s[1]):  # widest first, narrowest on top
        for i in range(max(0, start), min(len(text), end)):
            kinds[i] = kind
    parts: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and kinds[i] == kinds[start] and i not in anchors:
            continue
        parts.extend(f'<span id="{a}"></span>' for a in anchors.get(start, []))
        piece = escape(text[start:i])
        painted = kinds[start]
        if painted is None:
            parts.append(str(piece))
        else:
            css, label = MARK_KINDS[painted]
            parts.append(f'<mark class="{css}" title="{label}">{piece}</mark>')
        start = i
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped; anchors are ours
