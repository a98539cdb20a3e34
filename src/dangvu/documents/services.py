"""Writes to the document register: register, cite, link, void. Each is one audited transaction.

`document_reference_parse` turns what a user types ("02-NQ/TU", "Chỉ thị 05 của Bộ Chính trị") into a
reference or a DomainError carrying the parser's Vietnamese message. `document_register` adds a document
to a register, refusing one that is already there under any spelling; `document_cite` finds the document
a conference or task cites, registering it in the right register when it is new. `actor=None` is the
system itself (CLI, demo).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths, user_holds
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.text import fold
from dangvu.documents.identity import identity_of_reference, issuer_level, symbol_text
from dangvu.documents.models import Document, DocumentLink, LinkRelation
from dangvu.documents.selectors import documents_for_organisation, path_prefixes
from dangvu.documents.symbols import (
    DOCUMENT_TYPES,
    DocumentReference,
    SymbolError,
    parse_reference,
    parse_symbol,
)
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation


@contextlib.contextmanager
def writing(actor: Any) -> Iterator[None]:
    """One transaction, with the audit trail's actor set (none for the system)."""
    with transaction.atomic():
        if actor is None:
            yield
        else:
            with set_actor(actor):
                yield


def document_reference_parse(text: str) -> DocumentReference:
    """A symbol or a reference as written, or a DomainError with the parser's reason (never a guess)."""
    clean = text.strip()
    try:
        return parse_symbol(clean) if " " not in clean else parse_reference(clean)
    except SymbolError as e:
        raise DomainError(str(e), field="reference") from None


def _may_edit_register(actor: Any, owner: Organisation | None) -> bool:
    if actor is None:
        return True
    if owner is None:  # the shared register: anyone who edits somewhere may add a national document
        scope = scope_paths(actor, RoleLevel.EDITOR)
        return scope is None or bool(scope)
    return user_holds(actor, owner, RoleLevel.EDITOR)


def _kind(ref: DocumentReference, kind: str) -> str:
    if not kind:
        if ref.ambiguous:
            raise DomainError(
                f"Ký hiệu «{ref.type}» dùng cho cả Quyết định và Quy định: hãy chọn loại văn bản.",
                field="kind",
            )
        return ref.kind or ""
    words = {t.word for t in DOCUMENT_TYPES if t.code == ref.type}
    if words and kind not in words:
        raise DomainError(f"Ký hiệu «{ref.type}» không phải của {kind}.", field="kind")
    return kind


def _dated(ref: DocumentReference, issued_on: dt.date | None) -> tuple[dt.date | None, int | None]:
    when = issued_on or ref.date
    if issued_on and ref.date and issued_on != ref.date:
        raise DomainError(
            f"Ngày ban hành {issued_on:%d/%m/%Y} khác ngày ghi trong trích dẫn ({ref.date:%d/%m/%Y}).",
            field="issued_on",
        )
    if ref.year and when and when.year != ref.year:
        raise DomainError(f"Năm ban hành {when.year} khác năm trong số hiệu ({ref.year}).", field="issued_on")
    return when, ref.year or (when.year if when else None)


def _existing(owner: Organisation | None, base: str, year: int | None) -> Document | None:
    """A document of the register with the same type, number and issuer whose year does not differ."""
    qs = Document.objects.current().filter(owner=owner, identity__startswith=base + "|")
    if year:
        qs = qs.filter(Q(year=year) | Q(year__isnull=True))
    return qs.first()


def document_register(
    *,
    actor: Any,
    reference: str,
    owner: Organisation | None = None,
    title: str = "",
    kind: str = "",
    issued_on: dt.date | None = None,
    issuer_name: str = "",
    issuing_organisation: Organisation | None = None,
) -> Document:
    """Add a document to `owner`'s register (None: the shared register, for national documents only)."""
    ref = document_reference_parse(reference)
    if owner is None and issuer_level(ref.issuer) != "national":
        raise DomainError(
            "Sổ văn bản dùng chung chỉ dành cho văn bản của Trung ương, Quốc hội, Chính phủ: "
            "hãy chọn đơn vị.",
            field="owner",
        )
    if not _may_edit_register(actor, owner):
        where = owner.name if owner else "sổ văn bản dùng chung"
        raise PermissionDenied(f"Bạn không có quyền cập nhật sổ văn bản của «{where}».")
    with writing(actor):
        return _create(
            actor=actor,
            ref=ref,
            owner=owner,
            title=title,
            kind=_kind(ref, kind),
            issued_on=issued_on,
            issuer_name=issuer_name or ref.issuer_text or "",
            issuing_organisation=issuing_organisation,
        )


