"""Shortcomings (hạn chế) as the text lists them.

Owns where a list of shortcomings starts — after a noun that announces it and a colon or "như"
("chỉ rõ một số hạn chế … như: …", "những khó khăn, vướng mắc … như: …"), or a paragraph turning with
"Tuy nhiên, …" — and how it splits into items: at ";", at "hay", and at a comma between two clauses that
each say something is lacking ("còn", "chưa", "không", "chậm" …). A cause that is itself a shortcoming
("Nguyên nhân chính do … chậm", "Do … còn chậm, …") is one too.
"""

from __future__ import annotations

import re
from typing import Any

from dangvu.reader.lexicon import SHORTCOMING_MARKERS, SHORTCOMING_NOUNS, SHORTCOMING_OPENERS

_MARKER_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(map(re.escape, SHORTCOMING_MARKERS)) + r")(?!\w)", re.IGNORECASE
)
_INTRO_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(map(re.escape, SHORTCOMING_NOUNS))
    + r")(?!\w)(?:(?!nhiệm vụ|giải pháp|phương hướng|nhấn mạnh)[^.;:\n]){0,120}?(?:như|sau)?\s*:\s*"
    r"|(?<!\w)(?:" + "|".join(map(re.escape, SHORTCOMING_NOUNS)) + r")(?!\w)"
    r"[^.;:\n]{0,120}?\snhư(?:\s*,)?\s+"  # "một số mặt hạn chế như, …"
    # "còn một số tồn tại, hạn chế, nhất là …": what is still lacking, then the worst of it.
    r"|(?<!\w)(?:còn|một số)\s+(?:\S+\s+){0,2}(?:" + "|".join(map(re.escape, SHORTCOMING_NOUNS)) + r")(?!\w)"
    r"[^.;:\n]{0,60}?,?\s(?:nhất là|đặc biệt là)\s+",
    re.IGNORECASE,
)
# "phê bình các Đảng bộ xã chưa quan tâm …": what a meeting criticised (not "tự phê bình và phê bình").
_CRITICISM_RE = re.compile(
    r"(?<!\w)(?<!tự )phê bình(?!\s+(?:và|của|tự)(?!\w))(?!\s*[,.;:])\s+", re.IGNORECASE
)
# A sentence that turns to the remedy ends the list ("Để khắc phục những mặt còn tồn tại, …").
_REMEDY_RE = re.compile(r"(?:Để|Nhằm|Từ đó|Thời gian tới|Trong thời gian tới|Giải pháp)(?!\w)", re.IGNORECASE)
_OPENER_RE = re.compile(r"(?:" + "|".join(map(re.escape, SHORTCOMING_OPENERS)) + r")\s*,\s*")
# A clause opening with one of these goes on with the previous subject ("…, thiếu liên hệ thực tiễn").
_PREDICATE_OPENING_RE = re.compile(
    r"\s*(?:(?:vẫn|cũng|đã|lại|còn|chưa|không|thiếu|chậm|yếu|kém|hạn chế|khó khăn|nhưng|song|mà)(?!\w)|$)",
    re.IGNORECASE,
)
_SPLIT_RE = re.compile(r";|\s+hay\s+|(?:\./\.|[.!?…]+)(?=\s|$)")


def _has_marker(text: str) -> bool:
    return _MARKER_RE.search(text) is not None


# Words that open the predicate a list of subjects shares ("tình trạng xóa tên, cho ra vẫn còn diễn ra").
_SHARED_PREDICATE_RE = re.compile(r"(?:vẫn|cũng|đều|còn|chưa|không)(?!\w)", re.IGNORECASE)


def _joins_nouns(left: str, right_clause: str) -> bool:
    """A comma inside a list of nouns that share one predicate: the left part ends on a noun phrase well after
    its own marker, and the right part is one or two words before the shared predicate."""
    predicate = _SHARED_PREDICATE_RE.search(right_clause)
    if not predicate or len(right_clause[: predicate.start()].split()) > 2:
        return False
    markers = list(_MARKER_RE.finditer(left))
    return bool(markers) and len(left[markers[-1].end() :].split()) >= 3


