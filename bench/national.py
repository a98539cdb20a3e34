"""National-scale indicator roll-up on PostgreSQL: a synthetic nation of 34 provinces and ~5.6 million
members, then one province's dashboard and the nation's full sheet, timed against the goals of issue 5
(one province's dashboard sheet < 0.3 s, the nation's sheet < 15 s).

ALL DATA HERE IS SYNTHETIC ("mô phỏng"): made-up units named "Tỉnh mô phỏng NN …", members named
"Đảng viên mô phỏng N", every row flagged `is_synthetic`. Nothing is read from any real register.

The data set is built with set-based SQL (`INSERT … SELECT … FROM generate_series`), in a few minutes,
into the database `dangvu_national` (kept; built again only with --rebuild). Shape per province:
1 provincial committee, 15 district-level committees, each with 20 grassroots committees (14 cells
each) and 10 grassroots cells: 4,666 units, ~147,900 cells in the nation, ~38 members a cell.
Members are admitted over 1990–2024, a third are women, ~3% have left; submissions of the reported
indicators come from every committee and grassroots cell for each quarter of 2024.

Usage:
  .venv/bin/python bench/national.py [--rebuild] [--members 5600000] [--period 2024-Q4] [--repeat 3]
PostgreSQL at DANGVU_NATIONAL_URL (default postgres://postgres@127.0.0.1:5432/dangvu_national).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

URL = os.environ.get("DANGVU_NATIONAL_URL", "postgres://postgres@127.0.0.1:5432/dangvu_national")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ["DANGVU_DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import psycopg  # noqa: E402


def ensure_database(rebuild: bool) -> None:
    """Create (or with `rebuild`, drop and create) the national database."""
    base, name = URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


ensure_database("--rebuild" in sys.argv)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from dangvu.core.periods import Period  # noqa: E402
from dangvu.indicators import sheet_cache  # noqa: E402
from dangvu.indicators.selectors import indicator_sheet, request_memo  # noqa: E402
from dangvu.organisations.models import Organisation  # noqa: E402
from dangvu.organisations.selectors import TreeView  # noqa: E402

PROVINCES, DISTRICTS, COMMUNES, GRASSROOTS_CELLS, CELLS = 34, 15, 20, 10, 14
SUB_CELLS = PROVINCES * DISTRICTS * COMMUNES * CELLS  # 142,800
ALL_CELLS = SUB_CELLS + PROVINCES * DISTRICTS * GRASSROOTS_CELLS  # 147,900
# Ids by level, so a unit's parent is arithmetic: province p; district 100 + index; commune 1000 + index;
# grassroots cell 20000 + index; subordinate cell 100000 + index (indexes from 1).
ORG_INSERT = (
    "INSERT INTO organisations_organisation (id, code, name, name_folded, kind, parent_id, path,"
    " established_on, dissolved_on, successor_id, is_synthetic)"
)
STEPS: list[tuple[str, str]] = [
    (
        "provinces",
        ORG_INSERT
        + """
SELECT p, 'NP' || lpad(p::text, 2, '0'), 'Tỉnh mô phỏng ' || lpad(p::text, 2, '0'),
       'tinh mo phong ' || lpad(p::text, 2, '0'), 'provincial', NULL, '/' || p || '/', DATE '2015-01-01',
       NULL, NULL, true
FROM generate_series(1, 34) p""",
    ),
    (
        "district-level committees",
        ORG_INSERT
        + """
SELECT 100 + i, 'NH' || i, 'Huyện mô phỏng ' || i, 'huyen mo phong ' || i, 'directly_under',
       (i - 1) / 15 + 1, '/' || ((i - 1) / 15 + 1) || '/' || (100 + i) || '/', DATE '2015-01-01',
       NULL, NULL, true
FROM generate_series(1, 34 * 15) i""",
    ),
    (
        "grassroots committees",
        ORG_INSERT
        + """
SELECT 1000 + i, 'NX' || i, 'Xã mô phỏng ' || i, 'xa mo phong ' || i, 'grassroots_committee', 100 + d,
       '/' || ((d - 1) / 15 + 1) || '/' || (100 + d) || '/' || (1000 + i) || '/', DATE '2015-01-01',
       NULL, NULL, true
