"""Two app servers on two loopback ports share one database and keep no state of their own: a log-in on
one is a log-in on the other, and what one writes the other serves."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from factories import scratch_postgres

SRC = Path(__file__).resolve().parents[2] / "src"
PASSWORD = "Mat-khau-thu-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[str]:
    live = connections["default"]
    if live.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    with scratch_postgres("dangvu_two") as s:
        yield f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Browser:
    """A user agent with its own cookies, talking to whichever server it is told."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def get(self, url: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, fields: dict[str, str], referer: str) -> tuple[int, str, str]:
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}).encode()
        return self._open(urllib.request.Request(url, data=data, headers={"Referer": referer}))

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=30) as r:
                return r.status, r.headers.get("Location", ""), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location", ""), e.read().decode(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _wait(url: str, proc: subprocess.Popen[str]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise AssertionError(f"server stopped: {proc.stdout.read() if proc.stdout else ''}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_two_servers_share_sessions_and_records(shared_database: str, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC), DANGVU_DATABASE_URL=shared_database,
               DANGVU_DATA_DIR=str(tmp_path / "var"), DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    cli = [sys.executable, "-m", "dangvu.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, timeout=600)
    subprocess.run([*cli, "createsuperuser", "--noinput", "--username", "quantri",
                    "--email", "q@example.invalid"], env=env, check=True, timeout=120, capture_output=True)
    ports = [_free_port(), _free_port()]
    servers = [subprocess.Popen([*cli, "serve", "--addr", f"127.0.0.1:{p}", "--threads", "2"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for p in ports]
    try:
        a, b = (f"http://127.0.0.1:{p}" for p in ports)
        for url, proc in zip((a, b), servers, strict=True):
            _wait(f"{url}/dang-nhap/", proc)

        office = Browser()
        office.get(f"{a}/dang-nhap/")
        status, location, _ = office.post(f"{a}/dang-nhap/", {"username": "quantri", "password": PASSWORD},
                                          referer=f"{a}/dang-nhap/")
        assert status == 302 and "dang-nhap" not in location

        # The session made on A is honoured by B: it lives in the database, not in A's memory.
        status, _, page = office.get(f"{b}/quan-tri/vai-tro/")
        assert status == 200 and "Tên đăng nhập" in page
        status, _, page = office.post(f"{b}/quan-tri/tai-khoan/moi/",
                                      {"new-username": "canbo2", "new-full_name": "Cán bộ Thử",
                                       "new-email": "", "new-password": PASSWORD},
                                      referer=f"{b}/quan-tri/vai-tro/")
        assert status == 302, re.sub(r"\s+", " ", page)[:300]

        # The account written through B logs in on A.
        clerk = Browser()
        clerk.get(f"{a}/dang-nhap/")
        status, location, page = clerk.post(f"{a}/dang-nhap/", {"username": "canbo2", "password": PASSWORD},
                                            referer=f"{a}/dang-nhap/")
        assert status == 302 and "dang-nhap" not in location, re.sub(r"\s+", " ", page)[:300]
    finally:
        for proc in servers:
            proc.terminate()
        for proc in servers:
            proc.wait(timeout=30)
