"""What `dangvu import KIND` and `dangvu export KIND` can move, and which app's module does it.

Each module named here provides `add_import_arguments(parser)`, `run_import(opts, out, err)`,
`add_export_arguments(parser)` and `run_export(opts, out, err)`; the two runs return "" on success, else
why they failed (the command then exits non-zero). An app that adds a kind adds one line here.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import CommandParser, OutputWrapper

from dangvu.core.text import vn_number

MAX_ERRORS_SHOWN = 200

KINDS: dict[str, str] = {
    "members": "dangvu.members.cli",
    "candidates": "dangvu.members.candidate_cli",
    "tasks": "dangvu.assignments.cli",
}


class System:
    """The command line acting with every right, like a superuser."""

    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None


def kind_module(kind: str) -> ModuleType:
    return importlib.import_module(KINDS[kind])


def add_kind_subparsers(parser: CommandParser, direction: str, helps: dict[str, str]) -> None:
    subparsers = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind in KINDS:
        sub = subparsers.add_parser(kind, help=helps.get(kind, kind))
        getattr(kind_module(kind), f"add_{direction}_arguments")(sub)
        sub.add_argument("--user", help="thực hiện với quyền của người dùng này (mặc định: toàn quyền)")


def acting_user(username: str | None) -> Any:
    """Who a command acts as: `System` by default, or the named user (an unknown name sees nothing)."""
    if not username:
        return System()
    return get_user_model().objects.filter(username=username).first() or AnonymousUser()


def refused(errors: list[Any], err: OutputWrapper) -> str:
    """Write an import's errors (the first `MAX_ERRORS_SHOWN`, then how many more) and say why nothing was
    written: what every `run_import` returns when its file is refused."""
    for e in errors[:MAX_ERRORS_SHOWN]:
        err.write(str(e))
    if len(errors) > MAX_ERRORS_SHOWN:
        err.write(f"… và {vn_number(len(errors) - MAX_ERRORS_SHOWN)} lỗi khác.")
    return f"Tệp có {vn_number(len(errors))} lỗi; không ghi gì."
