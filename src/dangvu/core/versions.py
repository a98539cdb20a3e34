"""Optimistic locking without a version column: a form carries a token of the rows it was drawn from.

`version_of(rows)` hashes the rows' field values (ordered by primary key) into a short token; the form
keeps it in a hidden field (`VERSION_FIELD`). On save, `version_check(token, queryset)` — called inside the
save's transaction — locks the rows (`select_for_update`), hashes them again and, if they changed since the
form was loaded, raises `StaleEdit` naming when (from the audit trail) and by whom: nothing is written and
the second person is told, instead of silently overwriting the first person's save.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from dangvu.core.errors import DomainError

VERSION_FIELD = "version"


class StaleEdit(DomainError):
    """The record changed between loading the form and saving it."""


def version_of(rows: Iterable[Model | None]) -> str:
    """A short token of the rows' current field values (a missing row counts as one value)."""
    digest = hashlib.sha256()
    for row in sorted((r for r in rows if r is not None), key=lambda r: (type(r).__name__, r.pk)):
        digest.update(f"{type(row).__name__}:{row.pk}".encode())
        for field in row._meta.concrete_fields:
            digest.update(f"|{field.attname}={field.value_from_object(row)!r}".encode())
    return digest.hexdigest()[:20]


def version_check(token: str | None, *querysets: QuerySet[Any], what: str = "Bản ghi") -> None:
    """Inside the saving transaction: lock the rows and refuse if they differ from `token`.

    A missing token (an old page, a script) is not checked."""
    if not token:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("version_check must run inside the saving transaction")
    rows: list[Model] = []
    for qs in querysets:
        rows += list(qs.select_for_update().order_by("pk"))
    if version_of(rows) == token:
        return
    raise StaleEdit(
        f"{what} đã được người khác sửa {_when(rows)}, hãy tải lại trang để xem bản mới rồi sửa lại."
    )


def _when(rows: list[Model]) -> str:
    """'lúc 09:15 23/11/2026 (bởi nguyen.van.a)' from the latest audit entry of the rows, if there is one."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    latest = None
    for model in {type(r) for r in rows}:
        entry = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_pk__in=[str(r.pk) for r in rows if type(r) is model],
            )
            .select_related("actor")
            .order_by("-timestamp")
            .first()
        )
        if entry is not None and (latest is None or entry.timestamp > latest.timestamp):
            latest = entry
    if latest is None:
        return "trong lúc bạn đang sửa"
    at = timezone.localtime(latest.timestamp)
    who = f" (bởi {latest.actor.get_username()})" if latest.actor else ""
    return f"lúc {at:%H:%M %d/%m/%Y}{who}"
