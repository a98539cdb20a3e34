"""People: names with their positions, and who chaired the event.

Owns how a name is recognised (2–4 capitalised syllables opening with a family name, Kinh or minority:
"Thào Hồng Sơn", "Lò Minh Hùng"), how positions attach to it (before: "Phó Bí thư Thường trực Tỉnh ủy
Hoàng Trung Dũng"; after: "đồng chí Ngô Quang Hưởng, Tỉnh ủy viên, Bí thư Đảng ủy Khối"), how title
abbreviations expand ("TT" → "Thường trực") and which people chaired ("dưới sự chủ trì của …", "… chủ trì").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dangvu.reader.lexicon import (
    MEMBER_ROLES,
    NAME_STOPLIST,
    PLACES,
    POSITION_ABBREVIATIONS,
    POSITION_STOPS,
    SURNAME_PREFIXES,
    SURNAMES,
    TITLE_HEADS,
)

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1F00)) if c.islower() and c.isalpha())
# Two or more capitalised words separated by single spaces ("Thào Hồng Sơn", "Hà Tĩnh Hoàng Trung Dũng").
_CAPITALISED = rf"[{_UPPER}](?:['’][{_UPPER}])?[{_LOWER}]*"
_RUN_RE = re.compile(rf"(?<!\w){_CAPITALISED}(?: {_CAPITALISED})+(?!\w)")
_WRITTEN_HEADS = "|".join(sorted(map(re.escape, TITLE_HEADS + MEMBER_ROLES), key=len, reverse=True))
# Abbreviations that stand for a title ("UVBTV", "PBT"), not for a body ("BTV", "TT").
_ABBREVIATED_HEADS = "|".join(
    re.escape(short)
    for short, full in POSITION_ABBREVIATIONS.items()
    if re.match(rf"(?:{_WRITTEN_HEADS})(?!\w)", full, re.IGNORECASE)
)
_HEAD_RE = re.compile(rf"(?<!\w)(?:(?i:{_WRITTEN_HEADS})|{_ABBREVIATED_HEADS})(?!\w)")
_STOP_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(sorted(map(re.escape, POSITION_STOPS), key=len, reverse=True))
    + r")(?!\w)(?<!dự(?= khuyết))|\s+và\s+(?=[a-zđà-ỹ])"  # "Ủy viên dự khuyết" is a title, not "dự"
)
_BOUNDARY_RE = re.compile(r"[,;:(“”\"\n…]|\s[-–]\s|\s(?:và|của|cùng|với)\s|\.\s")
# Where a position written after a name ends; "(UBKT)" spelling out an abbreviation does not end it.
_ITEM_STOP_RE = re.compile(r"[,;:“\"\n…]|\.(?=\s|$)|\((?![A-ZĐ][A-ZĐ.\-]{1,10}\))|\s[-–]\s")
_DEFINED_ABBREVIATION_RE = re.compile(r"\s*\([A-ZĐ][A-ZĐ.\-]{1,10}\)")
_HONORIFIC_RE = re.compile(r"(?:đồng chí|đ/c|ông|bà)\s+$", re.IGNORECASE)
_CHAIR_RE = re.compile(r"(?<!\w)(?:(?:đồng )?chủ trì|làm trưởng đoàn)(?!\w)", re.IGNORECASE)
_PLACE_TOKENS = [tuple(place.split()) for place in sorted(PLACES, key=len, reverse=True)]


@dataclass
class PersonMention:
    name: str
    start: int  # of the name
    end: int
    positions: list[str] = field(default_factory=list)
    span_start: int = 0  # of the whole mention, positions included
    span_end: int = 0
    honorific: bool = False


def _name_in_run(run: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Index range of the name inside a run of capitalised words, after any leading place name."""
    words = [w for _, _, w in run]
    first = 0
    moved = True
    while moved:
        moved = False
        for place in _PLACE_TOKENS:
            if tuple(words[first : first + len(place)]) == place:
                first += len(place)
                moved = True
                break
    for i in range(first, len(words)):
        if (words[i] in SURNAMES or words[i].startswith(SURNAME_PREFIXES)) and 2 <= len(words) - i <= 4:
            return i, len(words)
    return None


