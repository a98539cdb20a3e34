"""Figures: percentages ("đạt 57% chỉ tiêu kế hoạch"), coverage ("16/35 đảng ủy") and counts ("4.138 chi bộ"),
each with the indicator it speaks of, and whether the text calls it a target ("chỉ tiêu Đại hội 95% …"),
forecasts it ("có khả năng không đạt") or gives it loosely ("gần 98.908 đảng viên").

Owns what counts as a figure: a number with "%", a ratio or a number before a counted noun. Durations,
anniversaries, ordinals, dates and document numbers are not figures.
"""

from __future__ import annotations

import re
from typing import Any

from dangvu.reader.lexicon import COUNT_UNITS, GLUED_UNITS
from dangvu.reader.numbers import NUMBER_PATTERN, parse_number, qualifier_before

# Case-insensitive: "386 Đảng bộ cơ sở" as often as "386 đảng bộ cơ sở".
_UNIT_RE = re.compile(
    r"\s?(?P<unit>" + "|".join(sorted(map(re.escape, COUNT_UNITS), key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(rf"(?<![\w.,/])(?P<num>{NUMBER_PATTERN})\s?(?:%|phần trăm)")
_RATIO_RE = re.compile(r"(?<![\w.,/])(?P<num>\d{1,6})\s?/\s?(?P<of>\d{1,6})(?![\w/]|[.,]\d)")
_GLUED = "|".join(map(re.escape, GLUED_UNITS))
_COUNT_RE = re.compile(rf"(?<![\w.,/])(?P<num>{NUMBER_PATTERN})(?!(?!(?:{_GLUED})(?!\w))[\w%]|[.,/]\d)")
# A ratio measured against a quota may exceed it and go without a unit ("Xã A 8/7, xã B 6/7 so với chỉ tiêu").
_QUOTA_RE = re.compile(r"(?<!\w)(?:chỉ tiêu|kế hoạch|so với|được giao|giao)(?!\w)", re.IGNORECASE)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:thứ|lần|(?<!tổng )số|khóa|khoá|quý|tháng|năm|ngày|điều|khoản|mục|chương|phần|kỳ|giai đoạn"
    r"|Covid|-)\s*$",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"(?:chỉ tiêu|mục tiêu|phấn đấu)(?:\s+(?:Đại hội|kế hoạch|đề ra|năm \d{4}))?\s*(?:là\s+|đạt\s+)?$",
    re.IGNORECASE,
)
_OF_TARGET_AFTER = re.compile(
    r"\s*(?:chỉ tiêu(?: kế hoạch)?(?: năm)?|kế hoạch(?: năm)?|KH|dự toán(?: năm)?)(?!\w)"
)
_ESTIMATE_BEFORE = re.compile(r"(?<!\w)ước(?: tính)?(?: đạt)?\s+$")
_FORECAST_RE = re.compile(
    r"(?:khó có khả năng|có khả năng|có thể|dự kiến|dự báo|ước|nguy cơ)(?:\s+[^\s,;.]+){0,3}?\s+"
    r"(?:không\s+|chưa\s+)?(?:đạt|hoàn thành|vượt)(?!\w)",
    re.IGNORECASE,
)
_VERB_BEFORE = re.compile(
    r"\s*(?:đã\s+|chỉ\s+|ước\s+|ước tính\s+)?"
    r"(?:đạt|hoàn thành|chiếm|bằng|tăng|giảm|là|có|được)(?:\s+được)?\s*$"
)
_LEADING_NOISE = re.compile(r"^(?:công tác|việc|tỷ lệ|số)\s+", re.IGNORECASE)
_PREDICATE_END = re.compile(r"[;.:\n]|,\s+(?:một số|các|nhiều|đồng thời|trong đó|nhưng|song)\s")


def _clause_start(text: str, lower: int, at: int) -> int:
    start = lower
    for match in re.finditer(r"[;:\n]|\.(?!\d)", text[lower:at]):
        start = lower + match.end()
    return start


def _clause_end(text: str, at: int, upper: int) -> int:
    match = re.compile(r"[;.\n]").search(text, at, upper)
    return match.start() if match else upper


def _indicator_before(text: str, lower: int, at: int) -> tuple[str | None, int]:
    """What a figure measures when the clause says it first ("phát triển đảng viên mới đạt 57% …")."""
    start = _clause_start(text, lower, at)
    verb = _VERB_BEFORE.search(text, start, at)
    if not verb:
        return None, at
    # The last comma-part that says something ("Năm 2023, toàn Đảng bộ kết nạp 312 đảng viên, đạt 104%").
    parts = [m for m in re.finditer(r"[^,]+", text[start : verb.start()]) if m.group().strip()]
    if not parts:
        return None, at
    first = len(parts) - 1
    while first > 0 and len(" ".join(p.group() for p in parts[first:]).split()) < 3:
        first -= 1
    from_at = start + parts[first].start()
    phrase = _LEADING_NOISE.sub("", " ".join(text[from_at : start + parts[-1].end()].split()))
    return (phrase or None), from_at


def _noun_phrase_after(text: str, at: int, upper: int, words: int = 9) -> tuple[str, int]:
    """The noun phrase after a number (the indicator, without "đạt") and where it ends in `text`."""
    end = _clause_end(text, at, upper)
    raw = re.split(r",|\s(?:với|và|năm nay|có khả năng|có thể|trong đó)\s", text[at:end])[0]
    kept = list(re.finditer(r"\S+", raw))[:words]
    if not kept:
        return "", at
    phrase = re.sub(r"(?<!\w)đạt\s+", "", " ".join(m.group() for m in kept))
    return phrase, at + kept[-1].end()


def _qualify(figure: dict[str, Any], text: str, start: int, upper: int, end: int) -> None:
    _, meaning = qualifier_before(text, start)
    if meaning == "approximate":
        figure["approximate"] = True
    elif meaning:
        figure["bound"] = meaning
    if _ESTIMATE_BEFORE.search(text, max(0, start - 16), start):
        figure["approximate"] = True
    if _TARGET_BEFORE.search(text, max(0, start - 40), start):
        figure["is_target"] = True
    forecast = _FORECAST_RE.search(text, end, _clause_end(text, end, upper))
    if forecast:
        figure["forecast"] = forecast.group()


Span = tuple[int, int]


def _is_free(used: list[Span], s: int, e: int) -> bool:
    return not any(s < te and ts < e for ts, te in used)


def _percent_figures(text: str, start: int, end: int, used: list[Span]) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for match in _PERCENT_RE.finditer(text, start, end):
        if not _is_free(used, match.start(), match.end()):
            continue
        value = parse_number(match["num"])
        indicator, from_at = _indicator_before(text, start, match.start())
        after = _OF_TARGET_AFTER.match(text, match.end(), end)
        to_at = after.end() if after else match.end()
        figure: dict[str, Any] = {"value": value, "unit": "%", "of": None}
        if indicator is None:
            indicator, to_at = _noun_phrase_after(text, match.end(), end, words=14)
            target = _TARGET_BEFORE.search(text, max(start, match.start() - 40), match.start())
            from_at = target.start() if target else match.start()
        figure["indicator"] = _LEADING_NOISE.sub("", indicator) if indicator else None
        if after:
            figure["of_target"] = True
        _qualify(figure, text, match.start(), end, to_at)
        figures.append({"text": text[from_at:to_at].strip(), **figure, "start": from_at, "end": to_at})
        used.append((match.start(), match.end()))

    return figures


def _ratio_figures(text: str, start: int, end: int, used: list[Span]) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    ratios = [m for m in _RATIO_RE.finditer(text, start, end) if _is_free(used, m.start(), m.end())]
    for index, match in enumerate(ratios):
        unit = _UNIT_RE.match(text, match.end(), end)
        value, of = int(match["num"]), int(match["of"])
        sentence_start = _clause_start(text, start, match.start())
        quota = _QUOTA_RE.search(text, sentence_start, _clause_end(text, match.end(), end)) is not None
        # Without a unit, only a ratio listed after a name or a colon against a quota ("Xã A 8/7"), never a
        # day and month ("8/7" alone).
        unitless = (
            not unit and quota and re.search(r"(?:[^\W\d_]|:)\s*$", text[sentence_start : match.start()])
        )
        if of == 0 or (value > of and not quota) or not (unit or unitless):
            continue
        unit_text = unit.group() if unit else ""
        tail = match.end() + len(unit_text)
        while index + 1 < len(ratios) and re.fullmatch(
            r"[\s,]+(?:và\s+)?", text[tail : ratios[index + 1].start()]
        ):
            index += 1
            nxt = _UNIT_RE.match(text, ratios[index].end(), end)
            tail = ratios[index].end() + (len(nxt.group()) if nxt else 0)
        predicate = re.split(_PREDICATE_END, text[tail : _clause_end(text, tail, end) + 1])[0].strip(" ,")
        if not unit:  # the indicator is what the clause says before the list
            predicate = " ".join(text[sentence_start : match.start()].split()).rstrip(" :,")
        figure = {
            "text": text[match.start() : match.end() + len(unit_text)],
            "value": value,
            "unit": unit["unit"] if unit else None,
            "of": of,
            "indicator": predicate or None,
        }
        _qualify(figure, text, match.start(), end, match.end())
        figures.append({**figure, "start": match.start(), "end": match.end() + len(unit_text)})
        used.append((match.start(), match.end()))

    return figures


def _count_figures(text: str, start: int, end: int, used: list[Span]) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for match in _COUNT_RE.finditer(text, start, end):
        if not _is_free(used, match.start(), match.end()):
            continue
        unit = _UNIT_RE.match(text, match.end(), end)
        if not unit or _NOT_A_COUNT_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        phrase, to_at = _noun_phrase_after(text, match.end(), end, words=10)
        indicator: str | None = f"số {phrase}" if phrase else None
        qualifier, _ = qualifier_before(text, match.start())
        from_at = match.start() - (len(qualifier) + 1 if qualifier else 0)
        if unit["unit"].endswith("đồng") and unit["unit"] != "đồng chí":  # money: what the clause says it is
            indicator, clause_at = _indicator_before(text, start, from_at)
            from_at, to_at = min(from_at, clause_at), match.end() + len(unit.group())
        figure = {
            "text": text[from_at:to_at].strip(),
            "value": parse_number(match["num"]),
            "unit": unit["unit"],
            "of": None,
            "indicator": indicator,
        }
        _qualify(figure, text, match.start(), end, to_at)
        figures.append({**figure, "start": from_at, "end": to_at})
    return figures


# "gần 6 ngàn", "hơn 1,2 nghìn đảng viên": a number times a thousand (money keeps "nghìn đồng" as its unit).
_SCALED_RE = re.compile(
    rf"(?<![\w.,/])(?P<num>{NUMBER_PATTERN})\s+(?P<scale>nghìn|ngàn)(?!\s+(?:tỷ|đồng|USD))(?!\w)",
    re.IGNORECASE,
)
# A count written in a word ("một đảng bộ bộ phận", "hai chi bộ"); "năm" is left out: it is also "year".
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_WORD_COUNT_RE = re.compile(
    r"(?<!\w)(?<!mỗi )(?<!từng )(?<!thứ )(?P<word>" + "|".join(_NUMBER_WORDS) + r")(?=\s)", re.IGNORECASE
)


def _scaled_figures(text: str, start: int, end: int, used: list[Span]) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for match in _SCALED_RE.finditer(text, start, end):
        if not _is_free(used, match.start(), match.end()):
            continue
        unit = _UNIT_RE.match(text, match.end(), end)
        to_at = match.end() + (len(unit.group()) if unit else 0)
        if unit:
            unit_name: str | None = unit["unit"]
        else:  # "nâng tổng số đảng viên … lên gần 6 ngàn": the noun the clause counts
            clause = text[_clause_start(text, start, match.start()) : match.start()]
            counted = re.search(r"(?<!\w)số(?=\s)", clause)
            after_so = _UNIT_RE.match(clause, counted.end()) if counted else None
            nouns = [
                m["unit"] for m in _UNIT_RE.finditer(clause) if m.start() == 0 or clause[m.start() - 1] == " "
            ]
            unit_name = after_so["unit"] if after_so else (nouns[-1] if nouns else None)
        if unit_name is None:
            continue
        qualifier, _ = qualifier_before(text, match.start())
        from_at = match.start() - (len(qualifier) + 1 if qualifier else 0)
        indicator, _ = _indicator_before(text, start, from_at)
        figure = {
            "text": text[from_at:to_at].strip(),
            "value": parse_number(match["num"]) * 1000,
            "unit": unit_name,
            "of": None,
            "indicator": indicator,
        }
        _qualify(figure, text, match.start(), end, to_at)
        figures.append({**figure, "start": from_at, "end": to_at})
        used.append((match.start(), match.end()))
    return figures


def _word_count_figures(text: str, start: int, end: int, used: list[Span]) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for match in _WORD_COUNT_RE.finditer(text, start, end):
        unit = _UNIT_RE.match(text, match.end(), end)
        if not unit or not _is_free(used, match.start(), match.end()):
            continue
        phrase, to_at = _noun_phrase_after(text, match.end(), end, words=10)
        figure = {
            "text": text[match.start() : to_at].strip(),
            "value": _NUMBER_WORDS[match["word"].lower()],
            "unit": unit["unit"],
            "of": None,
            "indicator": f"số {phrase}" if phrase else None,
        }
        figures.append({**figure, "start": match.start(), "end": to_at})
        used.append((match.start(), match.end()))
    return figures


def find_figures(text: str, start: int, end: int, taken: list[Span]) -> list[dict[str, Any]]:
    """Figures in text[start:end], skipping spans already read as dates, periods or documents."""
    used = list(taken)  # each finder adds the numbers it has read
    figures = _percent_figures(text, start, end, used) + _ratio_figures(text, start, end, used)
    figures += _scaled_figures(text, start, end, used)
    figures += _count_figures(text, start, end, used) + _word_count_figures(text, start, end, used)
    return sorted(figures, key=lambda f: f["start"])


_CONTEXT_WORDS = 5


def _words_before(text: str, at: int) -> set[str]:
    """The words of the comma-part before a number ("…, chuyển chính thức 3 đ/c": "chuyển chính thức")."""
    lower = max(0, at - 80)
    part_start = lower
    for match in re.finditer(r"[,;:\n]|\.(?!\d)|\(", text[lower:at]):
        part_start = lower + match.end()
    clause = text[part_start:at]
    return set(re.findall(r"\w+", clause)[-_CONTEXT_WORDS:])


def _same_marks(a: set[str], b: set[str]) -> bool:
    """ "55 năm tuổi Đảng có 3 đ/c", "30 năm tuổi Đảng có 3 đ/c"; "xã An Phú có 3 chi bộ", "xã Bình Phú có
    3 chi bộ": another number or another name before, another count."""
    return {w for w in a if w.isdigit() or w[0].isupper()} == {w for w in b if w.isdigit() or w[0].isupper()}


def _overlap(a: set[str], b: set[str]) -> int:
    return len({w.casefold() for w in a} & {w.casefold() for w in b})


def drop_repeats(text: str, figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures without a count the article states again ("… dấu hiệu vi phạm 02 đảng viên" twice): a later
    count with the same value and unit whose words before it are mostly those of the earlier one."""
    kept: list[dict[str, Any]] = []
    for figure in figures:
        if figure.get("of") is None and figure.get("unit") and figure.get("unit") != "%":
            words = _words_before(text, figure["start"])
            repeated = any(
                k["value"] == figure["value"]
                and k["unit"] == figure["unit"]
                and k.get("of") is None
                and len(words) >= 3
                and _same_marks(words, _words_before(text, k["start"]))
                and _overlap(words, _words_before(text, k["start"])) >= 0.6 * len(words)
                for k in kept
            )
            if repeated:
                continue
        kept.append(figure)
    return kept
