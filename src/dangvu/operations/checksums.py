"""Row counts and checksums of every table, the same on SQLite and PostgreSQL.

Rows are read through the models (so values come back as the same Python types on either engine), ordered by
primary key, turned into a canonical text and hashed. Tables that no model describes (Django's migration
record) are counted and hashed from plain SQL. Two databases hold the same records exactly when every
table's count and checksum agree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connections
from django.db.models import Model


@dataclass(frozen=True)
class TableSum:
    table: str
    rows: int
    checksum: str

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "rows": self.rows, "checksum": self.checksum}


def canonical(value: Any) -> Any:
    """A value in a form that is the same whichever engine it was read from."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def digest_rows(rows: Iterable[Iterable[Any]]) -> tuple[int, str]:
    h = hashlib.blake2b(digest_size=16)
    n = 0
    for row in rows:
        h.update(json.dumps([canonical(v) for v in row], ensure_ascii=False, separators=(",", ":")).encode())
        h.update(b"\n")
        n += 1
    return n, h.hexdigest()


# Tables that hold no record, only a count of writes (`indicators.freshness`): restoring the rows is itself a
# write and moves it, so it would never match; it is backed up and restored like any other table.
NOT_COMPARED = frozenset({"indicators_datageneration"})


def _models() -> list[type[Model]]:
    seen: set[str] = set()
    out: list[type[Model]] = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        out.append(model)
    return sorted(out, key=lambda m: m._meta.db_table)


def table_sums(using: str = "default", portable: bool = False) -> list[TableSum]:
    """Every table of the database `using`: its row count and checksum, sorted by table name.

    The fast form (default) hashes the rows as the engine returns them: compare it only with the same
    engine (a backup and its restore). `portable=True` reads through the models' field types instead, so a
    SQLite database and a PostgreSQL one holding the same records agree (slower: several times).
    """
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    sums: list[TableSum] = []
    covered: set[str] = set()
    for model in _models():
        table = model._meta.db_table
        covered.add(table)
        if table not in existing or table in NOT_COMPARED:
            continue
        # Only the columns the table has: a database one migration behind the code is still backed up whole.
        with connection.cursor() as cursor:
            present = {c.name for c in connection.introspection.get_table_description(cursor, table)}
        concrete = [f for f in model._meta.concrete_fields if f.column in present]
        if portable:
            fields = [f.attname for f in concrete]
            query = model._base_manager.using(using).order_by("pk").values_list(*fields)
            rows = query.iterator(chunk_size=5000)
            n, digest = digest_rows(rows)
        else:
            columns = [f.column for f in concrete]
            n, digest = _raw_digest(using, table, columns, [model._meta.pk.column])
        sums.append(TableSum(table, n, digest))
    for table in sorted(existing - covered):
        if table.startswith("sqlite_"):
            continue
        columns = [c.name for c in connection.introspection.get_table_description(connection.cursor(), table)]
        n, digest = _raw_digest(using, table, columns, columns)
        sums.append(TableSum(table, n, digest))
    return sorted(sums, key=lambda s: s.table)


def _raw_digest(using: str, table: str, columns: list[str], order: list[str]) -> tuple[int, str]:
    connection = connections[using]
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in columns)
    by = ", ".join(q(c) for c in order)
    h = hashlib.blake2b(digest_size=16)
    n = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The server hashes each row's text; Python hashes the ordered hashes.
            cursor.execute(f"SELECT md5(ROW({cols})::text) FROM {q(table)} ORDER BY {by}")  # noqa: S608 - names from the models, quoted
        else:
            cursor.execute(f"SELECT {cols} FROM {q(table)} ORDER BY {by}")  # noqa: S608 - names from the models, quoted
        while True:
            chunk = cursor.fetchmany(10000)
            if not chunk:
                break
            n += len(chunk)
            h.update(repr(chunk).encode())
    return n, h.hexdigest()


@dataclass(frozen=True)
class Difference:
    table: str
    left: TableSum | None
    right: TableSum | None

    def describe(self) -> str:
        if self.left is None:
            return f"{self.table}: chỉ có ở bên thứ hai ({self.right.rows if self.right else 0} dòng)"
        if self.right is None:
            return f"{self.table}: chỉ có ở bên thứ nhất ({self.left.rows} dòng)"
        if self.left.rows != self.right.rows:
            return f"{self.table}: số dòng khác nhau ({self.left.rows} ≠ {self.right.rows})"
        return f"{self.table}: cùng {self.left.rows} dòng nhưng nội dung khác (mã kiểm tra khác)"


def compare(left: list[TableSum], right: list[TableSum]) -> list[Difference]:
    """The tables whose count or checksum differ (pure: a test calls it with lists)."""
    a = {s.table: s for s in left}
    b = {s.table: s for s in right}
    diffs = []
    for table in sorted(a.keys() | b.keys()):
        x, y = a.get(table), b.get(table)
        if x != y:
            diffs.append(Difference(table, x, y))
    return diffs
