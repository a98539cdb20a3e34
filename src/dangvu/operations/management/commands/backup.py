"""`dangvu backup -o FILE` or `dangvu backup --dir DIR --keep N`: an online backup of database and files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core.errors import DomainError
from dangvu.operations import backup as ops


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp (khi ứng dụng vẫn chạy)."

    def add_arguments(self, parser: CommandParser) -> None:
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("-o", "--output", type=Path, help="tệp sao lưu cần ghi")
        where.add_argument("--dir", type=Path, help="thư mục sao lưu định kỳ: tệp dangvu-YYYYMMDD-HHMMSS.tar")
        parser.add_argument(
            "--keep", type=int, default=0, help="với --dir: chỉ giữ N bản mới nhất (0: giữ hết)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["output"] is not None:
            target: Path = opts["output"]
        else:
            target = opts["dir"] / ops.backup_name(dt.datetime.now())
        started = dt.datetime.now()
        try:
            result = ops.backup(target)
        except DomainError as e:
            raise CommandError(e.message) from e
        took = (dt.datetime.now() - started).total_seconds()
        self.stdout.write(
            f"Đã sao lưu {result.engine}: {len(result.tables)} bảng, {result.rows:,} dòng, "
            f"{result.media_files} tệp đính kèm → {result.path} "
            f"({result.size_bytes / 1e6:.1f} MB, {took:.1f} giây)"
        )
        if opts["dir"] is not None and opts["keep"] > 0:
            for old in ops.rotate(opts["dir"], opts["keep"]):
                self.stdout.write(f"Đã xoá bản sao lưu cũ {old.name} (giữ {opts['keep']} bản mới nhất)")
