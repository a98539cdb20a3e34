"""The full indicator sheet (whole catalogue, every unit) of the demo province for a quarter, against a
hand-written SQL baseline in the same run.

Baseline: the same member figures as one raw SQL GROUP BY with conditional sums, the reported figures as one
raw query, the links of the day as one query, then a walk up the tree adding each unit's values to its
ancestors (sums only). Dangvu: `indicator_sheet` (sums, ratios, shares, coverage with the units behind
them, the user's scope, names of the day).

The sheet is timed cold (no kept sheets: `indicators.sheet_cache`), the dashboard page cold and kept.
Also the province's dashboard page (`/chi-tieu/HL/`, the sheet plus last year's, the quarters' trend,
forecasts and missing submissions) through Django's test client, as the demo administrator.

Usage: .venv/bin/python bench/indicator_sheet.py [--period 2019-Q4] [--repeat N]
It uses DANGVU_DATABASE_URL if set, else builds the demo (seed 1) once into /tmp/dangvu-bench.sqlite3.
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

from dangvu.core.periods import Period  # noqa: E402
from dangvu.indicators import sheet_cache  # noqa: E402
from dangvu.indicators.selectors import indicator_sheet  # noqa: E402
from dangvu.organisations.models import Organisation  # noqa: E402
from dangvu.organisations.selectors import TreeView  # noqa: E402


class System:
    is_authenticated = True
    is_superuser = True
    is_active = True


MEMBERS_SQL = """
SELECT p.organisation_id,
  SUM(CASE WHEN p.valid_from <= %(end)s AND (p.valid_to IS NULL OR p.valid_to > %(end)s) THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.valid_from <= %(end)s AND (p.valid_to IS NULL OR p.valid_to > %(end)s)
           AND m.admitted_on <= %(end)s AND (m.confirmed_on IS NULL OR m.confirmed_on > %(end)s)
           THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.valid_from <= %(end)s AND (p.valid_to IS NULL OR p.valid_to > %(end)s)
           AND m.gender = 'nu' THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.valid_from >= %(start)s AND p.valid_from <= %(end)s AND m.admitted_on = p.valid_from
           THEN 1 ELSE 0 END),
  SUM(CASE WHEN m.left_on >= %(start)s AND m.left_on <= %(end)s AND p.valid_to = m.left_on THEN 1 ELSE 0 END)
FROM members_placement p JOIN members_member m ON m.id = p.member_id
WHERE p.valid_from <= %(end)s AND (p.valid_to IS NULL OR p.valid_to >= %(start)s)
GROUP BY p.organisation_id
"""
REPORTED_SQL = """
SELECT s.organisation_id, i.code, SUM(v.value)
FROM indicators_reportedvalue v JOIN indicators_submission s ON s.id = v.submission_id
JOIN indicators_indicator i ON i.id = v.indicator_id
WHERE s.period = %(period)s AND s.status IN ('submitted', 'approved') GROUP BY s.organisation_id, i.code
"""
LINKS_SQL = """
SELECT child_id, parent_id FROM organisations_orglink
WHERE valid_from <= %(end)s AND (valid_to IS NULL OR valid_to > %(end)s)
"""


def baseline(period: Period) -> dict[tuple[int, int], float]:
    args = {"start": period.start, "end": period.end, "period": str(period)}
    own: dict[tuple[int, int], float] = {}
    with connection.cursor() as cur:
        cur.execute(MEMBERS_SQL, args)
        for org, *values in cur.fetchall():
            for k, v in enumerate(values):
                own[(org, k)] = float(v or 0)
        cur.execute(REPORTED_SQL, args)
        codes: dict[str, int] = {}
        for org, code, v in cur.fetchall():
            own[(org, 10 + codes.setdefault(code, len(codes)))] = float(v)
        cur.execute(LINKS_SQL, args)
        parent = dict(cur.fetchall())
    total: dict[tuple[int, int], float] = {}
    for (org, k), v in own.items():
        node: int | None = org
        while node is not None:
            total[(node, k)] = total.get((node, k), 0.0) + v
            node = parent.get(node)
    return total


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
    ap.add_argument("--period", default="2019-Q4")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    call_command("migrate", verbosity=0)  # a new scratch database has no tables yet
    if not Organisation.objects.filter(code="HL").exists():
        print("building the demo province (once)…", file=sys.stderr)
        call_command("demo", no_serve=True, seed=1, verbosity=0)
    period = Period.parse(args.period)
    user = System()
    sheet = indicator_sheet(user, period)
    root = sheet.roots[0]
    assert baseline(period)[(root.id, 0)] == sheet.figure("DV_CUOI_KY", root.id).value, "disagree"
    base = timed(lambda: baseline(period), args.repeat)
    print(
        f"Full indicator sheet, {connection.vendor}, {period}, {len(sheet.indicators)} indicators, "
        f"{len(sheet.nodes)} units, median of {args.repeat} runs"
    )
    print(f"{'what':<32} {'seconds':>8} {'ratio':>6}")
    print(f"{'baseline (raw SQL + walk up)':<32} {base:>8.3f} {1.0:>6.2f}")
    for view in TreeView:
        t = timed(lambda view=view: (sheet_cache.forget(), indicator_sheet(user, period, view)), args.repeat)
        print(f"{'dangvu sheet, view ' + view.value:<32} {t:>8.3f} {t / base:>6.2f}")
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="quantri"))
    for view in TreeView:
        url = f"/chi-tieu/{root.code}/?period={period}&view={view.value}"
        assert client.get(url).status_code == 200, url
        # cold: no sheet kept (a period's first visitor, or any running period); kept: the next visitors
        t = timed(lambda url=url: (sheet_cache.forget(), client.get(url)), args.repeat)
        print(f"{'dashboard page, view ' + view.value + ', cold':<32} {t:>8.3f} {t / base:>6.2f}")
        t = timed(lambda url=url: client.get(url), args.repeat)
        print(f"{'dashboard page, view ' + view.value + ', kept':<32} {t:>8.3f} {t / base:>6.2f}")


if __name__ == "__main__":
    main()
