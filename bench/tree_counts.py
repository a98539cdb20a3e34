"""Counts for every node of the demo province, in both tree views, against a hand-written baseline.

Baseline: one SQL GROUP BY of the placements valid on the day, one query of the parent links valid that day,
then a walk up the tree adding each unit's members to its ancestors. Dangvu: `tree_snapshot` (members and
units of each kind for every node, names of that day, the user's scope). Printed as a table with ratios.

Usage: .venv/bin/python bench/tree_counts.py [--repeat N]
It uses DANGVU_DATABASE_URL if set, else builds the demo (seed 1) once into /tmp/dangvu-bench.sqlite3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DANGVU_DATABASE_URL", "sqlite:////tmp/dangvu-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from dangvu.organisations.models import Organisation  # noqa: E402
from dangvu.organisations.selectors import TreeView, tree_snapshot  # noqa: E402


class System:
    is_authenticated = True
    is_superuser = True
    is_active = True


def baseline(on: dt.date) -> dict[int, int]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT organisation_id, COUNT(*) FROM members_placement "
            "WHERE valid_from <= %s AND (valid_to IS NULL OR valid_to > %s) GROUP BY organisation_id",
            [on, on],
        )
        own = dict(cur.fetchall())
        cur.execute(
            "SELECT child_id, parent_id FROM organisations_orglink "
            "WHERE valid_from <= %s AND (valid_to IS NULL OR valid_to > %s)",
            [on, on],
        )
        parent = dict(cur.fetchall())
    total: dict[int, int] = {}
    for org, n in own.items():
        node: int | None = org
        while node is not None:
            total[node] = total.get(node, 0) + n
            node = parent.get(node)
    return total


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm the page cache
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not Organisation.objects.filter(code="HL").exists():
        print("building the demo province (once)…", file=sys.stderr)
        call_command("demo", no_serve=True, seed=1, verbosity=0)
    user = System()
    rows = []
    for on in (dt.date(2019, 12, 31), dt.date(2024, 12, 31), dt.date(2026, 6, 30)):
        base = timed(lambda on=on: baseline(on), args.repeat)
        snap = tree_snapshot(user, on, TreeView.WAS)
        check = baseline(on)
        root = snap.roots[0]
        assert check[root.id] == root.members, "baseline and roll-up disagree"
        for view in TreeView:
            t = timed(lambda on=on, view=view: tree_snapshot(user, on, view), args.repeat)
            rows.append((on.isoformat(), view.value, len(tree_snapshot(user, on, view).nodes), base, t))
    vendor = connection.vendor
    print(f"Counts for every node, {vendor}, median of {args.repeat} runs")
    print(f"{'date':<11} {'view':<4} {'nodes':>6} {'baseline s':>11} {'dangvu s':>9} {'ratio':>6}")
    for on_s, view_s, n, base, t in rows:
        print(f"{on_s:<11} {view_s:<4} {n:>6} {base:>11.3f} {t:>9.3f} {t / base:>6.2f}")


if __name__ == "__main__":
    main()