FROM generate_series(1, 34 * 15 * 20) i, LATERAL (SELECT (i - 1) / 20 + 1 AS d) x""",
    ),
    (
        "grassroots cells",
        ORG_INSERT
        + """
SELECT 20000 + i, 'NC' || i, 'Chi bộ cơ sở mô phỏng ' || i, 'chi bo co so mo phong ' || i,
       'grassroots_cell',
       100 + d, '/' || ((d - 1) / 15 + 1) || '/' || (100 + d) || '/' || (20000 + i) || '/', DATE '2015-01-01',
       NULL, NULL, true
FROM generate_series(1, 34 * 15 * 10) i, LATERAL (SELECT (i - 1) / 10 + 1 AS d) x""",
    ),
    (
        "subordinate cells",
        ORG_INSERT
        + """
SELECT 100000 + i, 'NB' || i, 'Chi bộ mô phỏng ' || i, 'chi bo mo phong ' || i, 'subordinate_cell',
       1000 + c,
       o.path || (100000 + i) || '/', DATE '2015-01-01', NULL, NULL, true
FROM generate_series(1, 34 * 15 * 20 * 14) i
JOIN organisations_organisation o ON o.id = 1000 + (i - 1) / 14 + 1,
LATERAL (SELECT (i - 1) / 14 + 1 AS c) x""",
    ),
    (
        "links",
        """
INSERT INTO organisations_orglink (child_id, parent_id, valid_from, valid_to)
SELECT id, parent_id, established_on, NULL FROM organisations_organisation WHERE parent_id IS NOT NULL""",
    ),
    (
        "names",
        """
INSERT INTO organisations_orgname (organisation_id, name, valid_from, valid_to)
SELECT id, name, established_on, NULL FROM organisations_organisation""",
    ),
    (
        "members",
        """
INSERT INTO members_member
  (id, full_name, name_folded, gender, birth_date, ethnicity, religion, home_town, education, profession,
   theory_level, card_number, identity_number, home_address, admitted_on, admitted_at, confirmed_on, left_on,
   cell_id, positions, is_synthetic)
SELECT g, 'Đảng viên mô phỏng ' || g, 'dang vien mo phong ' || g, CASE WHEN mod(g, 3) = 0
       THEN 'nu' ELSE 'nam' END,
       a - 8000 + mod(g, 3000), 'Kinh', '', '', '12/12', '', '', NULL, '', '', a, '', a + 365,
       CASE WHEN mod(g, 33) = 0 THEN a + 400 + mod(g * 7, 3000) END,
       CASE WHEN k < %(sub)s THEN 100001 + k ELSE 20001 + k - %(sub)s END, '', true
FROM generate_series(1, %(members)s) g,
LATERAL (SELECT DATE '1990-01-01' + mod(g::bigint * 7919, 12784)::int AS a, mod(g - 1, %(cells)s) AS k) x""",
    ),
    (
        "placements",
        """
INSERT INTO members_placement (member_id, organisation_id, valid_from, valid_to)
SELECT id, cell_id, admitted_on, left_on FROM members_member WHERE id <= %(members)s""",
    ),
    (
        "submissions (every committee and grassroots cell, each quarter of 2024, approved)",
        """
INSERT INTO indicators_submission (organisation_id, period, status, comment, submitted_at, decided_at)
SELECT o.id, q, 'approved', '', now(), now()
FROM organisations_organisation o, unnest(ARRAY['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']) q
WHERE o.kind IN ('directly_under', 'grassroots_committee', 'grassroots_cell')""",
    ),
    (
        "reported values",
        """
