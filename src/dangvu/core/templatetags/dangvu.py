"""Template filters: Vietnamese number formatting."""

from __future__ import annotations

from typing import Any

from django import template

from dangvu.core.text import vn_number

register = template.Library()


@register.filter
def vn(value: int | float | str | None) -> str:
    """98908 → '98.908'; floats are rounded; an empty value shows as an empty string."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = float(value.replace(".", "").replace(",", ""))
    return vn_number(round(value))


@register.filter
def version_token(record: Any) -> str:
    """The record's version token for a form's hidden `version` field (core/versions.py)."""
    from dangvu.core.versions import version_of

    return version_of([record])
