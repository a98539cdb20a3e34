"""Vietnamese text helpers with no Django import: folding for accent-insensitive search.

"Thạch Hà", "THACH HA" and "thach ha" all fold to "thach ha"; "Đức Thọ" folds to "duc tho".
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and squeeze white space, for search and sorting keys."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "d").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", bare.lower()).strip()


def vn_number(n: int) -> str:
    """An integer as Vietnamese write it, with dots between thousands: 98908 → '98.908'."""
    return f"{n:,}".replace(",", ".")
