"""A members import of N rows run as a background job, its progress watched from another connection.

Builds a tiny tree (one province, 20 cells) in an empty database, writes an N-row .xlsx, queues a
`members.import` job, runs `dangvu worker --once` as a separate process and polls the job's row every 0.25 s
the way the job page does, printing what a user would see. Reports the time and how many distinct progress
values were seen while checking and while writing.

Usage: .venv/bin/python bench/jobs_import.py [--rows N]
Uses DANGVU_DATABASE_URL if set (an empty database of yours), else a fresh /tmp/dangvu-jobs-bench.sqlite3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))
if "DANGVU_DATABASE_URL" not in os.environ:
    Path("/tmp/dangvu-jobs-bench.sqlite3").unlink(missing_ok=True)
    os.environ["DANGVU_DATABASE_URL"] = "sqlite:////tmp/dangvu-jobs-bench.sqlite3"
os.environ.setdefault("DANGVU_DATA_DIR", "/tmp/dangvu-jobs-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from dangvu.jobs.models import Job  # noqa: E402
from dangvu.jobs.services import job_enqueue  # noqa: E402
from dangvu.members.xlsx import COLUMNS, SHEET  # noqa: E402
from dangvu.organisations.kinds import OrgKind  # noqa: E402
from dangvu.organisations.services import org_establish  # noqa: E402


def build_tree() -> list[str]:
    start = dt.date(2000, 1, 1)
    top = org_establish(
        actor=None,
        code="BT",
        name="Đảng bộ tỉnh Đo đạc",
        kind=OrgKind.PROVINCIAL,
        parent=None,
        established_on=start,
    )
    codes = []
    for i in range(20):
        cell = org_establish(
            actor=None,
            code=f"BT{i:02d}",
            name=f"Chi bộ Đo đạc {i}",
            kind=OrgKind.GRASSROOTS_CELL,
            parent=top,
            established_on=start,
        )
        codes.append(cell.code)
    return codes


def make_file(rows: int, cells: list[str]) -> bytes:
    import io

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(["STT", *(c.header for c in COLUMNS)])
    for i in range(rows):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 7919) % 12_700)
        admitted = birth.replace(year=birth.year + 25, day=min(birth.day, 28))
        values = {
            "full_name": f"Người Đo Đạc {i}",
            "gender": "Nam" if i % 3 else "Nữ",
            "birth_date": birth.strftime("%d/%m/%Y"),
            "ethnicity": "Kinh",
            "admitted_on": admitted,
            "confirmed_on": admitted.replace(year=admitted.year + 1),
            "cell_code": cells[i % len(cells)],
        }
        ws.append([i + 1, *(values.get(c.key) for c in COLUMNS)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0, interactive=False)
    data = make_file(args.rows, build_tree())
    name = default_storage.save("imports/bench.xlsx", ContentFile(data))
    job = job_enqueue(
        actor=None, kind="members.import", arguments={"file": name, "label": "bench.xlsx"}, organisation=None
    )
    print(f"{args.rows:,} rows, {len(data) / 1e6:.1f} MB; job #{job.pk} queued")
    started = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, "-m", "dangvu.cli", "worker", "--once"],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.DEVNULL,
    )
    seen: dict[str, set[int]] = {"check": set(), "write": set()}
    while worker.poll() is None:
        row = Job.objects.get(pk=job.pk)
        stage = "write" if row.stage.startswith("Đang ghi") else "check"
        if row.status == "running" and row.progress_total:
            if row.percent not in seen[stage]:
                print(f"  {time.perf_counter() - started:6.1f} s  {row.percent:3d}%  {row.stage}")
            seen[stage].add(row.percent)
        time.sleep(0.25)
    row = Job.objects.get(pk=job.pk)
    print(
        f"{row.get_status_display()} in {time.perf_counter() - started:.1f} s (worker start included): "
        f"{row.stage or row.error}; distinct progress values seen: "
        f"{len(seen['check'])} while checking, {len(seen['write'])} while writing"
    )


if __name__ == "__main__":
    main()
