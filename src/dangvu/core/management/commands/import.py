"""`dangvu import KIND …`: records of one kind (`members`, `candidates`, `tasks`) from .xlsx; see
`core.management.kinds`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core.management.kinds import add_kind_subparsers, kind_module


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp .xlsx (ví dụ: dangvu import members TỆP.xlsx [--dry-run])."

    def add_arguments(self, parser: CommandParser) -> None:
        add_kind_subparsers(
            parser,
            "import",
            {
                "members": "nhập đảng viên",
                "candidates": "nhập nguồn phát triển đảng viên",
                "tasks": "nhập nhiệm vụ",
            },
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        failure = kind_module(opts["kind"]).run_import(opts, self.stdout, self.stderr)
        if failure:
            raise CommandError(failure, returncode=2)
