"""Back up and restore a Dangvu installation: the database and the uploaded files, in one archive.

The archive is a plain tar file:
- `manifest.json`: format, time, engine, applied migrations, every table's row count and checksum, and the
  uploaded files with their sizes and SHA-256;
- the database: `database.sqlite3.gz` (SQLite's online backup API, a consistent copy while the app runs) or
  `database.pgdump` (`pg_dump --format=custom`, taken in the same snapshot as the checksums);
- `media/…`: the uploaded files, read through Django's storage API (local disk or an S3-compatible store).

A restore goes into an **empty** database only (never over records), checks every table against the
manifest before it says it is done, then applies the migrations newer than the backup.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

from dangvu.core.errors import DomainError
from dangvu.operations.checksums import TableSum, compare, table_sums

FORMAT = "dangvu-backup/1"
SQLITE_MEMBER = "database.sqlite3.gz"
PG_MEMBER = "database.pgdump"
BACKUP_NAME = re.compile(r"^dangvu-(\d{8}-\d{6})\.tar$")


@dataclass
class BackupResult:
    path: Path
    engine: str
    tables: list[TableSum]
    media_files: int
    size_bytes: int
    rows: int = field(init=False)

    def __post_init__(self) -> None:
        self.rows = sum(t.rows for t in self.tables)


@dataclass
class RestoreResult:
    engine: str
    tables: int
    rows: int
    media_files: int
    migrations_applied: list[str]


def engine_of(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise DomainError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    return vendor


# --- temporary connections -------------------------------------------------------------------------------


@contextmanager
def extra_connection(settings_dict: dict[str, Any]) -> Iterator[str]:
    """A database alias for `settings_dict` while the block runs (to read a copy or another database)."""
    alias = f"ops_{uuid.uuid4().hex[:10]}"
    config = connections.configure_settings({"default": dict(settings_dict)})["default"]
    # A connection made here, not listed in DATABASES: this thread uses it, nothing else sees it.
    connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


def sqlite_settings(path: Path | str) -> dict[str, Any]:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


# --- media -----------------------------------------------------------------------------------------------


def _walk(storage: Storage, prefix: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield f"{prefix}/{name}" if prefix else name
    for d in sorted(dirs):
        yield from _walk(storage, f"{prefix}/{d}" if prefix else d)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- backup ----------------------------------------------------------------------------------------------


def _migrations(using: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        out.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(out.items())}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _pg_env(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise DomainError(f"Không tìm thấy chương trình {name} (gói postgresql-client) để sao lưu/phục hồi.")
    return found


def _dump_sqlite(using: str, workdir: Path) -> tuple[Path, list[TableSum]]:
    connection = connections[using]
    connection.ensure_connection()
    copy = workdir / "copy.sqlite3"
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)  # online: a consistent copy while others write
    finally:
        target.close()
    with extra_connection(sqlite_settings(copy)) as alias:
        sums = table_sums(alias)
    packed = workdir / SQLITE_MEMBER
    with copy.open("rb") as src, gzip.open(packed, "wb", compresslevel=3) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    copy.unlink()
    return packed, sums


def _dump_postgresql(using: str, workdir: Path) -> tuple[Path, list[TableSum]]:
    connection = connections[using]
    settings_dict = connection.settings_dict
    out = workdir / PG_MEMBER
    args, env = _pg_env(settings_dict)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # The checksums and pg_dump read the same snapshot, so the manifest describes the dump exactly.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        cmd = [
            _pg_tool("pg_dump"),
            *args,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            "--file",
            str(out),
            str(settings_dict["NAME"]),
        ]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed arguments, no shell
        if done.returncode != 0:
            raise DomainError(f"pg_dump thất bại: {done.stderr.strip()[-400:]}")
        sums = table_sums(using)
    return out, sums


def backup(path: Path, using: str = "default", storage: Storage | None = None) -> BackupResult:
    """Write a backup archive of the database `using` and the uploaded files to `path` (atomically)."""
    storage = storage or default_storage
    engine = engine_of(using)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dangvu-backup-", dir=path.parent) as tmp:
        workdir = Path(tmp)
        if engine == "sqlite":
            dump, sums = _dump_sqlite(using, workdir)
        else:
            dump, sums = _dump_postgresql(using, workdir)
        media = []
        partial = workdir / "archive.tar"
        with tarfile.open(partial, "w") as tar:
            tar.add(dump, arcname=dump.name)
            for name in _walk(storage):
                with storage.open(name, "rb") as fh:
                    data = fh.read()
                media.append({"name": name, "size": len(data), "sha256": _sha256(data)})
                _add_bytes(tar, f"media/{name}", data)
            manifest = {
                "format": FORMAT,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "engine": engine,
                "database": dump.name,
                "migrations": _migrations(using),
                "tables": [s.as_json() for s in sums],
                "media": media,
            }
            _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        os.replace(partial, path)
    return BackupResult(path, engine, sums, len(media), path.stat().st_size)


# --- reading an archive ----------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError
            manifest: dict[str, Any] = json.loads(member.read())
    except FileNotFoundError as e:
        raise DomainError(f"Không có tệp sao lưu {path}.") from e
    except (tarfile.TarError, KeyError, ValueError) as e:
        raise DomainError(f"{path} không phải tệp sao lưu của Dangvu (không đọc được manifest.json).") from e
    if manifest.get("format") != FORMAT:
        raise DomainError(f"{path}: định dạng sao lưu {manifest.get('format')!r} không được hỗ trợ.")
    return manifest


def manifest_sums(manifest: dict[str, Any]) -> list[TableSum]:
    return [TableSum(t["table"], int(t["rows"]), t["checksum"]) for t in manifest["tables"]]


# --- restore ---------------------------------------------------------------------------------------------


def _tables(using: str) -> list[str]:
    connection = connections[using]
    return [t for t in connection.introspection.table_names() if not t.startswith("sqlite_")]


def _media_conflicts(tar: tarfile.TarFile, manifest: dict[str, Any], storage: Storage) -> list[str]:
    clashes = []
    for item in manifest["media"]:
        name = item["name"]
        if storage.exists(name):
            with storage.open(name, "rb") as fh:
                if _sha256(fh.read()) != item["sha256"]:
                    clashes.append(name)
    return clashes


def restore(path: Path, using: str = "default", storage: Storage | None = None) -> RestoreResult:
    """Restore the archive at `path` into the empty database `using`, then bring it up to date."""
    from django.core.management import call_command

    storage = storage or default_storage
    path = Path(path)
    manifest = read_manifest(path)
    engine = engine_of(using)
    if manifest["engine"] != engine:
        raise DomainError(
            f"Bản sao lưu là của {manifest['engine']}, còn cơ sở dữ liệu đích là {engine}: "
            "hãy phục hồi vào cùng loại cơ sở dữ liệu."
        )
    existing = _tables(using)
    if existing:
        raise DomainError(
            f"Cơ sở dữ liệu đích không trống (có {len(existing)} bảng, ví dụ {existing[0]}): "
            "chỉ phục hồi vào một cơ sở dữ liệu trống, để không ghi đè dữ liệu nào."
        )
    expected = manifest_sums(manifest)
    with tarfile.open(path, "r") as tar, tempfile.TemporaryDirectory(prefix="dangvu-restore-") as tmp:
        clashes = _media_conflicts(tar, manifest, storage)
        if clashes:
            raise DomainError(
                f"Thư mục tệp đính kèm đã có {len(clashes)} tệp cùng tên nhưng khác nội dung "
                f"(ví dụ {clashes[0]}): hãy phục hồi vào một nơi lưu tệp trống."
            )
        member = tar.extractfile(manifest["database"])
        if member is None:
            raise DomainError(f"{path}: thiếu phần cơ sở dữ liệu {manifest['database']}.")
        workdir = Path(tmp)
        if engine == "sqlite":
            _restore_sqlite(member, using, workdir, expected)
        else:
            _restore_postgresql(member, using, workdir, expected)
        for item in manifest["media"]:
            name = item["name"]
            if storage.exists(name):
                continue
            data = tar.extractfile(f"media/{name}")
            if data is None:
                raise DomainError(f"{path}: thiếu tệp đính kèm {name}.")
            saved = storage.save(name, ContentFile(data.read()))
            if saved != name:
                raise DomainError(f"Không lưu được tệp đính kèm {name} đúng tên (được {saved}).")
    before = {(a, n) for a, names in manifest["migrations"].items() for n in names}
    call_command("migrate", database=using, interactive=False, verbosity=0)
    after = _migrations(using)
    applied = sorted(f"{a}.{n}" for a, names in after.items() for n in names if (a, n) not in before)
    rows = sum(t.rows for t in expected)
    return RestoreResult(engine, len(expected), rows, len(manifest["media"]), applied)


def _check(actual: list[TableSum], expected: list[TableSum]) -> None:
    diffs = compare(expected, actual)
    if diffs:
        lines = "; ".join(d.describe() for d in diffs[:5])
        raise DomainError(f"Dữ liệu phục hồi không khớp với bản sao lưu ({len(diffs)} bảng): {lines}")


def _restore_sqlite(member: Any, using: str, workdir: Path, expected: list[TableSum]) -> None:
    connection = connections[using]
    copy = workdir / "restored.sqlite3"
    with gzip.open(member, "rb") as src, copy.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    with extra_connection(sqlite_settings(copy)) as alias:
        _check(table_sums(alias), expected)  # before anything is written to the target
    # Copy page by page into the (empty) target: the same bytes, for a file or an in-memory database alike.
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgresql(member: Any, using: str, workdir: Path, expected: list[TableSum]) -> None:
    connection = connections[using]
    settings_dict = connection.settings_dict
    dump = workdir / PG_MEMBER
    with dump.open("wb") as dst:
        shutil.copyfileobj(member, dst, 1 << 20)
    args, env = _pg_env(settings_dict)
    connection.close()
    cmd = [
        _pg_tool("pg_restore"),
        *args,
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        str(settings_dict["NAME"]),
        str(dump),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed arguments, no shell
    if done.returncode != 0:
        raise DomainError(f"pg_restore thất bại (không có gì được ghi): {done.stderr.strip()[-400:]}")
    _check(table_sums(using), expected)


# --- rotation --------------------------------------------------------------------------------------------


def backup_name(now: dt.datetime) -> str:
    return f"dangvu-{now.strftime('%Y%m%d-%H%M%S')}.tar"


def rotation_victims(names: list[str], keep: int) -> list[str]:
    """Of the backup file names in a folder, those beyond the newest `keep` (pure; other files never)."""
    ours = sorted((n for n in names if BACKUP_NAME.match(n)), reverse=True)
    return ours[keep:] if keep > 0 else []


def rotate(directory: Path, keep: int) -> list[Path]:
    victims = rotation_victims([p.name for p in directory.iterdir() if p.is_file()], keep)
    for name in victims:
        (directory / name).unlink()
    return [directory / n for n in victims]
