"""Import of 100,000 members from .xlsx against a baseline, and statistics for every node of the demo.

Baseline: read the same file with openpyxl (read-only, values only) and bulk-insert the rows raw (members
and placements, no validation). Dangvu: `members_import` (every row validated against the file and the
register, then members, placements and events inserted). Each is run inside a transaction that is rolled
back; time first, then peak memory (tracemalloc) in a second run. Then `statistics_by_node` for every node
of the demo province on one date. Printed as a table with ratios.

Usage: .venv/bin/python bench/members_import.py [--rows N]
It uses DANGVU_DATABASE_URL if set, else builds the demo (seed 1) once into /tmp/dangvu-bench.sqlite3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DANGVU_DATABASE_URL", "sqlite:////tmp/dangvu-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from dangvu.core.text import fold  # noqa: E402
from dangvu.members.models import Member, Placement  # noqa: E402
from dangvu.members.statistics import statistics_by_node  # noqa: E402
from dangvu.members.xlsx import COLUMNS, SHEET  # noqa: E402
from dangvu.members.xlsx_import import members_import  # noqa: E402
from dangvu.organisations.models import Organisation  # noqa: E402


class System:
    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None


def make_file(path: Path, rows: int) -> None:
    """`rows` new members spread over the live cells, in the template's columns."""
    rng = random.Random(7)
    cells = list(
        Organisation.objects.live()
        .filter(kind__in=("grassroots_cell", "subordinate_cell"), established_on__lte=dt.date(2015, 1, 1))
        .values_list("code", flat=True)
    )
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(["STT", *(c.header for c in COLUMNS)])
    for i in range(rows):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(12_700))
        admitted = birth.replace(year=birth.year + 25, day=min(birth.day, 28))
        values = {
            "full_name": f"Người Thử Nghiệm {i}",
            "gender": "Nam" if i % 3 else "Nữ",
            "birth_date": birth.strftime("%d/%m/%Y"),
            "ethnicity": "Kinh",
            "identity_number": f"099{i:09d}",
            "theory_level": "Sơ cấp",
            "card_number": f"{50_000_000 + i}",
            "admitted_on": admitted,
            "confirmed_on": admitted.replace(year=admitted.year + 1),
            "cell_code": cells[i % len(cells)],
            "placed_from": dt.date(2016, 1, 1),
        }
        ws.append([i + 1, *(values.get(c.key) for c in COLUMNS)])
    wb.save(path)


def baseline(path: Path) -> None:
    ids = dict(Organisation.objects.values_list("code", "id"))
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = list(wb[SHEET].iter_rows(min_row=2, values_only=True))
    wb.close()
    k = {c.key: i + 1 for i, c in enumerate(COLUMNS)}
    members = Member.objects.bulk_create(
        [
            Member(
                full_name=r[k["full_name"]],
                name_folded=fold(r[k["full_name"]]),
                gender="nam",
                birth_date=dt.datetime.strptime(r[k["birth_date"]], "%d/%m/%Y").date(),
                ethnicity=r[k["ethnicity"]],
                card_number=r[k["card_number"]],
                admitted_on=r[k["admitted_on"]],
                confirmed_on=r[k["confirmed_on"]],
            )
            for r in rows
        ],
        batch_size=2000,
    )
    Placement.objects.bulk_create(
        [
            Placement(member_id=m.pk, organisation_id=ids[r[k["cell_code"]]], valid_from=r[k["placed_from"]])
            for m, r in zip(members, rows, strict=True)
        ],
        batch_size=2000,
    )


def dangvu(path: Path) -> None:
    result = members_import(path, actor=None, label=path.name)
    assert result.written, result.errors[:5]


def rolled_back(fn: Callable[[], None]) -> float:
    with transaction.atomic():
        started = time.perf_counter()
        fn()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def peak_mib(fn: Callable[[], None]) -> float:
    tracemalloc.start()
    try:
        rolled_back(fn)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0, interactive=False)
    if not Organisation.objects.filter(code="HL").exists():
        print("building the demo province (once)…", file=sys.stderr)
        call_command("demo", no_serve=True, seed=1, verbosity=0)
    path = Path(tempfile.mkdtemp()) / "members-bench.xlsx"
    make_file(path, args.rows)
    b, d = (lambda: baseline(path)), (lambda: dangvu(path))
    tb = rolled_back(b)
    print(f"  baseline {tb:.1f} s", file=sys.stderr, flush=True)
    td = rolled_back(d)
    print(f"  dangvu {td:.1f} s; now peak memory (slower, under tracemalloc)…", file=sys.stderr, flush=True)
    mb, md = peak_mib(b), peak_mib(d)
    print(f"Import of {args.rows:,} rows ({path.stat().st_size / 2**20:.1f} MiB .xlsx)")
    print(f"{'':34}{'time (s)':>10}{'peak (MiB)':>12}")
    print(f"{'baseline: openpyxl + raw insert':34}{tb:>10.2f}{mb:>12.1f}")
    print(f"{'dangvu: validated import':34}{td:>10.2f}{md:>12.1f}")
    print(f"{'ratio':34}{td / tb:>9.2f}×{md / mb:>11.2f}×")
    on = dt.date(2024, 12, 31)
    started = time.perf_counter()
    nodes = statistics_by_node(System(), on=on)
    print(f"Statistics ({len(nodes):,} nodes × 7 dimensions, {on}): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
