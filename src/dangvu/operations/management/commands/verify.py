"""`dangvu verify`: row counts and checksums of every table, compared between two databases or a backup.

dangvu verify --against postgres://…/restored    the live database (DANGVU_DATABASE_URL) vs another
dangvu verify --backup FILE                      the live database vs what the backup holds
dangvu verify                                    just print the live database's table
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from dangvu.core.errors import DomainError
from dangvu.operations import backup as ops
from dangvu.operations.checksums import TableSum, compare, table_sums


class Command(BaseCommand):
    help = "So sánh số dòng và mã kiểm tra của mọi bảng giữa hai cơ sở dữ liệu (hoặc với một bản sao lưu)."

    def add_arguments(self, parser: CommandParser) -> None:
        other = parser.add_mutually_exclusive_group()
        other.add_argument("--against", metavar="DATABASE_URL", help="cơ sở dữ liệu thứ hai")
        other.add_argument("--backup", type=Path, metavar="FILE", help="so với nội dung một tệp sao lưu")
        parser.add_argument("--quiet", action="store_true", help="chỉ in các bảng khác nhau")

    def handle(self, *args: Any, **opts: Any) -> None:
        live = table_sums()
        other: list[TableSum] | None = None
        label = ""
        try:
            if opts["against"]:
                with ops.extra_connection(dict(dj_database_url.parse(opts["against"]))) as alias:
                    if connections[alias].vendor != connections["default"].vendor:
                        # Different engines: compare values through the models' types, not raw rows.
                        live = table_sums(portable=True)
                        other = table_sums(alias, portable=True)
                    else:
                        other = table_sums(alias)
                label = "cơ sở dữ liệu thứ hai"
            elif opts["backup"]:
                other = ops.manifest_sums(ops.read_manifest(opts["backup"]))
                label = f"bản sao lưu {opts['backup'].name}"
        except DomainError as e:
            raise CommandError(e.message) from e
        if other is None:
            for s in live:
                self.stdout.write(f"{s.table:<45} {s.rows:>10,}  {s.checksum}")
            self.stdout.write(f"{len(live)} bảng, {sum(s.rows for s in live):,} dòng.")
            return
        diffs = compare(live, other)
        if not opts["quiet"]:
            theirs = {s.table: s for s in other}
            differing = {d.table for d in diffs}
            for s in live:
                mark = "≠" if s.table in differing else "="
                o = theirs.get(s.table)
                self.stdout.write(f"{mark} {s.table:<45} {s.rows:>10,} {o.rows if o else '—':>10}")
        for d in diffs:
            self.stdout.write(self.style.ERROR(d.describe()))
        if diffs:
            raise CommandError(f"{len(diffs)} bảng khác nhau giữa cơ sở dữ liệu đang chạy và {label}.")
        self.stdout.write(
            f"Khớp: {len(live)} bảng, {sum(s.rows for s in live):,} dòng, "
            f"cùng số dòng và mã kiểm tra với {label}."
        )
