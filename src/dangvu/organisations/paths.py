"""Keeping the materialised `path` of every unit right after the tree changes.

A live unit's path is its parent's path plus its own id ('/1/18/345/'); a closed unit hangs below the live
unit that carries its records now, so that a role over that unit covers its predecessors' history too.
Reorganisation services call `paths_refresh`; a batch of them (the demo) may defer it with `paths_deferred`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from dangvu.organisations.models import Organisation
from dangvu.organisations.tree import resolve_successors

_deferred: ContextVar[bool] = ContextVar("paths_deferred", default=False)


@contextlib.contextmanager
def paths_deferred() -> Iterator[None]:
    """Skip path refreshes inside the block and do one at its end."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        paths_refresh()


def paths_refresh() -> int:
    """Recompute every unit's path in one scan; writes only the rows that changed. Returns how many."""
    if _deferred.get():
        return 0
    rows = list(Organisation.objects.values_list("id", "parent_id", "dissolved_on", "successor_id", "path"))
    live = {r[0] for r in rows if r[2] is None}
    parent_of = {r[0]: r[1] for r in rows if r[0] in live}
    new_path: dict[int, str] = {}

    def live_path(org_id: int) -> str:
        chain: list[int] = []
        current: int | None = org_id
        while current is not None and current not in new_path:
            chain.append(current)
            current = parent_of.get(current)
            if len(chain) > 64:
                raise RuntimeError("tree deeper than 64 levels: a cycle?")
        prefix = new_path[current] if current is not None else "/"
        for node in reversed(chain):
            prefix = f"{prefix}{node}/"
            new_path[node] = prefix
        return new_path[org_id]

    for org_id in live:
        live_path(org_id)
    heirs = resolve_successors({r[0]: r[3] for r in rows if r[0] not in live}, live)
    for r in rows:
        if r[0] not in live:
            heir = heirs.get(r[0])
            new_path[r[0]] = f"{new_path[heir]}{r[0]}/" if heir is not None else f"/closed/{r[0]}/"
    changed = [Organisation(id=r[0], path=new_path[r[0]]) for r in rows if r[4] != new_path[r[0]]]
    Organisation.objects.bulk_update(changed, ["path"], batch_size=500)
    return len(changed)
