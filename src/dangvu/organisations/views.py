"""Pages of the organisation tree: the navigator (with lazy-loaded branches), search and one unit's page.

Views stay thin: they read the date and view from the query string, call selectors with the acting user,
and render. A unit outside the user's scope is a 404, exactly like a unit that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, user_holds
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.organisations import selectors
from dangvu.organisations.selectors import TreeView


def _when(request: HttpRequest) -> tuple[dt.date, TreeView, str | None]:
    error = None
    on = dt.date.today()
    if request.GET.get("at"):
        try:
            on = parse_date(request.GET["at"], field="ngày xem")
        except DomainError as e:
            error = e.message
    view = TreeView.NOW if request.GET.get("view") == TreeView.NOW.value else TreeView.WAS
    return on, view, error


def _context(request: HttpRequest) -> dict[str, Any]:
    on, view, error = _when(request)
    return {
        "on": on,
        "view": view,
        "date_error": error,
        "views": list(TreeView),
        "query": f"at={on.isoformat()}&view={view.value}",
    }


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    ctx = _context(request)
    snap = selectors.tree_snapshot(request.user, ctx["on"], ctx["view"])
    ctx.update(
        roots=snap.roots,
        snapshot=snap,
        synthetic=selectors.organisations_visible(request.user).filter(is_synthetic=True).exists(),
    )
    return render(request, "organisations/tree.html", ctx)


@login_required
def branch(request: HttpRequest, code: str) -> HttpResponse:
    """The children of one node, as an htmx fragment."""
    ctx = _context(request)
    organisation_for(request.user, code)
    snap = selectors.tree_snapshot(request.user, ctx["on"], ctx["view"])
    node = snap.by_code(code)
    if node is None:
        raise Http404("Không có đơn vị này vào ngày đã chọn.")
    ctx.update(nodes=node.children)
    return render(request, "organisations/_branch.html", ctx)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    ctx = _context(request)
    q = request.GET.get("q", "").strip()
    ctx.update(q=q, results=selectors.organisations_search(request.user, q) if q else [])
    partial = request.headers.get("HX-Request") == "true"
    template = "organisations/_search_results.html" if partial else "organisations/search.html"
    return render(request, template, ctx)


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    ctx = _context(request)
    org = organisation_for(request.user, code)
    snap = selectors.tree_snapshot(request.user, ctx["on"], ctx["view"])
    ctx.update(
        org=org,
        node=snap.by_code(code),
        ancestors=selectors.organisation_ancestors(org, request.user),
        history=selectors.organisation_history(org),
        predecessors=selectors.organisation_predecessors(org),
        successor=org.successor,
        can_reorganise=org.is_live and user_holds(request.user, org, RoleLevel.ADMINISTRATOR),
    )
    return render(request, "organisations/detail.html", ctx)
