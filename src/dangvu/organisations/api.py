"""API of the organisation tree: the same selectors as the pages, so the same scope and the same 404s."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from dangvu.accounts.selectors import organisation_for
from dangvu.organisations import selectors
from dangvu.organisations.selectors import TreeView

router = Router()


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None
    established_on: dt.date
    dissolved_on: dt.date | None
    successor_code: str | None
    is_synthetic: bool


def _out(org: Any) -> dict[str, Any]:
    return {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "parent_code": org.parent.code if org.parent_id else None,
        "established_on": org.established_on,
        "dissolved_on": org.dissolved_on,
        "successor_code": org.successor.code if org.successor_id else None,
        "is_synthetic": org.is_synthetic,
    }


@router.get("/tree", summary="Cây tổ chức với số đơn vị và đảng viên")
def tree(
    request: HttpRequest,
    org: str | None = None,
    depth: int | None = 1,
    at: dt.date | None = None,
    view: TreeView = TreeView.WAS,
) -> dict[str, Any]:
    on = at or dt.date.today()
    snap = selectors.tree_snapshot(request.user, on, view)
    if org:
        node = snap.by_code(org)
        if node is None:
            raise Http404("Không tìm thấy tổ chức.")
        roots = [node]
    else:
        roots = snap.roots
    return {"at": on.isoformat(), "view": view.value, "roots": [r.as_dict(depth) for r in roots]}


@router.get("/search", response=list[OrganisationOut], summary="Tìm tổ chức (không cần dấu)")
def search(request: HttpRequest, q: str, limit: int = Query(30, ge=1)) -> list[dict[str, Any]]:
    found = selectors.organisations_search(request.user, q, limit=min(limit, 200))
    return [_out(o) for o in found]


@router.get("/{code}", response=OrganisationOut, summary="Một tổ chức")
def detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return _out(organisation_for(request.user, code))
