"""Reads of the document register, always through the acting user's scope.

A user sees the shared register (national documents), the registers of the units in their sub-trees and
those of the units above them (a commune works under the province's resolutions). Search takes a symbol
("05-CT/TƯ", "Chỉ thị 05 của Bộ Chính trị": found by identity), or words of the title without accents,
an issuer and a date range.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.accounts.selectors import scope_paths
from dangvu.core.text import fold
from dangvu.documents.identity import identity_of_reference
from dangvu.documents.models import Document
from dangvu.documents.symbols import SymbolError, parse_reference, parse_symbol
from dangvu.organisations.models import Organisation


def path_prefixes(path: str) -> list[str]:
    """'/1/18/345/' → ['/1/', '/1/18/', '/1/18/345/']: the paths of a unit and of the units above it."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _registers_q(scope: list[str], field: str = "owner") -> Q:
    cond = Q(**{f"{field}__isnull": True})
    above: set[str] = set()
    for p in scope:
        cond |= Q(**{f"{field}__path__startswith": p})
        above.update(path_prefixes(p))
    if above:
        cond |= Q(**{f"{field}__path__in": sorted(above)})
    return cond


def documents_visible(user: Any, *, include_void: bool = False) -> QuerySet[Document]:
    qs = Document.objects.select_related("owner", "issuing_organisation")
    if not include_void:
        qs = qs.current()
    scope = scope_paths(user)
    return qs if scope is None else qs.filter(_registers_q(scope))


def documents_for_organisation(organisation: Organisation) -> QuerySet[Document]:
    """The registers a unit works from: the shared one, its own and those of the units above it."""
    return Document.objects.current().filter(
        Q(owner__isnull=True) | Q(owner__path__in=path_prefixes(organisation.path))
    )


def document_for(user: Any, pk: int) -> Document:
    """The document if `user` may see it (voided ones too, so links to them still open), else 404."""
    doc = documents_visible(user, include_void=True).filter(pk=pk).first()
    if doc is None:
        raise Http404("Không tìm thấy văn bản.")
    return doc


def _reference_or_none(q: str) -> Any:
    try:
        return parse_symbol(q) if " " not in q else parse_reference(q)
    except SymbolError:
        return None


def documents_search(
    user: Any,
    *,
    q: str = "",
    issuer: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kind: str = "",
    limit: int = 100,
) -> list[Document]:
    qs = documents_visible(user)
    q = q.strip()
    ref = _reference_or_none(q) if q else None
    if ref is not None:
        ident = identity_of_reference(ref)
        qs = qs.filter(identity__startswith=ident.base + "|")
        if ident.year:
            qs = qs.filter(Q(year=ident.year) | Q(year__isnull=True))
    elif q:
        for word in fold(q).split():
            qs = qs.filter(search_text__contains=word)
    if issuer.strip():
        folded = fold(issuer)
        qs = qs.filter(Q(issuer__iexact=issuer.strip()) | Q(search_text__contains=folded))
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(issued_on__gte=date_from)
    if date_to:
        qs = qs.filter(issued_on__lte=date_to)
    return list(qs[:limit])


def document_citations(user: Any, document: Document) -> dict[str, list[Any]]:
    """Everything the user may see that cites or follows from the document: conferences, tasks and linked
    documents (reverse relations, so this app need not import the apps that cite it)."""
    scope = scope_paths(user)
    meetings = document.meetings.filter(voided_at__isnull=True).select_related("organiser")
    tasks = document.tasks.filter(voided_at__isnull=True).select_related("organisation", "lead")
    if scope is not None:
        meetings = meetings.filter(_under(scope, "organiser"))
        tasks = tasks.filter(_under(scope, "organisation") | _under(scope, "lead"))
    links_out = list(document.links_out.select_related("target"))
    links_in = list(document.links_in.select_related("source"))
    ids = {link.target_id for link in links_out} | {link.source_id for link in links_in}
    seen = set(documents_visible(user).filter(pk__in=ids).values_list("pk", flat=True))
    return {
        "meetings": list(meetings.order_by("-held_on")),
        "tasks": list(tasks.distinct().order_by("deadline", "pk")),
        "links_out": [link for link in links_out if link.target_id in seen],
        "links_in": [link for link in links_in if link.source_id in seen],
    }


def _under(scope: list[str], field: str) -> Q:
    cond = Q(pk__in=[])
    for p in scope:
        cond |= Q(**{f"{field}__path__startswith": p})
    return cond
