"""`DANGVU_CACHE_URL`: the rate-limit counters live in a cache every server process shares, so two
processes count together: in the database (`db://`, always tested) and in Redis (`redis://…`, tested when the
`redis` package is installed and a server answers on 127.0.0.1:6379)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection

from dangvu.core.apps import redis_installed_check
from dangvu.core.cache import cache_table_create
from dangvu.settings import _cache

SRC = Path(__file__).resolve().parents[2] / "src"
HITS = 300  # per process: enough overlap that a read-then-write increment loses some (Django's own db cache)

# One server process: HITS hits of the log-in form from one address, in a window that cannot roll over.
COUNTER = """
import django, sys
django.setup()
from dangvu.core.ratelimit import Rate, rate_exceeded
rate = Rate(hits=int(sys.argv[2]), seconds=3600)
refused = sum(1 for _ in range({hits}) if rate_exceeded("login", sys.argv[1], rate, now=1.0e9))
print(refused)
"""


def _hit(env: dict[str, str], key: str, limit: int, hits: int = HITS) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", COUNTER.format(hits=hits), key, str(limit)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _two_processes_count_together(env: dict[str, str]) -> None:
    key = f"10.0.0.{uuid.uuid4().int % 250}-{uuid.uuid4().hex[:8]}"
    # Together they make 2 × HITS hits, all allowed under a limit of 2 × HITS: …
    procs = [_hit(env, key, 2 * HITS) for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert out.strip() == "0", err
    # … so the next hit, from a third process, is over the shared limit; a per-process count, or a count that
    # loses increments when the two write at once, would allow it.
    third = _hit(env, key, 2 * HITS, hits=1)
    out, err = third.communicate(timeout=60)
    assert third.returncode == 0, err
    assert out.strip() == "1", f"the third process was allowed: counted apart, or increments lost\n{err}"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "dangvu.settings", **extra}


def test_cache_url_choices() -> None:
    assert _cache("")["BACKEND"].endswith("LocMemCache")
    assert _cache("redis://127.0.0.1:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
    assert _cache("db://") == {"BACKEND": "dangvu.core.cache.DatabaseCache", "LOCATION": "dangvu_cache"}
    assert _cache("db://bo_dem")["LOCATION"] == "bo_dem"
    with pytest.raises(RuntimeError, match="DANGVU_CACHE_URL"):
        _cache("memcached://127.0.0.1:11211")


def test_redis_without_its_package_is_a_check_error(settings: Any) -> None:
    settings.CACHES = {"default": _cache("redis://127.0.0.1:6379/1")}
    try:
        import redis  # noqa: F401
    except ImportError:
        errors = redis_installed_check()
        assert [e.id for e in errors] == ["dangvu.E101"] and "redis" in errors[0].msg
    else:
        assert redis_installed_check() == []
    settings.CACHES = {"default": _cache("db://")}
    assert redis_installed_check() == []


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_table_and_incr_counts(settings: Any) -> None:
    settings.CACHES = {"default": _cache("db://dangvu_cache_thu")}
    try:
        cache_table_create()
        assert "dangvu_cache_thu" in connection.introspection.table_names()
        cache_table_create()  # idempotent
        db_cache = caches.create_connection("default")
        db_cache.add("dem", 0)
        assert [db_cache.incr("dem") for _ in range(3)] == [1, 2, 3]
        with pytest.raises(ValueError):
            db_cache.incr("khong-co")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS dangvu_cache_thu")


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_a_count_in_the_database(tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'bo-dem.sqlite3'}"
    else:
        s = connection.settings_dict
        url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    env = _env(DANGVU_CACHE_URL="db://", DANGVU_DATABASE_URL=url, DANGVU_DATA_DIR=str(tmp_path))
    made = subprocess.run(
        [sys.executable, "-m", "dangvu.cli", "createcachetable"], env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    try:
        _two_processes_count_together(env)
    finally:
        if connection.vendor != "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE IF EXISTS dangvu_cache")


def _redis_reachable() -> bool:
    try:
        import redis  # noqa: F401
    except ImportError:
        return False
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="Redis không có: cần gói redis và máy chủ 127.0.0.1:6379")
def test_two_processes_share_a_count_in_redis(tmp_path: Path) -> None:
    _two_processes_count_together(
        _env(DANGVU_CACHE_URL="redis://127.0.0.1:6379/15", DANGVU_DATA_DIR=str(tmp_path))
    )
