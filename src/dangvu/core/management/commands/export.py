"""`dangvu export KIND …`: records of one kind (`members` for now) to .xlsx; see `core.management.kinds`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core.management.kinds import add_kind_subparsers, kind_module


class Command(BaseCommand):
    help = "Xuất dữ liệu ra tệp .xlsx (ví dụ: dangvu export members [--org MÃ] [--at NGÀY] -o TỆP.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_kind_subparsers(
            parser,
            "export",
            {
                "members": "xuất sổ đảng viên",
                "candidates": "xuất nguồn phát triển đảng viên",
                "tasks": "xuất nhiệm vụ",
            },
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        failure = kind_module(opts["kind"]).run_export(opts, self.stdout, self.stderr)
        if failure:
            raise CommandError(failure, returncode=2)
