"""`dangvu demo`: build the synthetic province (if the database has none yet) and serve it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from dangvu.demo.activities import build_activities
from dangvu.demo.build import DEMO_PASSWORD, build_demo
from dangvu.demo.figures import build_figures
from dangvu.organisations.models import Organisation


class Command(BaseCommand):
    help = "Tạo tỉnh mô phỏng (dữ liệu giả lập) và chạy Dangvu với dữ liệu đó."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="chỉ tạo dữ liệu, không chạy máy chủ")
        parser.add_argument(
            "--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)"
        )
        parser.add_argument("--rebuild", action="store_true", help="xóa CSDL SQLite hiện có rồi tạo lại")
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help="địa chỉ máy chủ (mặc định 127.0.0.1:8000)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        db = settings.DATABASES["default"]
        if opts["rebuild"]:
            if db["ENGINE"] != "django.db.backends.sqlite3":
                raise CommandError(
                    "--rebuild chỉ dùng cho CSDL SQLite nhúng; với PostgreSQL hãy tạo CSDL mới."
                )
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db['NAME']}{suffix}").unlink(missing_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        if Organisation.objects.filter(code="HL").exists():
            self.stdout.write("Tỉnh mô phỏng đã có trong CSDL; dùng lại.")
        elif Organisation.objects.exists():
            raise CommandError("CSDL đã có dữ liệu khác; demo cần một CSDL trống (DANGVU_DATABASE_URL).")
        else:
            started = time.perf_counter()

            def progress(message: str) -> None:
                self.stdout.write(f"  [{time.perf_counter() - started:5.1f} s] {message}")
                self.stdout.flush()

            summary = build_demo(seed=opts["seed"], progress=progress)
            build_figures(seed=opts["seed"], progress=progress)
            build_activities(seed=opts["seed"], progress=progress)
            self.stdout.write(
                f"Đã tạo tỉnh mô phỏng: {summary.organisations:,} tổ chức, {summary.members:,} đảng viên "
                f"trong {time.perf_counter() - started:.1f} giây (seed {opts['seed']}). "
                "Toàn bộ là dữ liệu giả lập."
            )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        for line in ("quantri — quản trị toàn tỉnh", "xa1, xa2 — cập nhật tại hai xã mới (từ 01/07/2025)"):
            self.stdout.write(f"  {line}")
        if not opts["no_serve"]:
            call_command("serve", addr=opts["addr"], worker=True)  # jobs run out of the box