def find_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of every full personal name in text[start:end]."""
    names: list[tuple[int, int, str]] = []
    for run_match in _RUN_RE.finditer(text, start, end):
        run = [
            (m.start(), m.end(), m.group())
            for m in _WORD_RE.finditer(text, run_match.start(), run_match.end())
        ]
        found = _name_in_run(run)
        if found:
            s, e = run[found[0]][0], run[found[1] - 1][1]
            name = text[s:e]
            if unicodedata.normalize("NFC", name).casefold() not in NAME_STOPLIST:
                names.append((s, e, name))
    return names


def expand_position(position: str) -> str:
    position = _DEFINED_ABBREVIATION_RE.sub("", position)
    words = [POSITION_ABBREVIATIONS.get(word, word) for word in position.split()]
    return " ".join(words).strip(" ,.-–")


def _position_before(text: str, lower: int, name_start: int) -> tuple[list[str], int] | None:
    """Positions right before a name ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy X") and where they start."""
    bounds = [(m.start(), m.end()) for m in _BOUNDARY_RE.finditer(text, lower, name_start)]
    chunk_start = bounds[-1][1] if bounds else lower
    head = _HEAD_RE.search(text, chunk_start, name_start)
    if not head:
        return None
    position = text[head.start() : name_start].strip()
    if _STOP_RE.search(position) or not position:
        return None
    positions, start = [expand_position(position)], head.start()
    # Earlier comma-separated items that are whole positions belong to the same person.
    # "Ủy viên Trung ương Đảng - Bí thư Tỉnh ủy X": a dash joins positions as a comma does.
    while (
        bounds
        and text[bounds[-1][0] : bounds[-1][1]].strip() in (",", "-", "–")
        and not text[bounds[-1][1] : start].strip()
    ):
        comma = bounds.pop()
        item_start = bounds[-1][1] if bounds else lower
        item_head = _HEAD_RE.search(text, item_start, comma[0])
        if not item_head:
            break
        item = text[item_head.start() : comma[0]].strip(" -–")
        if _STOP_RE.search(item) or _HONORIFIC_RE.search(item):
            break
        positions.insert(0, expand_position(item))
        start = item_head.start()
        if text[item_start:start].strip():
            break  # words before the title ("Đến dự có …") end the chain
    return positions, start


def _positions_after(
    text: str, name_end: int, upper: int, names: list[tuple[int, int, str]]
) -> tuple[list[str], int]:
    """Positions listed after a name ("…, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì"), and their end."""
    items: list[tuple[str, int, str]] = []  # (position, where its separator starts, the separator)
    at = name_end
    while True:
        # ";" goes on with the same person only when a title follows ("A, Ủy viên BTV; Phó Chủ tịch HĐND").
        # "Cường- Bí thư", "Diễm -Phó Bí thư": a dash glued to one side separates too; the first title may
        # follow the name with a bare space ("đồng chí Trịnh Thị Hằng phó bí thư thường trực thị ủy").
        sep = re.match(r"\s*(?:,|;|\s[-–]|[-–](?=\s))\s*", text[at:upper])
        if not sep and not items and at == name_end:
            sep = re.match(r"\s+(?=\S)", text[at:upper])
            if sep and not _HEAD_RE.match(text, at + sep.end(), upper):
                sep = None
        if not sep:
            break
        mark = sep.group().strip().replace("–", "-")
        item_start = at + sep.end()
        head = _HEAD_RE.match(text, item_start, upper)
        if not head:
            break
        stop = _ITEM_STOP_RE.search(text, item_start, upper)
        item_end = stop.start() if stop else upper
        verb = _STOP_RE.search(text, head.end(), item_end)
        if not verb and any(item_start <= s <= item_end for s, _, _ in names):  # runs into the next name
            # "A, Chủ nhiệm UBKT - Chánh Thanh tra tỉnh B": the titles joined by dashes to the next name are
            # that person's ("Chủ nhiệm UBKT - Chánh Thanh tra tỉnh"), not A's; so are those after the last
            # ";" ("A, Chủ tịch HĐND; Phó Bí thư, Chủ tịch UBND B": a list of people).
            while mark == "-" and items:
                _, at, mark = items.pop()
            while ";" in (mark, *(m for _, _, m in items)) and items and mark != ";":
                _, at, mark = items.pop()
            break
        if verb:
            items.append((expand_position(text[item_start : verb.start()]), at, mark))
            at = verb.start()
            break
        items.append((expand_position(text[item_start:item_end]), at, mark))
        at = item_end
    return [p for p, _, _ in items if p], at


def find_people(text: str, start: int, end: int) -> list[PersonMention]:
    """Every person mentioned in text[start:end] with a position or as "đồng chí/ông/bà"."""
    names = find_names(text, start, end)
    mentions = []
    previous_end = start
    for index, (ns, ne, name) in enumerate(names):
        upper = names[index + 1][0] if index + 1 < len(names) else end
        mention = PersonMention(name, ns, ne, span_start=ns, span_end=ne)
        mention.honorific = bool(_HONORIFIC_RE.search(text, max(start, ns - 10), ns))
        before = _position_before(text, previous_end, ns)
        if before:
            mention.positions.extend(before[0])
            mention.span_start = before[1]
        after, mention.span_end = _positions_after(text, ne, upper, names)
        mention.positions.extend(after)
        previous_end = ne
        if mention.positions or mention.honorific:
            mentions.append(mention)
    return mentions


