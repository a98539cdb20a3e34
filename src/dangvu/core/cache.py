"""The shared cache when it lives in the database (`DANGVU_CACHE_URL=db://`), and its table.

Django's database cache counts with a read then a write, so two server processes counting the same key at
the same moment could both write the same number. `DatabaseCache.incr` does both in one transaction that
holds the row: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite the transaction takes the write lock when it
begins (`transaction_mode = IMMEDIATE` in settings). The table is created by `dangvu migrate`
(`cache_table_create`, run after the migrations) so nobody has to remember `createcachetable`.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    def __init__(self, table: str, params: dict[str, Any]) -> None:
        super().__init__(table, params)
        self.table = table

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                qn = connection.ops.quote_name
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT {qn('cache_key')} FROM {qn(self.table)} "  # noqa: S608 (table from settings)
                        f"WHERE {qn('cache_key')} = %s FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return int(super().incr(key, delta, version))


def cache_table_create(using: str = "default", **_: Any) -> None:
    """After `migrate`: the database cache's table, when the cache is configured there (idempotent)."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)
