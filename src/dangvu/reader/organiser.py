"""The unit in the tree an article's organiser names: "Huyện ủy Thạch Hà" → Đảng bộ huyện Thạch Hà.

Owns the rewriting of an organiser as written into a search of the organisation tree: the committee's
name ("Tỉnh ủy", "Đảng ủy xã", "Ban Thường vụ …") becomes the party organisation's words ("tỉnh", "xã"),
and the search (`organisations_search`: accent-insensitive, within the user's scope) must leave exactly
one best unit the user may edit; otherwise nothing is proposed.
"""

from __future__ import annotations

import re
from typing import Any

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.core.text import fold
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import organisations_search

# Folded committee words → the words of the organisation's name in the tree.
_COMMITTEE_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bban (?:thuong vu|chap hanh|thuong truc)\b", " "),
    (r"\bthuong truc\b", " "),
    (r"\btinh uy\b", " tinh "),
    (r"\bthanh uy\b", " thanh pho "),
    (r"\bhuyen uy\b", " huyen "),
    (r"\bthi uy\b", " thi xa "),
    (r"\bquan uy\b", " quan "),
    (r"\bchi uy\b", " chi bo "),
    (r"\bdang uy\b", " "),
    (r"\bdang bo\b", " "),
)
_FILLER = {"cua", "va", "cac", "to", "chuc"}


def organiser_words(organiser: str) -> str:
    """The folded words to look the organiser up by: "Huyện ủy Thạch Hà" → "huyen thach ha"."""
    folded = fold(organiser)
    for pattern, replacement in _COMMITTEE_WORDS:
        folded = re.sub(pattern, replacement, folded)
    return " ".join(w for w in re.findall(r"\w+", folded) if w not in _FILLER)


def organiser_match(user: Any, organiser: str | None) -> Organisation | None:
    """The one unit the user may edit whose name best fits the organiser as written, or None."""
    words = organiser_words(organiser or "")
    if len(words.split()) < 2:  # "tỉnh" alone names no unit
        return None
    found = [o for o in organisations_search(user, words) if o.dissolved_on is None]
    found = [o for o in found if user_holds(user, o, RoleLevel.EDITOR)]
    if not found:
        return None
    wanted = len(words.split())

    def extra(org: Organisation) -> int:  # words of the name the organiser did not write
        return len(organiser_words(org.name).split()) - wanted

    best = min(extra(o) for o in found)
    closest = [o for o in found if extra(o) == best]
    return closest[0] if len(closest) == 1 else None
