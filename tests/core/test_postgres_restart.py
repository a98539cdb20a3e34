"""PostgreSQL drops every connection under traffic (as on a restart or fail-over): the next requests to the
running app succeed, without restarting it. Runs only on PostgreSQL (DANGVU_DATABASE_URL=postgres://…)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from dangvu.accounts.services import api_token_create

pytestmark = pytest.mark.skipif(
    not os.environ.get("DANGVU_DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)
SRC = Path(__file__).resolve().parents[2] / "src"


def _get(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


def _terminate_other_backends(keep: int) -> int:
    import psycopg

    s = connection.settings_dict
    with psycopg.connect(
        host=s["HOST"], port=s["PORT"] or 5432, user=s["USER"], dbname="postgres", autocommit=True
    ) as c:
        rows = c.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> %s AND pid <> pg_backend_pid()",
            (s["NAME"], keep),
        ).fetchall()
    return len(rows)


@pytest.mark.django_db(transaction=True)
def test_requests_after_every_connection_was_killed_succeed(province, free_tcp_port, tmp_path):
    admin = province.users["admin"]
    token = api_token_create(actor=admin, user=admin, label="thử")
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        mine = c.fetchone()[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANGVU_")} | {
        "PYTHONPATH": str(SRC),
        "DANGVU_DATABASE_URL": url,
        "DANGVU_DATA_DIR": str(tmp_path),
    }
    addr = f"127.0.0.1:{free_tcp_port}"
    server = subprocess.Popen(  # one thread: the same pooled connection serves every request
        [sys.executable, "-m", "dangvu.cli", "serve", "--addr", addr, "--threads", "1"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{free_tcp_port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/dang-nhap/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.5)
        assert _get(f"{base}/api/organisations/tree", token) == 200
        assert _terminate_other_backends(keep=mine) >= 1  # the app's pooled connection is gone
        statuses = [_get(f"{base}/api/organisations/tree", token) for _ in range(3)]
        assert statuses == [200, 200, 200]
    finally:
        server.terminate()
        server.wait(timeout=30)
