"""Load test on loopback: offices at a reporting deadline, with Locust, against gunicorn.

For each database (SQLite in WAL mode, PostgreSQL) and each number of concurrent users: start the app
under gunicorn (several processes × threads) on a free loopback port, run Locust headless
(bench/locustfile.py: log in, dashboards, tree, members register, tasks, documents, saving figures) for
a bounded time, and in the middle of it a members import from .xlsx on the command line; then print
per page: requests, p50, p95, errors, and count "database is locked" in the server's log.

Usage:
  .venv/bin/python bench/load.py [--db sqlite,postgres] [--users 20,100] [--time 60]
  .venv/bin/python bench/load.py --short          # a small fixture province, 6 users, ~20 s (CI)
  .venv/bin/python bench/load.py --scenario dashboard --users 20 --warmup 60   # dashboards only
Data: SQLite in --data-dir (default var/load; the demo province is built there once, ~35 s);
PostgreSQL at --pg-url (default DANGVU_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/h_load;
the demo is built into it once). --json FILE writes the figures for tests.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCKED = "database is locked"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(db_url: str | None, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src")
    env["DJANGO_SETTINGS_MODULE"] = "dangvu.settings"
    env["DANGVU_DATA_DIR"] = str(data_dir)
    env.pop("DANGVU_DEBUG", None)
    if db_url:
        env["DANGVU_DATABASE_URL"] = db_url
    else:
        env.pop("DANGVU_DATABASE_URL", None)
    return env


# --- run inside a Django process (`load.py _prepare …`) ------------------------------------------------


def _build_small() -> None:
    """A small province (2 communes with 3 cells each, 60 members) and the three demo logins."""
    from django.contrib.auth import get_user_model

    from dangvu.accounts.models import Role, RoleLevel
    from dangvu.demo.build import DEMO_PASSWORD
    from dangvu.members.models import Member, Placement
    from dangvu.organisations.kinds import OrgKind
    from dangvu.organisations.services import org_establish

    start = dt.date(2010, 1, 1)

    def est(code: str, name: str, kind: OrgKind, parent: Any) -> Any:
        return org_establish(actor=None, code=code, name=name, kind=kind, parent=parent, established_on=start)

    root = est("HL", "Đảng bộ tỉnh Thử tải", OrgKind.PROVINCIAL, None)
    communes = [est(f"X{i:02d}", f"Đảng bộ xã Thử {i}", OrgKind.GRASSROOTS_COMMITTEE, root) for i in (1, 2)]
    n = 0
    for c_i, commune in enumerate(communes, start=1):
        for j in range(1, 4):
            cell = est(f"X{c_i:02d}C{j}", f"Chi bộ thôn {j} xã {c_i}", OrgKind.SUBORDINATE_CELL, commune)
            for _ in range(10):
                n += 1
                m = Member.objects.create(
                    full_name=f"Nguyễn Văn Thử {n}",
                    name_folded=f"nguyen van thu {n}",
                    gender="nam" if n % 3 else "nu",
                    birth_date=dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                    ethnicity="Kinh",
                    admitted_on=dt.date(2005, 5, 19),
                    confirmed_on=dt.date(2006, 5, 19),
                    is_synthetic=True,
                )
                Placement.objects.create(member=m, organisation=cell, valid_from=start)
    User = get_user_model()
    for username, org, level in (
        ("quantri", root, RoleLevel.ADMINISTRATOR),
        ("xa1", communes[0], RoleLevel.EDITOR),
        ("xa2", communes[1], RoleLevel.EDITOR),
    ):
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD)
        Role.objects.create(user=user, organisation=org, level=level)


def _write_import(path: Path, rows: int) -> None:
    """`rows` new members over the live cells, in the import template's columns; fresh numbers per run."""
    from openpyxl import Workbook

    from dangvu.members.xlsx import COLUMNS, SHEET
    from dangvu.organisations.models import Organisation

    cells = list(
        Organisation.objects.live()
        .filter(kind__in=("grassroots_cell", "subordinate_cell"), established_on__lte=dt.date(2015, 1, 1))
        .values_list("code", flat=True)
    )
    stamp = int(time.time()) % 3000
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(["STT", *(c.header for c in COLUMNS)])
    for i in range(rows):
        number = stamp * 10_000 + i
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=(i * 37) % 8_000)  # admitted before 2016
        admitted = birth.replace(year=birth.year + 25, day=min(birth.day, 28))
        values = {
            "full_name": f"Người Thử Tải {number}",
            "gender": "Nam" if i % 3 else "Nữ",
            "birth_date": birth.strftime("%d/%m/%Y"),
            "ethnicity": "Kinh",
            "identity_number": f"097{number:09d}",
            "theory_level": "Sơ cấp",
            "card_number": f"{60_000_000 + number}",
            "admitted_on": admitted,
            "confirmed_on": admitted.replace(year=admitted.year + 1),
            "cell_code": cells[i % len(cells)],
            "placed_from": dt.date(2016, 1, 1),
        }
        ws.append([i + 1, *(values.get(c.key) for c in COLUMNS)])
    wb.save(path)


