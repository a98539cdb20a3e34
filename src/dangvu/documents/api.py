"""API of the document register: the same selectors and services as the pages (same scope, same 404s)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError
from dangvu.documents import selectors, services
from dangvu.documents.models import Document

router = Router()


class DocumentOut(Schema):
    id: int
    symbol: str
    type: str
    kind: str
    number: str
    year: int | None
    issuer: str
    issuer_name: str
    title: str
    issued_on: dt.date | None
    owner_code: str | None
    voided: bool


class DocumentIn(Schema):
    reference: str
    owner_code: str | None = None
    title: str = ""
    kind: str = ""
    issued_on: dt.date | None = None
    issuer_name: str = ""


class ParsedOut(Schema):
    type: str
    kind: str | None
    number: str
    year: int | None
    issuer: str | None
    date: dt.date | None
    ambiguous: bool


class ErrorOut(Schema):
    detail: str


def _out(d: Document) -> dict[str, Any]:
    return {
        "id": d.pk,
        "symbol": d.symbol,
        "type": d.type,
        "kind": d.kind,
        "number": d.number,
        "year": d.year,
        "issuer": d.issuer,
        "issuer_name": d.issuer_name,
        "title": d.title,
        "issued_on": d.issued_on,
        "owner_code": d.owner.code if d.owner else None,
        "voided": d.voided_at is not None,
    }


@router.get(
    "", response=list[DocumentOut], summary="Tìm văn bản (ký hiệu, trích yếu không dấu, cơ quan, ngày)"
)
def search(
    request: HttpRequest,
    q: str = "",
    issuer: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = Query(100, ge=1),
) -> list[dict[str, Any]]:
    found = selectors.documents_search(
        request.user, q=q, issuer=issuer, date_from=date_from, date_to=date_to, limit=min(limit, 500)
    )
    return [_out(d) for d in found]


@router.get("/parse", response={200: ParsedOut, 400: ErrorOut}, summary="Đọc số, ký hiệu văn bản")
def parse(request: HttpRequest, text: str) -> Any:
    try:
        return Status(200, services.document_reference_parse(text))
    except DomainError as e:
        return Status(400, {"detail": e.message})


@router.get("/{pk}", response=DocumentOut, summary="Một văn bản")
def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(selectors.document_for(request.user, pk))


@router.post("", response={201: DocumentOut, 400: ErrorOut, 403: ErrorOut}, summary="Vào sổ văn bản")
def register(request: HttpRequest, payload: DocumentIn) -> Any:
    try:
        owner = organisation_for(request.user, payload.owner_code) if payload.owner_code else None
        doc = services.document_register(
            actor=request.user,
            reference=payload.reference,
            owner=owner,
            title=payload.title,
            kind=payload.kind,
            issued_on=payload.issued_on,
            issuer_name=payload.issuer_name,
        )
    except services.PermissionDenied as e:
        return Status(403, {"detail": e.message})
    except DomainError as e:
        return Status(400, {"detail": e.message})
    return Status(201, _out(doc))
