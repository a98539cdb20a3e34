"""A small fixed-window rate limiter on Django's cache: how many hits a key may make per second/minute/hour.

With the default local-memory cache the count is per process (waitress runs one); several processes share
it through a shared cache (Redis, the database cache)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Rate:
    hits: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """'600/m' → 600 hits a minute; '0/m' turns the limit off."""
        count, _, unit = text.strip().partition("/")
        return cls(int(count), UNITS[unit.strip().lower()[:1] or "m"])


def rate_exceeded(scope: str, key: str, rate: Rate, *, now: float | None = None) -> int:
    """Count one hit of `key` in `scope`; the seconds to wait if it is over `rate` (0: allowed)."""
    if rate.hits <= 0:
        return 0
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    name = f"dv-rate:{scope}:{key}:{window}"
    cache.add(name, 0, timeout=rate.seconds + 1)
    try:
        hits = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=rate.seconds + 1)
        hits = 1
    if hits <= rate.hits:
        return 0
    return max(1, int((window + 1) * rate.seconds - now))