def _write_sessions(path: Path, count: int) -> None:
    """Sessions already logged in, as an office's staff are by mid-morning: Argon2 costs ~0.1 s of CPU a
    log-in by design, so a hundred users logging in within seconds would measure only that. Locust users
    take these round robin (1 in 10 still logs in through the form)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    users = list(get_user_model().objects.filter(username__in=["quantri", "xa1", "xa2"]).order_by("username"))
    weights = {"quantri": 1, "xa1": 2, "xa2": 2}
    pool = [u for u in users for _ in range(weights[u.username])]
    out = []
    for i in range(count):
        user = pool[i % len(pool)]
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        out.append({"username": user.username, "sessionid": store.session_key})
    path.write_text(json.dumps(out), encoding="utf-8")


def prepare_main(argv: list[str]) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--small", action="store_true")
    p.add_argument("--import-file", required=True)
    p.add_argument("--rows", type=int, default=2000)
    p.add_argument("--sessions", required=True)
    p.add_argument("--users", type=int, default=100)
    a = p.parse_args(argv)
    import django

    django.setup()
    from django.core.management import call_command

    from dangvu.organisations.models import Organisation

    call_command("migrate", verbosity=0, interactive=False)
    if not Organisation.objects.filter(code="HL").exists():
        if a.small:
            _build_small()
        else:
            call_command("demo", no_serve=True)
    _write_import(Path(a.import_file), a.rows)
    _write_sessions(Path(a.sessions), a.users)


# --- the driver --------------------------------------------------------------------------------------


def run_once(
    env: dict[str, str],
    users: int,
    seconds: int,
    work: Path,
    import_file: Path,
    short: bool,
    scenario: str = "offices",
    warmup: int = 0,
) -> dict:
    port = free_port()
    log_path = work / f"server-{users}.log"
    prefix = work / f"locust-{users}"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "dangvu.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2" if short else "3",
                "--threads",
                "4" if short else "8",
                "--worker-class",
                "gthread",
                "--timeout",
                "120",
                "--preload",  # Django imported once, before the workers fork
                "--graceful-timeout",
                "10",
                "--keep-alive",  # longer than a user's think time: no reset on a reused connection
                "75",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise SystemExit(f"gunicorn did not start; see {log_path}")
        locust_env = dict(
            env,
            DANGVU_LOAD_WAIT="0.5,1.5" if short else "1,3",
            DANGVU_LOAD_SESSIONS=str(work / "sessions.json"),
        )
        if warmup:  # the same users first, figures not kept: the servers' kept sheets are then made
            subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "DashboardReader" if scenario == "dashboard" else "Office",
                    "--headless",
                    *("-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{warmup}s"),
                    *("--host", f"http://127.0.0.1:{port}", "--only-summary", "--loglevel", "ERROR"),
                ],
                env=locust_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=warmup + 120,
                check=False,
            )
        locust = subprocess.Popen(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "DashboardReader" if scenario == "dashboard" else "Office",
                "--headless",
                "-u",
                str(users),
                "-r",
                str(max(1, users // 5)),
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--exit-code-on-error",
                "0",
                "--loglevel",
                "WARNING",
            ],
            env=locust_env,
            stdout=subprocess.DEVNULL,
            stderr=open(work / f"locust-{users}.err", "w"),  # noqa: SIM115 - closed with the process
        )
        time.sleep(min(10, seconds // 3))  # users logged in and busy, then the import starts
        started = time.perf_counter()
        imp = subprocess.run(
            [str(BIN / "dangvu"), "import", "members", str(import_file)],
            env=env,
            capture_output=True,
            text=True,
        )
        import_seconds = time.perf_counter() - started
        locust.wait(timeout=seconds + 120)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:  # requests still running past Locust's end: stop them
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)
    if not Path(f"{prefix}_stats.csv").exists():
        raise SystemExit("Locust wrote no figures:\n" + (work / f"locust-{users}.err").read_text()[-3000:])
    rows = []
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append(
                {
                    "page": r["Name"] if r["Name"] != "Aggregated" else "(tất cả)",
                    "method": r["Type"],
                    "requests": int(r["Request Count"]),
                    "p50": float(r["50%"] or 0),
                    "p95": float(r["95%"] or 0),
                    "errors": int(r["Failure Count"]),
                }
            )
    server_log = log_path.read_text(encoding="utf-8", errors="replace")
    import_output = imp.stdout + imp.stderr
    return {
        "users": users,
        "seconds": seconds,
        "warmup": warmup,
        "rows": rows,
        "errors": sum(r["errors"] for r in rows if r["page"] != "(tất cả)"),
        "server_errors": server_log.count("Internal Server Error"),
        "locked": server_log.count(LOCKED) + import_output.count(LOCKED),
        "import": {
            "ok": imp.returncode == 0,
            "seconds": round(import_seconds, 1),
            "output": import_output[-300:],
        },
    }


def print_result(db: str, res: dict) -> None:
    warm = f" after a {res['warmup']} s warm-up" if res.get("warmup") else ""
    print(f"\n{db}, {res['users']} users, {res['seconds']} s{warm}")
    print(f"{'page':48} {'method':6} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    for r in res["rows"]:
        print(
            f"{r['page'][:48]:48} {r['method']:6} {r['requests']:8} {r['p50']:8.0f} {r['p95']:8.0f} "
            f"{r['errors']:6}"
        )
    imp = res["import"]
    print(
        f"members import (CLI) during the run: {'ok' if imp['ok'] else 'FAILED'} in {imp['seconds']} s; "
        f"server 500s: {res['server_errors']}; '{LOCKED}': {res['locked']}"
    )
    if not imp["ok"]:
        print(imp["output"])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        prepare_main(sys.argv[2:])
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both (comma-separated)")
    p.add_argument("--users", default="20,100", help="concurrent users, comma-separated")
    p.add_argument("--time", type=int, default=60, help="seconds each run")
    p.add_argument("--short", action="store_true", help="small fixture, 6 users, 20 s (for CI)")
    p.add_argument("--data-dir", default=str(ROOT / "var" / "load"))
    p.add_argument(
        "--pg-url",
        default=os.environ.get("DANGVU_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/h_load",
    )
    p.add_argument("--import-rows", type=int, default=None, help="rows of the members import")
    p.add_argument("--json", help="write the figures to this file")
    p.add_argument(
        "--warmup",
        type=int,
        default=0,
        help="seconds of the same load before the measured run, not counted (kept sheets made)",
    )
    p.add_argument(
        "--scenario",
        choices=["offices", "dashboard"],
        default="offices",
        help="offices: the reporting-deadline mix (default); dashboard: only dashboards and their sources",
    )
    a = p.parse_args()
    if a.short:
        a.users, a.time = "6", 20
    users = [int(u) for u in a.users.split(",")]
    rows = a.import_rows or (200 if a.short else 2000)
    data_dir = Path(a.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[dict]] = {}
    for db in a.db.split(","):
        url = None if db == "sqlite" else a.pg_url
        env = environment(url, data_dir)
        work = data_dir / f"load-{db}"  # server logs and Locust's CSV stay here for a look afterwards
        work.mkdir(exist_ok=True)
        import_file = work / "dang-vien-nhap.xlsx"
        prep = [
            sys.executable,
            __file__,
            "_prepare",
            "--import-file",
            str(import_file),
            "--rows",
            str(rows),
            "--sessions",
            str(work / "sessions.json"),
            "--users",
            str(max(users)),
        ]
        for n in users:
            started = time.perf_counter()  # data built once; a fresh import file each run
            subprocess.run([*prep, *(["--small"] if a.short else [])], env=env, check=True)
            print(f"{db}: data ready in {time.perf_counter() - started:.0f} s", flush=True)
            res = run_once(env, n, a.time, work, import_file, a.short, a.scenario, a.warmup)
            results.setdefault(db, []).append(res)
            print_result(db, res)
    if a.json:
        Path(a.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
