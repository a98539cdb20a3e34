"""When two references name the same document, and how a registered document's symbol is written.

Pure Python, no Django import. A document is identified by (type, number, issuer[, year]): "Chỉ thị 05 của
Bộ Chính trị", "05-CT/TƯ" and "Chỉ thị số 05-CT/TW" are one document. The year separates documents that
share a symbol across congress terms (numbering restarts each term); a reference without a year matches
a registered document of any year. Issuers that the symbol leaves unnamed ("Nghị quyết số 02 của BCH Đảng
bộ thành phố") are identified by the body as written, folded.

`issuer_level` says whose register a cited document belongs in: the national bodies' documents are
shared by everyone; a provincial committee's ("…/TU") belong in the province's register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangvu.core.text import fold
from dangvu.documents.symbols import DOCUMENT_TYPES, DocumentReference

# Issuers whose documents are national (Trung ương, Quốc hội, Chính phủ): registered once, seen by all.
NATIONAL_ISSUERS = frozenset({"TW", "CP", "TTg", "QH", "UBTVQH"})
# Issuers of a provincial committee and its agencies (Tỉnh ủy, Ban Tổ chức Tỉnh ủy, Văn phòng Tỉnh ủy …).
_PROVINCIAL_SUFFIX = "TU"
_STATE_ONLY_TYPES = frozenset(t.code for t in DOCUMENT_TYPES if t.scope == "state")
_STATE_ISSUERS = frozenset({"CP", "TTg", "QH", "UBTVQH", "UBND", "HĐND"})
_PARTY_FORM = re.compile(r"\d\s?-\s?[^\W\d]")


@dataclass(frozen=True)
class Identity:
    """The parts of a reference that decide which document it names."""

    type: str
    number: str  # without leading zeros: "05" → "5"
    issuer: str  # the symbol's issuer ("TW"), or "~" and the folded body as written when the symbol has none
    year: int | None

    @property
    def base(self) -> str:
        return f"{self.type}|{self.number}|{self.issuer}"

    @property
    def key(self) -> str:
        return f"{self.base}|{self.year or ''}"


def identity_of(
    *, type_code: str, number: str, issuer: str | None, issuer_name: str | None, year: int | None
) -> Identity:
    num = number.strip().lstrip("0") or "0"
    if issuer:
        who = issuer.strip().upper().replace("TƯ", "TW")
    elif issuer_name:
        who = "~" + fold(issuer_name)
    else:
        who = ""
    return Identity(type_code.strip(), num, who, year)


def identity_of_reference(ref: DocumentReference) -> Identity:
    year = ref.year or (ref.date.year if ref.date else None)
    return identity_of(
        type_code=ref.type, number=ref.number, issuer=ref.issuer, issuer_name=ref.issuer_text, year=year
    )


def same_document(a: DocumentReference, b: DocumentReference) -> bool:
    """True when both references name one document: same type, number and issuer, and no differing years."""
    ia, ib = identity_of_reference(a), identity_of_reference(b)
    return ia.base == ib.base and (ia.year is None or ib.year is None or ia.year == ib.year)


def is_state_document(ref: DocumentReference) -> bool:
    """A state document's symbol is written number/year/type-issuer; a party one number-type/issuer."""
    if _PARTY_FORM.search(ref.text):
        return False
    if re.search(r"\d/", ref.text):
        return True
    return ref.type in _STATE_ONLY_TYPES or (ref.issuer or "") in _STATE_ISSUERS


def symbol_text(ref: DocumentReference) -> str:
    """The symbol as a register writes it: "05-CT/TW", "34/2019/NĐ-CP", "1234/QĐ-UBND"; a reference that
    names no issuer keeps its number alone ("02")."""
    if not ref.issuer:
        return ref.number
    if is_state_document(ref):
        if ref.type == "CV" and "-" in ref.issuer:
            return f"{ref.number}/{ref.issuer}"
        year = f"{ref.year}/" if ref.year else ""
        return f"{ref.number}/{year}{ref.type}-{ref.issuer}"
    return f"{ref.number}-{ref.type}/{ref.issuer}"


def issuer_level(issuer: str | None) -> str | None:
    """ "national", "provincial" or None (the level is not known from the symbol)."""
    if not issuer:
        return None
    if issuer in NATIONAL_ISSUERS or (issuer.endswith("TW") and len(issuer) > 2):
        return "national"
    if issuer.endswith(_PROVINCIAL_SUFFIX):
        return "provincial"
    return None


def kinds() -> list[str]:
    """The Vietnamese words for document kinds, in the type table's order, each once."""
    seen: list[str] = []
    for t in DOCUMENT_TYPES:
        if t.word not in seen:
            seen.append(t.word)
    return seen


def code_for_kind(kind: str) -> str:
    return next(t.code for t in DOCUMENT_TYPES if t.word == kind)
