"""`dangvu restore FILE`: restore a backup into an empty database (DANGVU_DATABASE_URL), then migrate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core.errors import DomainError
from dangvu.operations import backup as ops


class Command(BaseCommand):
    help = "Phục hồi một bản sao lưu vào cơ sở dữ liệu trống rồi kiểm tra từng bảng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp sao lưu (dangvu backup)")

    def handle(self, *args: Any, **opts: Any) -> None:
        started = dt.datetime.now()
        try:
            result = ops.restore(opts["file"])
        except DomainError as e:
            raise CommandError(e.message) from e
        took = (dt.datetime.now() - started).total_seconds()
        self.stdout.write(
            f"Đã phục hồi {result.engine}: {result.tables} bảng, {result.rows:,} dòng khớp từng bảng "
            f"với bản sao lưu; {result.media_files} tệp đính kèm ({took:.1f} giây)."
        )
        if result.migrations_applied:
            self.stdout.write(f"Đã nâng cấp cấu trúc: {', '.join(result.migrations_applied)}")
