"""Knowing whether a sheet computed earlier is still true: the data generation.

Every statement that writes to a table a sheet reads from (the tree, the registers, the reported figures,
the indicators, people's roles) is seen by a database execute wrapper installed on every connection. Once
the write is committed, the one row of `DataGeneration` goes up by one. A sheet cached at generation N
(`sheet_cache`) is served only while the row still says N, so a cached sheet is never older than the last
committed write, in this process or any other sharing the database.

Bumping after the commit (never before it) is what makes this safe: a reader that computes a sheet between
the commit and the bump stores it under the old number, which nobody asks for once the bump lands.

Writes that bypass Django (pg_restore into an empty database, a DBA's psql session) are not seen: after
one, restart the server processes (their caches are in memory) — `docs/operations.md` says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper

log = logging.getLogger(__name__)

GENERATION_TABLE = "indicators_datageneration"
# The tables sheets are computed from, by app: the tree and its history, the registers, the figures and
# their targets, and roles and users (they decide a user's scope, which is part of what a sheet covers).
# Not API tokens: their last-used time changes on every call and says nothing of scope.
TRACKED_PREFIXES = ("organisations_", "members_", "activities_", "indicators_", "accounts_role", "auth_user")
_WRITES = ("insert", "update", "delete", "replace")

# Called with the database alias whenever a bump could not be recorded: the cache then forgets that
# database's sheets, so this process at least never serves one it cannot vouch for.
on_lost_bump: list[Callable[[str], None]] = []


def written_table(sql: str) -> str | None:
    """The table a write statement changes, or None for a read (pure; Django quotes names with `"`)."""
    head = sql.lstrip()[:7].lower()
    if not head.startswith(_WRITES):
        return None
    words = sql.split(None, 4)
    for i, word in enumerate(words[:4]):
        if word.lower() in ("into", "update", "from") and i + 1 < len(words):
            return words[i + 1].strip('"`[]').split("(")[0].strip('"`')
    return None


def is_tracked(table: str | None) -> bool:
    return table is not None and table != GENERATION_TABLE and table.startswith(TRACKED_PREFIXES)


def only_last_login(sql: str) -> bool:
    """Django's `update_last_login` (on every log-in) sets nothing else: not a change of anyone's scope."""
    head, _, rest = sql.partition(" SET ")
    assignments, _, _ = rest.partition(" WHERE ")
    return (
        head.strip().lower() == 'update "auth_user"'
        and assignments.strip().startswith('"last_login" = ')
        and (assignments.count(" = ") == 1)
    )


def generation(connection: BaseDatabaseWrapper) -> int | None:
    """The current generation, or None when the row is missing (a flushed test database): no caching."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT generation FROM {GENERATION_TABLE} WHERE id = 1")  # noqa: S608 - constant
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return int(row[0]) if row else None


_migrating = False


def migrating(sender: Any, **kwargs: Any) -> None:
    """pre_migrate: while migrations run, the generation table may not exist yet; bump once after."""
    global _migrating
    _migrating = True


def migrated(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate (sent per app once all migrations ran): data migrations may have changed the catalogue."""
    global _migrating
    if _migrating:
        _migrating = False
        from django.db import connections

        _bump(connections[using])


def _bump(connection: BaseDatabaseWrapper) -> None:
    if _migrating:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {GENERATION_TABLE} SET generation = generation + 1 WHERE id = 1")  # noqa: S608 - constant
            if cursor.rowcount == 0:
                cursor.execute(f"INSERT INTO {GENERATION_TABLE} (id, generation) VALUES (1, 1)")  # noqa: S608 - constant
    except DatabaseError:  # table not migrated yet, database read-only…: forget what we hold instead
        log.warning("could not record a data generation on %s", connection.alias, exc_info=True)
        for forget in on_lost_bump:
            forget(connection.alias)


def pending(connection: BaseDatabaseWrapper) -> bool:
    """Whether this connection's open transaction has written to a tracked table (its bump waits for the
    commit): a sheet read now must be computed fresh, since what it would find kept predates the write."""
    return connection.in_atomic_block and any(
        getattr(entry[1], "dangvu_bump", False) for entry in connection.run_on_commit
    )


def _after_write(connection: BaseDatabaseWrapper) -> None:
    if connection.in_atomic_block:
        if not pending(connection):

            def bump() -> None:
                _bump(connection)

            bump.dangvu_bump = True  # type: ignore[attr-defined]
            connection.on_commit(bump)
    elif connection.get_autocommit():
        _bump(connection)
    else:  # manual transaction management (no on_commit there): the safe side is to forget
        for forget in on_lost_bump:
            forget(connection.alias)


def watch(connection: BaseDatabaseWrapper) -> None:
    """Install the write watcher on a connection (once; `apps.ready` connects it to every new one)."""
    if any(getattr(w, "dangvu_watch", False) for w in connection.execute_wrappers):
        return

    def watcher(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if is_tracked(written_table(sql)) and not only_last_login(sql):
            _after_write(connection)
        return result

    watcher.dangvu_watch = True  # type: ignore[attr-defined]
    connection.execute_wrappers.append(watcher)


def on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    watch(connection)
