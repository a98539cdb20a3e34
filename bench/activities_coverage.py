"""Coverage ("x/y đảng ủy cơ sở chưa giám sát", with the units) and plan vs done for every committee of the
demo province at once, for a year, against a hand-written SQL baseline in the same run.

Baseline: one raw GROUP BY of the year's inspections by conductor and mode, one query of the units alive in
the year, one of the plans, then a Python pass that splits each kind into done / not done and pairs plans
with what was done. Dangvu: `selectors.coverage` (inspection and supervision) and `selectors.plan_vs_done`
for the province's top unit, as the pages call them. Both must agree before anything is timed.

Usage: .venv/bin/python bench/activities_coverage.py [--year 2024] [--repeat N]
It uses DANGVU_DATABASE_URL if set, else /tmp/dangvu-bench.sqlite3 (building the demo and its year of
activities once if they are missing).
"""

from __future__ import annotations

import argparse
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

from dangvu.activities import figures, selectors  # noqa: E402
from dangvu.activities.models import CellMeeting, Inspection, Mode  # noqa: E402
from dangvu.core.periods import Period  # noqa: E402
from dangvu.organisations.models import Organisation  # noqa: E402

DONE_SQL = """
SELECT conductor_id, mode, COUNT(*) FROM activities_inspection
WHERE started_on >= %(start)s AND started_on <= %(end)s AND voided_at IS NULL
GROUP BY conductor_id, mode
"""
UNITS_SQL = """
SELECT id, kind FROM organisations_organisation
WHERE path LIKE %(prefix)s AND id <> %(root)s AND established_on <= %(end)s
  AND (dissolved_on IS NULL OR dissolved_on > %(start)s)
  AND kind IN ('directly_under', 'grassroots_committee', 'grassroots_cell', 'partial_committee',
               'subordinate_cell')
"""
PLANS_SQL = """
SELECT organisation_id, inspections_planned, supervisions_planned FROM activities_inspectionplan
WHERE year = %(year)s AND voided_at IS NULL
"""


def baseline(
    root: Organisation, year: int
) -> tuple[dict[tuple[str, str], tuple[int, int]], dict[int, tuple]]:
    args = {
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
        "year": year,
        "prefix": root.path + "%",
        "root": root.pk,
    }
    with connection.cursor() as cur:
        cur.execute(DONE_SQL, args)
        done: dict[int, dict[str, int]] = {}
        for org, mode, n in cur.fetchall():
            done.setdefault(org, {})[mode] = n
        cur.execute(UNITS_SQL, args)
        units = cur.fetchall()
        cur.execute(PLANS_SQL, args)
        plans = {o: (i, s) for o, i, s in cur.fetchall()}
    coverage: dict[tuple[str, str], tuple[int, int]] = {}
    for mode in ("inspection", "supervision"):
        for pk, kind in units:
            n_done, n_all = coverage.get((mode, kind), (0, 0))
            coverage[(mode, kind)] = (n_done + (1 if done.get(pk, {}).get(mode) else 0), n_all + 1)
    rows = {
        u: (
            *plans.get(u, (0, 0)),
            done.get(u, {}).get("inspection", 0),
            done.get(u, {}).get("supervision", 0),
        )
        for u in set(plans) | set(done)
    }
    return coverage, rows


def dangvu(root: Organisation, year: int) -> tuple[dict[tuple[str, str], tuple[int, int]], dict[int, tuple]]:
    period = Period.parse(str(year))
    done = figures.inspections_done(period.start, period.end, [root.path])  # read once for the three
    coverage: dict[tuple[str, str], tuple[int, int]] = {}
    for mode in Mode:
        for g in selectors.coverage(root, period, mode, done).groups:
            coverage[(mode.value, g.kind.value)] = (len(g.done), g.total)
    rows = {
        r.organisation.pk: (
            r.inspections_planned,
            r.supervisions_planned,
            r.inspections_done,
            r.supervisions_done,
        )
        for r in selectors.plan_vs_done(root, year, done=done)
    }
    return coverage, rows


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not Organisation.objects.exists():
        print("building the demo province (once)…", file=sys.stderr)
        call_command("demo", no_serve=True, seed=1, verbosity=0)
    if not Inspection.objects.exists():
        from dangvu.demo.activities import build_activities

        print("building a year of activities (once)…", file=sys.stderr)
        build_activities(1)
    root = Organisation.objects.live().filter(parent__isnull=True).order_by("pk").first()
    assert root is not None
    ours, theirs = dangvu(root, args.year), baseline(root, args.year)
    assert ours == theirs, "dangvu and the baseline disagree"
    base = timed(lambda: baseline(root, args.year), args.repeat)
    mine = timed(lambda: dangvu(root, args.year), args.repeat)
    sentence = selectors.coverage(root, Period.parse(str(args.year)), Mode.SUPERVISION).sentence
    print(
        f"Coverage + plan vs done, {connection.vendor}, {args.year}, {len(ours[1])} units with a plan or "
        f"activity, {Inspection.objects.count():,} inspections/supervisions, "
        f"{CellMeeting.objects.count():,} cell meetings; median of {args.repeat} runs"
    )
    print(f"  {sentence}")
    print(f"{'what':<40} {'seconds':>8} {'ratio':>6}")
    print(f"{'baseline (raw SQL + one pass)':<40} {base:>8.3f} {1.0:>6.2f}")
    print(f"{'dangvu coverage ×2 + plan vs done':<40} {mine:>8.3f} {mine / base:>6.2f}")


if __name__ == "__main__":
    main()
