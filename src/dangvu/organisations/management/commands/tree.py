"""`dangvu tree [--org CODE] [--depth N] [--at YYYY-MM-DD] [--view was|now] [--json]`: the tree with counts.

Run from the command line it acts as the system (everything visible); `--user NAME` shows what one user sees.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.core.text import vn_number
from dangvu.organisations.selectors import TreeView, tree_snapshot
from dangvu.organisations.tree import TreeNode


class _System:
    """The command line acting with every right, like a superuser."""

    is_authenticated = True
    is_superuser = True
    is_active = True


class Command(BaseCommand):
    help = "In cây tổ chức đảng với số đơn vị và số đảng viên tại mỗi cấp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="mã tổ chức làm gốc (mặc định: cấp cao nhất)")
        parser.add_argument("--depth", type=int, default=None, help="số cấp hiển thị dưới gốc")
        parser.add_argument("--at", help="ngày YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument(
            "--view",
            choices=[v.value for v in TreeView],
            default=TreeView.WAS.value,
            help="was: như cây lúc đó; now: theo tổ chức hiện nay",
        )
        parser.add_argument("--json", action="store_true", help="in JSON")
        parser.add_argument("--user", help="xem với quyền của người dùng này")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            on = parse_date(opts["at"], field="--at") if opts["at"] else dt.date.today()
        except DomainError as e:
            raise CommandError(e.message) from e
        user: Any = _System()
        if opts["user"]:
            user = get_user_model().objects.filter(username=opts["user"]).first() or AnonymousUser()
        snap = tree_snapshot(user, on, TreeView(opts["view"]))
        if opts["org"]:
            node = snap.by_code(opts["org"])
            if node is None:
                raise CommandError(
                    f"Không có tổ chức mã «{opts['org']}» vào ngày {on:%d/%m/%Y} (hoặc ngoài quyền xem)."
                )
            roots = [node]
        else:
            roots = snap.roots
        depth = opts["depth"]
        if opts["json"]:
            out = {"at": on.isoformat(), "view": snap.view.value, "roots": [r.as_dict(depth) for r in roots]}
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"Cây tổ chức ngày {on:%d/%m/%Y} ({snap.view.label})")
        for r in roots:
            self._print(r, 0, depth)

    def _print(self, node: TreeNode, level: int, depth: int | None) -> None:
        parts = [f"{vn_number(node.members)} đảng viên"]
        if node.units_below:
            parts.insert(0, node.units_summary())
        self.stdout.write(f"{'  ' * level}{node.name} [{node.code}] — {'; '.join(parts)}")
        if depth is None or level < depth:
            for c in node.children:
                self._print(c, level + 1, depth)