_WINDOW_END_RE = re.compile(
    r"(?:đã\s+)?(?:tổ chức|họp|tiến hành|khai mạc|diễn ra)(?!\w)"
    r"|(?<!\w)(?:tham |cùng |tới |đến )?dự(?!\w)(?! khuyết)"
)


def _chair_window_end(text: str, at: int, end: int) -> int:
    """Where the names after "chủ trì (…) có" stop being chairs: the next verb, or the guests ("tham dự")."""
    verb = _WINDOW_END_RE.search(text, at, end)
    return verb.start() if verb else end


def find_chairs(
    text: str, mentions: list[PersonMention], sentence_spans: list[tuple[int, int]]
) -> list[PersonMention]:
    """Who chaired: "dưới sự chủ trì của X (và Y)", "X, <chức vụ> chủ trì", "chủ trì có đồng chí X"."""
    chairs: list[PersonMention] = []
    for s_start, s_end in sentence_spans:
        for match in _CHAIR_RE.finditer(text, s_start, s_end):
            after_of = re.match(r"\s+(?:của|là|có|gồm)(?:\s+các)?\s", text[match.end() : s_end])
            lead_in = _CHAIR_LEAD_IN_RE.match(text, match.end(), s_end)
            closest = [
                m
                for m in mentions
                if s_start <= m.span_start <= m.span_end <= match.start()
                and _BEFORE_CHAIR_VERB_RE.fullmatch(text, m.span_end, match.start())
            ]
            if after_of or (lead_in and not closest):
                window_end = _chair_window_end(text, match.end(), s_end)
                chairs += [m for m in mentions if match.end() <= m.start < window_end]
                continue
            if closest:
                earlier = [m for m in mentions if s_start <= m.start]
                chairs += _co_chairs(text, closest[0], earlier, s_start)
    return chairs


# "chủ trì Hội nghị, có đồng chí X", "Chủ trì tại điểm cầu Tỉnh ủy có X": the chairs are named after the verb
# (not "có sự tham dự của …", which names guests).
_CHAIR_LEAD_IN_RE = re.compile(
    r"\s*(?:(?:hội nghị|cuộc họp|phiên họp|buổi họp|buổi làm việc|hội thảo)(?!\w))?"
    r"(?:\s*tại\s+[^,.;:\n]{1,60}?)?\s*,?\s*(?:có|là|gồm)(?!\s+sự(?!\w))(?:\s+các)?\s",
    re.IGNORECASE,
)


# Between a chair's titles and "chủ trì": nothing, or "đã", "dự và", "cùng".
_BEFORE_CHAIR_VERB_RE = re.compile(r"\s*(?:(?:đã|sẽ|cùng|(?:tham )?dự và)\s+)?")
_LIST_OPENING_RE = re.compile(r"(?<!\w)các đồng chí\s*:?\s*$", re.IGNORECASE)


def _co_chairs(
    text: str, chair: PersonMention, earlier: list[PersonMention], sentence_start: int
) -> list[PersonMention]:
    """The chair and those listed with them: "X và Y chủ trì"; "các đồng chí: X, …; Y, … đồng chủ trì";
    a sentence opening with titled names, "Bí thư A, Chủ nhiệm UBKT B, Phó Chủ nhiệm C chủ trì"."""
    found = [chair]
    chain: list[PersonMention] = []
    current = chair
    for other in reversed([m for m in earlier if m.span_end <= chair.span_start]):
        gap = text[other.span_end : current.span_start]
        if re.fullmatch(r"\s+và\s+(?:đồng chí\s+)?", gap):
            found.append(other)
            current = other
        elif re.fullmatch(r"\s*[,;]\s*(?:và\s+)?", gap):
            chain.append(other)
            current = other
        else:
            break
    # A list joined by commas or semicolons chairs together only when it opens "các đồng chí", or when
    # the sentence opens with it and every item is a title before a name (no guest list reads that way).
    opened = chain and _LIST_OPENING_RE.search(text, max(0, chain[-1].span_start - 20), chain[-1].span_start)
    titled = (
        chain
        and all(m.span_start < m.start for m in [chair, *chain])
        and re.fullmatch(r"[\W\d_]*", text[sentence_start : chain[-1].span_start])
    )
    if opened or titled:
        found += chain
    return found