def _create(
    *,
    actor: Any,
    ref: DocumentReference,
    owner: Organisation | None,
    title: str,
    kind: str,
    issued_on: dt.date | None,
    issuer_name: str,
    issuing_organisation: Organisation | None,
) -> Document:
    when, year = _dated(ref, issued_on)
    ident = replace(identity_of_reference(ref), year=year)
    if not ref.issuer and issuer_name:
        ident = replace(ident, issuer="~" + fold(issuer_name))
    found = _existing(owner, ident.base, year)
    if found is not None:
        raise DomainError(f"Văn bản này đã có trong sổ: {found.label}.", field="reference")
    symbol = symbol_text(ref)
    title = title.strip()
    doc = Document.objects.create(
        owner=owner,
        type=ref.type,
        kind=kind,
        number=ref.number,
        year=year,
        issuer=ref.issuer or "",
        issuer_name=issuer_name.strip(),
        issuing_organisation=issuing_organisation,
        symbol=symbol,
        title=title,
        issued_on=when,
        identity=ident.key,
        register_key=f"{owner.pk if owner else '*'}|{ident.key}",
        search_text=fold(" ".join([symbol, kind, title, issuer_name, ref.issuer or ""])),
        registered_by=actor if getattr(actor, "pk", None) else None,
    )
    return doc


def _register_for(ref: DocumentReference, organisation: Organisation) -> Organisation | None:
    """Whose register a newly cited document goes in: shared for national bodies, the province's for
    a provincial committee's, else the citing unit's own."""
    level = issuer_level(ref.issuer)
    if level == "national":
        return None
    if level == "provincial":
        above = Organisation.objects.filter(
            path__in=path_prefixes(organisation.path), kind=OrgKind.PROVINCIAL
        )
        return above.order_by("path").first() or organisation
    return organisation


def document_find(*, reference: DocumentReference, organisation: Organisation) -> Document | None:
    """The registered document the reference names, among the registers `organisation` works from.
    Two documents of different years both matching a reference without a year is a DomainError."""
    ident = identity_of_reference(reference)
    # A reference naming no issuer at all ("công văn số 1825") matches that number from any issuer.
    prefix = ident.base if ident.issuer else f"{ident.type}|{ident.number}"
    candidates = documents_for_organisation(organisation).filter(identity__startswith=prefix + "|")
    if ident.year:
        candidates = candidates.filter(Q(year=ident.year) | Q(year__isnull=True))
    found = list(candidates[:5])
    if len(found) > 1:
        names = "; ".join(d.label for d in found)
        raise DomainError(
            f"«{reference.text}» có thể là nhiều văn bản ({names}): hãy ghi rõ ngày hoặc cơ quan."
        )
    return found[0] if found else None


def document_cite(*, actor: Any, reference: str, organisation: Organisation) -> Document:
    """The document a conference or task of `organisation` cites, registered first if it is new."""
    ref = document_reference_parse(reference)
    if actor is not None and not user_holds(actor, organisation, RoleLevel.EDITOR):
        raise PermissionDenied(f"Bạn không có quyền cập nhật tại «{organisation.name}».")
    with writing(actor):
        found = document_find(reference=ref, organisation=organisation)
        if found is not None:
            if found.issued_on is None and ref.date is not None:
                found.issued_on, found.year = ref.date, found.year or ref.date.year
                found.save(update_fields=["issued_on", "year"])
            return found
        return _create(
            actor=actor,
            ref=ref,
            owner=_register_for(ref, organisation),
            title="",
            kind=ref.kind or "",
            issued_on=None,
            issuer_name=ref.issuer_text or "",
            issuing_organisation=None,
        )


def _require_edit(actor: Any, document: Document, level: int = RoleLevel.EDITOR) -> None:
    if actor is None:
        return
    if document.owner is None:
        allowed = (
            _may_edit_register(actor, None)
            if level <= RoleLevel.EDITOR
            else scope_paths(actor, level) is None
        )
    else:
        allowed = user_holds(actor, document.owner, level)
    if not allowed:
        raise PermissionDenied(f"Bạn không có quyền thay đổi {document}.")


def document_may_edit(actor: Any, document: Document) -> bool:
    try:
        _require_edit(actor, document)
    except PermissionDenied:
        return False
    return True


def document_link(*, actor: Any, source: Document, target: Document, relation: LinkRelation) -> DocumentLink:
    """Record that `source` implements, amends or replaces `target`."""
    _require_edit(actor, source)
    if source.pk == target.pk:
        raise DomainError("Một văn bản không thể liên kết với chính nó.")
    if source.voided_at or target.voided_at:
        raise DomainError("Không liên kết với văn bản đã hủy.")
    if DocumentLink.objects.filter(source=target, target=source).exists():
        raise DomainError(f"{target} đã được ghi là liên quan tới {source}: không thể liên kết ngược lại.")
    if DocumentLink.objects.filter(source=source, target=target, relation=relation).exists():
        raise DomainError("Liên kết này đã có.")
    with writing(actor):
        return DocumentLink.objects.create(source=source, target=target, relation=relation)


def document_void(*, actor: Any, document: Document, reason: str) -> Document:
    """Void a document registered in error (the shared register: only administrators of everything)."""
    _require_edit(actor, document, RoleLevel.ADMINISTRATOR if document.owner is None else RoleLevel.EDITOR)
    if not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", field="reason")
    if document.voided_at:
        raise DomainError(f"{document} đã bị hủy.")
    with writing(actor):
        document.voided_at = timezone.now()
        document.void_reason = reason.strip()
        document.register_key = f"void:{document.pk}:{document.register_key}"[:180]
        document.save(update_fields=["voided_at", "void_reason", "register_key"])
    return document
