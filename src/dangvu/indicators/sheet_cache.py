"""Sheets of periods that are over, kept in this process's memory between requests.

A sheet is kept under the data generation it was computed at (`freshness`): after any committed write to
what sheets read, the generation moves on and every kept sheet stops being served. Only periods that have
ended are kept (a running quarter is computed fresh on every request, as the issue of the roll-up asks),
and at most `DANGVU_SHEET_CACHE_CELLS` figures in all (units × indicators; least recently used first out),
so a nation's sheet, bigger than that, is never held.

Sheets are shared between requests and threads: nothing that reads a `Sheet` may change it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from django.conf import settings

T = TypeVar("T")
_lock = threading.Lock()
_kept: OrderedDict[tuple[Hashable, ...], tuple[Any, int]] = OrderedDict()
_cells = 0


def limit() -> int:
    return int(getattr(settings, "DANGVU_SHEET_CACHE_CELLS", 1_000_000))


def get(key: tuple[Hashable, ...]) -> Any | None:
    with _lock:
        found = _kept.get(key)
        if found is None:
            return None
        _kept.move_to_end(key)
        return found[0]


def put(key: tuple[Hashable, ...], sheet: Any, cells: int) -> None:
    global _cells
    if cells > limit():
        return
    with _lock:
        if key in _kept:
            return
        _kept[key] = (sheet, cells)
        _cells += cells
        while _cells > limit() and _kept:
            _, (_, gone) = _kept.popitem(last=False)
            _cells -= gone


# Small values derived from the same records (the last day the tree changed before a date, whether a
# province is self-contained on a day, who inherits a closed unit's records): kept for one generation.
_small: dict[tuple[Hashable, ...], Any] = {}
_small_generation: tuple[str, int] | None = None
SMALL_LIMIT = 10_000


def remember(alias: str, generation: int, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
    """`make()` once per generation of the database `alias` (any newer generation drops them all)."""
    global _small_generation
    with _lock:
        if _small_generation != (alias, generation) or len(_small) >= SMALL_LIMIT:
            _small.clear()
            _small_generation = (alias, generation)
        if key in _small:
            return cast(T, _small[key])
    value = make()
    with _lock:
        if _small_generation == (alias, generation):
            _small[key] = value
    return value


_making: dict[tuple[Hashable, ...], threading.Lock] = {}


@contextmanager
def making(key: tuple[Hashable, ...]) -> Iterator[None]:
    """Held while one thread computes what will be kept under `key`: twenty people opening the same
    dashboard at once wait for one computation instead of making twenty (callers look again inside)."""
    with _lock:
        mine = _making.setdefault(key, threading.Lock())
    with mine:
        yield
    with _lock:
        if _making.get(key) is mine and not mine.locked():
            del _making[key]


def forget(alias: str | None = None) -> None:
    """Drop every kept sheet and value (of one database alias, or all)."""
    global _cells, _small_generation
    with _lock:
        for key in [k for k in _kept if alias is None or k[0] == alias]:
            _cells -= _kept.pop(key)[1]
        _small.clear()
        _small_generation = None


def size() -> tuple[int, int]:
    """(sheets kept, figures kept): for the tests and the bench."""
    with _lock:
        return len(_kept), _cells
