"""Date helpers with no Django import: parsing the ISO dates users type and the 'open' end of a validity."""

from __future__ import annotations

import datetime as dt

from dangvu.core.errors import DomainError


def parse_date(value: str, *, field: str = "ngày") -> dt.date:
    """Parse YYYY-MM-DD (or DD/MM/YYYY, as Vietnamese users write it) or raise a Vietnamese DomainError."""
    text = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise DomainError(
        f"{field.capitalize()} không hợp lệ: «{value}» (cần dạng YYYY-MM-DD hoặc DD/MM/YYYY).", field=field
    )


def is_valid_on(valid_from: dt.date, valid_to: dt.date | None, on: dt.date) -> bool:
    """True when `on` falls in [valid_from, valid_to): the end is exclusive, None means still valid."""
    return valid_from <= on and (valid_to is None or on < valid_to)
