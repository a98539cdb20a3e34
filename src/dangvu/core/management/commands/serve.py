"""`dangvu serve`: run Dangvu with waitress, a production WSGI server that needs nothing else installed.

`--worker` also runs background jobs in a thread of the same process (what `dangvu demo` does); in
production run `dangvu worker` as its own service instead, so it can be restarted on its own.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chạy máy chủ Dangvu (waitress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:CỔNG (mặc định 127.0.0.1:8000)")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--worker", action="store_true", help="chạy cả máy chạy việc nền trong tiến trình này"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from waitress import serve  # type: ignore[import-untyped]

        from dangvu.wsgi import application

        call_command("migrate", verbosity=0, interactive=False)
        host, _, port = opts["addr"].rpartition(":")
        if opts["worker"]:
            from dangvu.jobs.worker import start_thread

            start_thread()
            self.stdout.write("Máy chạy việc nền đã bật cùng máy chủ (dangvu serve --worker).")
        self.stdout.write(f"Dangvu đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)")
        self.stdout.flush()
        serve(application, host=host, port=int(port), threads=opts["threads"], ident="dangvu")