INSERT INTO indicators_reportedvalue (submission_id, indicator_id, value, note)
SELECT s.id, i.id, mod(s.id * 31 + i.id * 17, 7)::float, ''
FROM indicators_submission s JOIN organisations_organisation o ON o.id = s.organisation_id
JOIN indicators_indicator i ON i.source = 'reported' AND i.is_active
  AND (',' || i.reporting_kinds || ',') LIKE '%%,' || o.kind || ',%%'""",
    ),
]


def build(members: int) -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    params = {"members": members, "sub": SUB_CELLS, "cells": ALL_CELLS}
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # bulk load: foreign keys checked by design
        for label, sql in STEPS:
            t = time.perf_counter()
            cur.execute(sql, params)
            print(
                f"  [{time.perf_counter() - started:6.1f} s] {label}: {cur.rowcount:,} rows "
                f"({time.perf_counter() - t:.1f} s)",
                file=sys.stderr,
            )
        cur.execute("SET session_replication_role = DEFAULT")
        for table in (
            "organisations_organisation",
            "members_member",
            "members_placement",
            "indicators_submission",
            "indicators_reportedvalue",
            "organisations_orglink",
            "organisations_orgname",
        ):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cur.execute("VACUUM ANALYZE")  # statistics, and the visibility map for index-only scans
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("quantri_quocgia", password="mo-phong-2026")
    print(f"built in {time.perf_counter() - started:.0f} s (synthetic)", file=sys.stderr)


class System:
    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None


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
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--members", type=int, default=5_600_000)
    ap.add_argument("--period", default="2024-Q4")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--province", default="NP07")
    args = ap.parse_args()
    call_command("migrate", verbosity=0, interactive=False)
    if not Organisation.objects.filter(code="NP01").exists():
        print("building the synthetic nation (once)…", file=sys.stderr)
        build(args.members)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from indicator_sheet import baseline  # the same hand-written SQL baseline as on SQLite

    period = Period.parse(args.period)
    user = System()
    province = Organisation.objects.get(code=args.province)
    members = connection.cursor()
    members.execute("SELECT count(*) FROM members_member")
    n_members = members.fetchone()[0]
    rows: list[tuple[str, float, float]] = []

    def one_province(view: TreeView) -> float | None:
        with request_memo():
            sheet = indicator_sheet(user, period, view, around=province.path)
            f = sheet.figure("DV_CUOI_KY", province.id)
            return f.value if f else None

    def nation(view: TreeView) -> int:
        return len(indicator_sheet(user, period, view).nodes)

    base = timed(lambda: baseline(period), args.repeat)
    rows.append(("baseline: nation, raw SQL + walk up", base, 0.0))

    def cold(fn: Callable[[], object]) -> Callable[[], object]:
        """Every run starts with no kept sheets: what a period's first visitor (or a running period) costs."""
        return lambda: (sheet_cache.forget(), fn())

    for view in TreeView:
        sheet_of: Callable[[], object] = lambda v=view: one_province(v)  # noqa: E731
        rows.append((f"province sheet, view {view.value}, cold", timed(cold(sheet_of), args.repeat), 0.3))
        rows.append((f"province sheet, view {view.value}, kept", timed(sheet_of, args.repeat), 0.3))
    client = Client(HTTP_HOST="127.0.0.1")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="quantri_quocgia"))
    url = f"/chi-tieu/{province.code}/?period={period}"
    assert client.get(url).status_code == 200
    rows.append(("province dashboard page, cold", timed(cold(lambda: client.get(url)), args.repeat), 0.0))
    rows.append(("province dashboard page, kept", timed(lambda: client.get(url), args.repeat), 0.3))
    for view in TreeView:
        rows.append((f"nation sheet, view {view.value}", timed(lambda v=view: nation(v), 1), 15.0))
    print(
        f"National synthetic data set, PostgreSQL, {period}, {Organisation.objects.count():,} units, "
        f"{n_members:,} members (median of {args.repeat}; nation: 1 run after a warm-up)"
    )
    print(f"{'what':<44} {'seconds':>8} {'ratio':>6} {'goal':>8}")
    for what, t, goal in rows:
        verdict = "" if not goal else (f"< {goal:.1f} ok" if t < goal else f"> {goal:.1f} MISS")
        print(f"{what:<44} {t:>8.3f} {t / base:>6.2f} {verdict:>8}")


if __name__ == "__main__":
    main()
