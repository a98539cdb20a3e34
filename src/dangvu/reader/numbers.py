"""Numbers as Vietnamese texts write them: "." groups thousands ("4.138", "98.908"), "," marks decimals
("12,5%"), and words before a number say it is approximate ("gần", "khoảng") or a bound ("hơn", "trên").

Owns `NUMBER_PATTERN`, `parse_number` and the qualifier words.
"""

from __future__ import annotations

import re

NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
NUMBER_RE = re.compile(rf"(?<![\w.,/])(?:{NUMBER_PATTERN})(?![\w]|[.,/]\d)")

APPROXIMATE_WORDS: tuple[str, ...] = (
    "gần",
    "khoảng",
    "xấp xỉ",
    "ước",
    "ước tính",
    "chừng",
    "hầu hết",
    "gần như",
)
LOWER_BOUND_WORDS: tuple[str, ...] = ("hơn", "trên", "ít nhất", "không dưới", "vượt")
UPPER_BOUND_WORDS: tuple[str, ...] = ("dưới", "không quá", "tối đa", "chưa đến")

_QUALIFIER_RE = re.compile(
    r"(?<!\w)(?P<word>"
    + "|".join(sorted(APPROXIMATE_WORDS + LOWER_BOUND_WORDS + UPPER_BOUND_WORDS, key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)


def parse_number(text: str) -> int | float:
    """ "4.138" → 4138, "98.908" → 98908, "12,5" → 12.5, "57" → 57."""
    clean = text.strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", clean):
        clean = clean.replace(".", "")
    clean = clean.replace(",", ".")
    value = float(clean)
    return int(value) if value.is_integer() and "." not in clean else value


def qualifier_before(text: str, position: int) -> tuple[str | None, str | None]:
    """The qualifier word before `position` and its meaning: "approximate", "more_than" or "less_than"."""
    match = _QUALIFIER_RE.search(text, max(0, position - 16), position)
    if not match:
        return None, None
    word = match["word"].lower()
    if word in APPROXIMATE_WORDS:
        return match["word"], "approximate"
    return match["word"], "more_than" if word in LOWER_BOUND_WORDS else "less_than"
