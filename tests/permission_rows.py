"""The permission matrix's vocabulary: role levels, `Row` (how to test one URL) and the builders of its
URLs for commune A (inside) and commune B (outside).
The table itself: `permission_pages`, `permission_api`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from permission_world import LEVELS, World

VIEWER, EDITOR, APPROVER, ADMIN = 10, 20, 30, 40
TOP = 99  # only an administrator of a top organisation: no role at commune A is enough
ANYONE = 0  # any logged-in user
ROLES = ("anonymous", *LEVELS)
TODAY = dt.date.today().isoformat()
ON_MONTH = "2024-04"  # the month of the world's conferences (permission_world.ON)
ON_DATE = dt.date(2024, 4, 14)  # permission_world.ON

Build = Callable[[World, str, str], dict[str, Any]]  # (world, "A" or "B", role) -> kwargs / query / body


@dataclass(frozen=True)
class Row:
    get: int | None = VIEWER  # lowest level that may GET; None: the URL answers POST only
    post: int | None = None  # lowest level that may POST (a write, or a read by POST)
    kwargs: Build | None = None  # URL kwargs (inside and outside); None: the URL takes none
    query: Build | None = None  # the query that points outside (?org=B) for pages without kwargs
    body: Build | None = None  # the POST body; for forms without kwargs, "outside" is B's code in it
    ok: int = 200  # GET answer when allowed
    posted: int = 302  # POST answer when allowed
    post_refused: int = 302  # POST answer inside with too little role
    post_outside: int = 404  # POST answer outside
    writes: bool = True  # an allowed POST writes something (checked), False: reads by POST or not checked
    anonymous: int | None = None  # the answer to anonymous users when not the login page / 401
    scoped: bool = True  # False: the page concerns only the user (own tokens, the reader): no outside case
    fresh: bool = False  # True: the request ends the session (logout): a new client for each request


def code(w: World, s: str, r: str) -> dict[str, Any]:
    return {"code": w[s].commune.code}


def org_q(w: World, s: str, r: str) -> dict[str, Any]:
    return {"org": w[s].commune.code}


def obj(key: str, name: str = "pk", **extra: Any) -> Build:
    return lambda w, s, r: {name: w[s][key].pk, **extra}


def member(w: World, s: str, r: str) -> dict[str, Any]:
    return {"member_id": w[s].members[0].pk}


def const(**values: Any) -> Build:
    return lambda w, s, r: dict(values)


def with_code(key: str, cell: bool = False, **extra: Any) -> Build:
    return lambda w, s, r: {key: (w[s].cell if cell else w[s].commune).code, **extra}


def _indicator(code_: str) -> int:
    from dangvu.indicators.models import Indicator

    return Indicator.objects.get(code=code_).pk
