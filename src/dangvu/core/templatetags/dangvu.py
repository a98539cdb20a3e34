"""Template filters: Vietnamese number formatting."""

from django import template

from dangvu.core.text import vn_number

register = template.Library()


@register.filter
def vn(value: int | None) -> str:
    return "" if value is None else vn_number(int(value))
