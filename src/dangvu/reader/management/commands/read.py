"""`dangvu read FILE [--json]` prints the facts read from one text; `dangvu read --eval DIR` scores the reader
on a corpus folder (texts and gold.jsonl) and prints precision, recall and F1 per field."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dangvu.reader.reader import evaluate, read_file
from dangvu.reader.render import render_facts
from dangvu.reader.scoring import format_table


class Command(BaseCommand):
    help = "Đọc một văn bản (.txt, .html, .docx) và in các thông tin tìm được; --eval: chấm điểm bộ đọc."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", nargs="?", help="tệp văn bản cần đọc (.txt, .html, .docx)")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument("--eval", metavar="DIR", help="chấm điểm trên thư mục có gold.jsonl")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["eval"]:
            folder = Path(options["eval"])
            if not (folder / "gold.jsonl").is_file():
                raise CommandError(f"Không thấy tệp gold.jsonl trong thư mục {folder}")
            self.stdout.write(format_table(evaluate(folder)))
            return
        if not options["file"]:
            raise CommandError("Cần tên tệp văn bản (hoặc --eval THƯ_MỤC).")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}")
        try:
            facts = read_file(path)
        except (OSError, ValueError) as error:
            raise CommandError(f"Không đọc được tệp {path}: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_facts(facts))