def _split_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an item at commas that join two complete shortcoming clauses."""
    pieces: list[tuple[int, int]] = []
    begin = start
    for comma in re.finditer(",", text[start:end]):
        at = start + comma.start()
        left, right = text[begin:at], text[at + 1 : end]
        right_clause = re.split(",", right)[0]
        opens_with_predicate = _PREDICATE_OPENING_RE.match(right_clause) is not None
        if (
            _has_marker(left)
            and _has_marker(right_clause)
            and not opens_with_predicate
            and len(right_clause.split()) >= 5  # "…, chất lượng chưa cao": an aspect of the same subject
            and len(left.split()) >= 3
            and not _joins_nouns(left, right_clause)
        ):
            pieces.append((begin, at))
            begin = at + 1
    pieces.append((begin, end))
    return pieces


def _items(
    text: str, start: int, end: int, first_sentence_end: int, *, marked: bool = False
) -> list[tuple[int, int]]:
    """Items of a list of shortcomings; `marked`: each must say what is lacking (the list was not announced
    by a noun such as "hạn chế")."""
    items: list[tuple[int, int]] = []
    begin = start
    bounds = [(m.start(), m.end()) for m in _SPLIT_RE.finditer(text, start, end)] + [(end, end)]
    for b_start, b_end in bounds:
        if b_start > begin:
            for s, e in _split_commas(text, begin, b_start):
                while s < e and not text[s].isalnum():
                    s += 1
                while e > s and not (text[e - 1].isalnum() or text[e - 1] in '”")'):
                    e -= 1
                if e - s < 8:
                    continue
                if s >= first_sentence_end and (not _has_marker(text[s:e]) or _REMEDY_RE.match(text, s, e)):
                    return items  # a later sentence that no longer lists shortcomings ends the list
                if marked and not _has_marker(text[s:e]):
                    continue
                items.append((s, e))
        begin = b_end
    return items


# A sentence giving a cause that is itself a shortcoming: "Nguyên nhân chính do X gửi chậm.", "Do X còn
# chậm, …". Not when the cause leads to a result ("do … nên …"), which says why, not what is lacking.
_CAUSE_RE = re.compile(
    r"(?:(?<=^)|(?<=[.!?…;]\s)|(?<=\n))\s*"
    r"(?:Nguyên nhân(?:\s+chủ yếu|\s+chính)?(?:\s+là)?\s+(?:do\s+)?|Do\s+)"
    r"(?P<cause>[^.;!?\n]{8,240}?)(?=[.;!?\n]|$)"
)


def _causes(text: str, start: int, end: int) -> list[dict[str, Any]]:
    found = []
    for match in _CAUSE_RE.finditer(text, start, end):
        cause = match["cause"]
        if _has_marker(cause) and not re.search(r"(?<!\w)nên(?!\w)", cause):
            s, e = match.start("cause"), match.end("cause")
            found.append({"text": text[s:e].strip(" ,"), "start": s, "end": e})
    return found


def find_limitations(text: str, paragraph_spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for p_start, p_end in paragraph_spans:
        found += _causes(text, p_start, p_end)
        intro = _INTRO_RE.search(text, p_start, p_end)
        opener = _OPENER_RE.match(text, p_start, p_end)
        criticism = None if opener or intro else _CRITICISM_RE.search(text, p_start, p_end)
        if not opener and not intro and not criticism:
            continue
        list_start = max(m.end() for m in (opener, intro, criticism) if m)
        sentence_end = re.compile(r"(?:[.!?…]+)(?=\s+[A-ZĐ]|$)").search(text, list_start, p_end)
        first_end = sentence_end.end() if sentence_end else p_end
        # A criticism is one sentence, each item saying what is lacking.
        list_end = first_end if criticism else p_end
        for s, e in _items(text, list_start, list_end, first_end, marked=criticism is not None):
            item = text[s:e]
            found.append({"text": item, "start": s, "end": e})
    return found
