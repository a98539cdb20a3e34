"""Vietnamese official-document symbols: the type table, the symbol parser and the reference finder.

Owns how a document is named in running text ("Nghị quyết số 02-NQ/TU ngày 21/1/2021", "34/2019/NĐ-CP",
"Chỉ thị 05 của Bộ Chính trị") and turns it into a `DocumentReference`. Pure Python: no Django import.

Party symbols are `<number>-<type>/<issuer>`; state symbols are `<number>/<year>/<type>-<issuer>` or
`<number>/<type>-<issuer>`. "QĐ" stands for both Quyết định and Quy định in party symbols: the word written
in the text decides the kind; when only the symbol is given, `KNOWN_KINDS` or the type table decides and the
reference says it is ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

# fmt: off
__all__ = ["DOCUMENT_TYPES", "ISSUER_BODIES", "KNOWN_KINDS", "DocumentReference", "DocumentType",
           "SymbolError", "find_document_references", "parse_reference", "parse_symbol"]
# fmt: on


class SymbolError(ValueError):
    """A document symbol that cannot be read; the message is in Vietnamese, for the user."""


@dataclass(frozen=True)
class DocumentType:
    code: str  # the letters in the symbol: NQ, QĐ, CT …
    word: str  # the Vietnamese name: Nghị quyết …
    scope: str  # "party", "state" or "both"


# The document type table (Quy định 66-QĐ/TW and 399-QĐ/TW for the Party, Nghị định 30/2020/NĐ-CP for the
# State). Data, not code: correct it here. Where one code has two words, the first is the usual one.
# fmt: off
DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType("NQ", "Nghị quyết", "both"), DocumentType("QĐ", "Quyết định", "both"),
    DocumentType("QĐ", "Quy định", "party"), DocumentType("QĐi", "Quy định", "party"),
    DocumentType("QyĐ", "Quy định", "state"), DocumentType("CT", "Chỉ thị", "both"),
    DocumentType("KL", "Kết luận", "party"), DocumentType("QC", "Quy chế", "both"),
    DocumentType("TT", "Thông tri", "party"), DocumentType("TT", "Thông tư", "state"),
    DocumentType("TTLT", "Thông tư liên tịch", "state"), DocumentType("HD", "Hướng dẫn", "both"),
    DocumentType("TB", "Thông báo", "both"), DocumentType("TC", "Thông cáo", "party"),
    DocumentType("BC", "Báo cáo", "both"), DocumentType("KH", "Kế hoạch", "both"),
    DocumentType("QH", "Quy hoạch", "both"), DocumentType("CTr", "Chương trình", "both"),
    DocumentType("ĐA", "Đề án", "both"), DocumentType("PA", "Phương án", "both"),
    DocumentType("DA", "Dự án", "both"), DocumentType("TTr", "Tờ trình", "both"),
    DocumentType("CV", "Công văn", "both"), DocumentType("CĐ", "Công điện", "state"),
    DocumentType("BB", "Biên bản", "both"), DocumentType("BS", "Bản sao", "party"),
    DocumentType("GM", "Giấy mời", "both"), DocumentType("GGT", "Giấy giới thiệu", "both"),
    DocumentType("NĐ", "Nghị định", "state"), DocumentType("PL", "Pháp lệnh", "state"),
)
# fmt: on

# Party documents whose "QĐ" kind is known (from the texts themselves); extend as documents are registered.
# fmt: off
KNOWN_KINDS: dict[tuple[str, str, str], str] = {
    ("QĐ", "76", "TW"): "Quy định", ("QĐ", "213", "TW"): "Quy định", ("QĐ", "29", "TW"): "Quy định",
    ("QĐ", "24", "TW"): "Quy định", ("QĐ", "66", "TW"): "Quy định", ("QĐ", "124", "TW"): "Quy định",
    ("QĐ", "294", "TW"): "Quy định", ("QĐ", "296", "TW"): "Quy định", ("QĐ", "339", "TW"): "Quy định",
    ("QĐ", "366", "TW"): "Quy định", ("QĐ", "399", "TW"): "Quy định", ("QĐ", "321", "TW"): "Quyết định",
}
# fmt: on

# Issuing bodies as named in running text → the issuer part of the symbol (None: the text does not say
# which level, e.g. "Đảng bộ thành phố" may be a provincial city or a centrally-run one). Longest first wins.
ISSUER_BODIES: dict[str, str | None] = {
    "Bộ Chính trị": "TW",
    "Ban Bí thư": "TW",
    "Ban Chấp hành Trung ương": "TW",
    "BCH Trung ương": "TW",
    "Hội nghị Trung ương": "TW",
    "Trung ương": "TW",
    "Ban Tổ chức Trung ương": "BTCTW",
    "Ủy ban Kiểm tra Trung ương": "UBKTTW",
    "Văn phòng Trung ương": "VPTW",
    "Ban Tuyên giáo Trung ương": "BTGTW",
    "Ban Dân vận Trung ương": "BDVTW",
    "Ban Chấp hành Đảng bộ tỉnh": "TU",
    "BCH Đảng bộ tỉnh": "TU",
    "Ban Thường vụ Tỉnh ủy": "TU",
    "BTV Tỉnh ủy": "TU",
    "Thường trực Tỉnh ủy": "TU",
    "Tỉnh ủy": "TU",
    "Ban Tổ chức Tỉnh ủy": "BTCTU",
    "Ủy ban Kiểm tra Tỉnh ủy": "UBKTTU",
    "Văn phòng Tỉnh ủy": "VPTU",
    "Ban Tuyên giáo Tỉnh ủy": "BTGTU",
    "Ban Dân vận Tỉnh ủy": "BDVTU",
    "Ban Thường vụ Huyện ủy": "HU",
    "Huyện ủy": "HU",
    "Đảng ủy Khối": "ĐUK",
    "Đảng ủy": "ĐU",
    "Ban Chấp hành Đảng bộ thành phố": None,
    "BCH Đảng bộ thành phố": None,
    "Thành ủy": None,
    "Thủ tướng Chính phủ": "TTg",
    "Thủ tướng": "TTg",
    "Chính phủ": "CP",
    "Ủy ban Thường vụ Quốc hội": "UBTVQH",
    "Quốc hội": "QH",
    "Ủy ban nhân dân tỉnh": "UBND",
    "UBND tỉnh": "UBND",
    "Hội đồng nhân dân tỉnh": "HĐND",
    "HĐND tỉnh": "HĐND",
}

_UP = "A-ZĐƯƠÂĂÊÔ"
_LETTERS = "A-Za-zĐđƯưƠơÂâĂăÊêÔô"
_PARTY = (
    rf"(?P<pnum>\d{{1,5}})\s?[-–]\s?(?P<ptype>[{_UP}][{_LETTERS}]{{0,4}})"  # "126 – HD/ĐU" too
    rf"\s?/\s?(?P<piss>[{_UP}][{_LETTERS}]{{0,9}})"
)
_STATE = (
    rf"(?P<snum>\d{{1,5}})/(?:(?P<syear>(?:19|20)\d\d)/)?"
    rf"(?P<stype>[{_UP}][{_LETTERS}]{{0,5}})"
    rf"(?:-(?P<siss>[{_UP}][{_LETTERS}\d]{{0,9}}(?:-[{_UP}][{_LETTERS}]{{0,6}})?))?"
)
_SYMBOL = rf"(?:{_PARTY}|{_STATE})(?![{_LETTERS}\d])"
_SYMBOL_RE = re.compile(_SYMBOL)

_DATE = r"(?P<d>\d{1,2})\s?(?:[/.-]|\s+tháng\s+)(?P<m>\d{1,2})\s?(?:[/.-]|\s+năm\s+)(?P<y>(?:19|20)\d\d)"
_DATE_TAIL_RE = re.compile(rf"\s*(?:,\s*|\(\s*)?(?:(?:ban hành|ký)\s+)?(?:ngày\s+)?{_DATE}\)?", re.IGNORECASE)
_SESSION_TAIL_RE = re.compile(r",?\s*Hội nghị (?:lần thứ|Trung ương) [\w]+\s*", re.IGNORECASE)
_BODY_TAIL_RE = re.compile(r"\s*,?\s*(?:của|do)\s+(?P<body>[^,.;:()“”\"\n]{2,80})")
_BODY_STOP_RE = re.compile(r"\s+(?:về|và|gắn|trong|nhằm|để|thì|đã|khóa|khoá|nhiệm kỳ|năm|ngày|với|đối)\b")

_WORDS = sorted({t.word for t in DOCUMENT_TYPES}, key=len, reverse=True)
# Words that may name a document even in lower case with a bare number ("nghị quyết 18", "chỉ thị 05").
_STRONG_WORDS = {"nghị quyết", "chỉ thị", "nghị định", "thông tư"}
# A bare number followed by one of these counts something; it is not a document number.
_NOT_AFTER_NUMBER = re.compile(
    r"\s*(?:%|năm|tháng|ngày(?!\s*\d{1,2}\s?[/.-]\s?\d)|quý|tuần|giờ|lần|đợt|nội dung|vấn đề|điểm|điều|mục|"
    r"khoản|chương|"
    r"đảng viên|người|chi bộ|đơn vị|xã|huyện|tỉnh|cuộc|văn bản|nhiệm vụ|chỉ tiêu|tiêu chí)\b",
    re.IGNORECASE,
)
_BARE = r"\d{1,5}(?!\d)(?![/.]\d|-\w|,\d+\s?%)"
# "Nghị quyết 18, 19 của Ban Chấp hành Trung ương", "Nghị quyết 18,19 …", "Chỉ thị 05 và 06": one word,
# several numbers.
_MORE_BARE = rf"(?:\s?,\s?(?:số\s+)?{_BARE}|\s+và\s+(?:số\s+)?{_BARE})*"
_REFERENCE_RE = re.compile(
    rf"(?P<word>{'|'.join(_WORDS)})(?P<so>\s+số)?\s*:?\s+"
    rf"(?:(?P<symbol>(?-i:{_SYMBOL}))|(?P<bare>{_BARE})(?P<more>{_MORE_BARE}))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocumentReference:
    type: str
    kind: str | None
    number: str
    year: int | None
    issuer: str | None
    date: date | None
    text: str
    start: int
    end: int
    ambiguous: bool = False
    issuer_text: str | None = None


def _fail(text: str, why: str) -> SymbolError:
    return SymbolError(f"Ký hiệu văn bản không hợp lệ: “{text}”: {why}")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _normal_issuer(issuer: str) -> str:
    return issuer.replace("Ư", "W").replace("ư", "w") if issuer.upper().endswith("TƯ") else issuer


def _codes(scope: str) -> dict[str, list[DocumentType]]:
    table: dict[str, list[DocumentType]] = {}
    for doc_type in DOCUMENT_TYPES:
        if doc_type.scope in (scope, "both"):
            table.setdefault(doc_type.code.upper(), []).append(doc_type)
    return table


_PARTY_CODES = _codes("party")
_STATE_CODES = _codes("state")


def _kind_of(code: str, number: str, issuer: str | None, scope: str) -> tuple[str, str | None, bool]:
    """The canonical code, the kind and whether the kind is a guess, for a symbol given without its word."""
    entries = (_PARTY_CODES if scope == "party" else _STATE_CODES).get(code.upper(), [])
    if not entries:
        return code, None, False
    canonical = entries[0].code
    known = KNOWN_KINDS.get((canonical, number.lstrip("0") or "0", issuer or ""))
    if known:
        return canonical, known, False
    return canonical, entries[0].word, len({e.word for e in entries}) > 1


def _codes_for_word(word: str) -> set[str]:
    return {t.code.upper() for t in DOCUMENT_TYPES if t.word.lower() == word.lower()}


def _code_for_word(word: str) -> str:
    return next(t.code for t in DOCUMENT_TYPES if t.word.lower() == word.lower())


def _word_case(word: str) -> str:
    """The type word as the table writes it ("nghị định" → "Nghị định")."""
    return next(t.word for t in DOCUMENT_TYPES if t.word.lower() == word.lower())


def _date_after(text: str, pos: int) -> tuple[date | None, int]:
    match = _DATE_TAIL_RE.match(text, pos)
    if not match:
        return None, pos
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])), match.end()
    except ValueError:
        return None, pos


def _body_after(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """The issuing body named after a reference ("… của Bộ Chính trị"): (issuer, body as written, end)."""
    session = _SESSION_TAIL_RE.match(text, pos)
    at = session.end() if session else pos
    match = _BODY_TAIL_RE.match(text, at)
    if not match:
        return None, None, pos
    body = match["body"]
    known = any(body.casefold().startswith(name.casefold()) for name in ISSUER_BODIES)
    if not body[:1].isupper() and not known:  # "của ban chấp hành trung ương Đảng" is still a body
        return None, None, pos
    stop = _BODY_STOP_RE.search(body)
    body = (body[: stop.start()] if stop else body).strip()
    folded = body.casefold()
    for name in sorted(ISSUER_BODIES, key=len, reverse=True):
        if folded.startswith(name.casefold()):
            end = match.start("body") + len(name)
            return ISSUER_BODIES[name], body if ISSUER_BODIES[name] is None else None, end
    return None, body, match.start("body") + len(body)


def _from_symbol(match: re.Match[str], text: str) -> tuple[str, str, int | None, str | None, str]:
    """(type, number, year, issuer, scope) of a matched symbol; raises SymbolError on a bad one."""
    if match["pnum"]:
        number, code, issuer, year, scope = match["pnum"], match["ptype"], match["piss"], None, "party"
    else:
        number, code, issuer, scope = match["snum"], match["stype"], match["siss"], "state"
        year = int(match["syear"]) if match["syear"] else None
        if issuer and code.upper() not in _STATE_CODES:
            # "1234/UBND-VX": a state letter (công văn) carries only its issuer.
            code, issuer = "CV", f"{code}-{issuer}"
        if not issuer and code.upper() in _STATE_CODES:
            raise _fail(text, "thiếu cơ quan ban hành")
    if int(number) == 0:
        raise _fail(text, "số văn bản phải lớn hơn 0")
    table = _PARTY_CODES if scope == "party" else _STATE_CODES
    if code.upper() not in table and not (scope == "state" and code == "CV"):
        raise _fail(text, f"không rõ loại văn bản “{code}”")
    return code, number, year, _normal_issuer(issuer) if issuer else None, scope


def parse_symbol(symbol: str) -> DocumentReference:
    """Parse a bare symbol ("02-NQ/TU", "34/2019/NĐ-CP"); raise SymbolError rather than guess."""
    text = _nfc(symbol.strip())
    if not text:
        raise _fail(symbol, "trống")
    match = _SYMBOL_RE.fullmatch(text)
    if not match:
        if not re.match(r"\d", text):
            raise _fail(text, "thiếu số văn bản")
        if re.fullmatch(rf"\d+\s?-\s?[{_LETTERS}]+\s?/?\s*", text):
            raise _fail(text, "thiếu cơ quan ban hành")
        if re.fullmatch(rf"\d+\s?[-/]\s?/?[{_LETTERS}]*", text):
            raise _fail(text, "thiếu loại văn bản hoặc cơ quan ban hành")
        raise _fail(
            text, "không đúng dạng số-loại/cơ quan (02-NQ/TU) hoặc số/năm/loại-cơ quan (34/2019/NĐ-CP)"
        )
    code, number, year, issuer, scope = _from_symbol(match, text)
    canonical, kind, ambiguous = _kind_of(code, number, issuer, scope)
    return DocumentReference(canonical, kind, number, year, issuer, None, text, 0, len(text), ambiguous)


def _reference_at(match: re.Match[str], text: str) -> DocumentReference:
    word = match["word"]
    written = _word_case(word)
    if match["symbol"]:
        sym = _SYMBOL_RE.match(match["symbol"])
        assert sym is not None  # noqa: S101 - narrows the type for mypy; not a check
        code, number, year, issuer, scope = _from_symbol(sym, match["symbol"])
        canonical, kind, ambiguous = _kind_of(code, number, issuer, scope)
        if canonical.upper() in _codes_for_word(written) or (canonical == "QĐi" and written == "Quy định"):
            kind, ambiguous = written, False
    else:
        canonical = _code_for_word(written)
        number, year, issuer, kind, ambiguous = match["bare"], None, None, written, False
    end = match.end()
    when, end = _date_after(text, end)
    body_issuer, issuer_text, body_end = _body_after(text, end)
    if body_end > end:
        end = body_end
        issuer = issuer or body_issuer
    if when is None:
        when, end = _date_after(text, end)
    return DocumentReference(
        canonical,
        kind,
        number,
        year,
        issuer,
        when,
        text[match.start() : end],
        match.start(),
        end,
        ambiguous,
        issuer_text,
    )


def parse_reference(text: str) -> DocumentReference:
    """Parse one reference as written: "Nghị quyết số 18-NQ/TW", "Chỉ thị 05 của Bộ Chính trị", "76-QĐ/TW"."""
    clean = _nfc(text.strip())
    match = _REFERENCE_RE.match(clean)
    if match:
        return _reference_at(match, clean)
    if _SYMBOL_RE.match(clean):
        symbol_match = _SYMBOL_RE.match(clean)
        assert symbol_match is not None  # noqa: S101 - narrows the type for mypy; not a check
        found = parse_symbol(symbol_match.group())
        when, end = _date_after(clean, symbol_match.end())
        return DocumentReference(
            found.type,
            found.kind,
            found.number,
            found.year,
            found.issuer,
            when,
            clean[:end],
            0,
            end,
            found.ambiguous,
        )
    raise _fail(clean, "không tìm thấy số hiệu văn bản")


def _bare_number_is_reference(match: re.Match[str], text: str) -> bool:
    word = match["word"]
    if match["so"]:
        return True
    if word[0].islower() and word.lower() not in _STRONG_WORDS:
        return False
    number = match["bare"]
    if len(number) == 4 and number[:2] in ("19", "20"):
        return False  # "Kế hoạch 2022" names a year, not a number
    return not _NOT_AFTER_NUMBER.match(text, match.end())


def _listed_after(first: DocumentReference, match: re.Match[str]) -> list[DocumentReference]:
    """The other numbers of "Nghị quyết 18, 19 của …": same word, issuer and date as the first."""
    listed = re.compile(r"\d{1,5}").finditer(match.string, match.start("more"), match.end("more"))
    return [replace(first, number=n.group(), text=n.group(), start=n.start(), end=n.end()) for n in listed]


def find_document_references(text: str) -> list[DocumentReference]:
    """Every document reference in `text`, in order, with character offsets; bad symbols are skipped."""
    found: list[DocumentReference] = []
    taken: list[tuple[int, int]] = []
    for match in _REFERENCE_RE.finditer(text):
        if match["bare"] and not _bare_number_is_reference(match, text):
            continue
        try:
            ref = _reference_at(match, text)
        except SymbolError:
            continue
        found.append(ref)
        taken.append((ref.start, ref.end))
        if match["bare"] and match["more"]:
            found += _listed_after(ref, match)
    for match in _SYMBOL_RE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        before = text[max(0, match.start() - 1) : match.start()]
        if before and (before.isalnum() or before in "/-"):
            continue
        try:
            code, number, year, issuer, scope = _from_symbol(match, match.group())
        except SymbolError:
            continue
        if match["snum"] and not match["siss"] and code.upper() not in _STATE_CODES:
            continue
        canonical, kind, ambiguous = _kind_of(code, number, issuer, scope)
        when, end = _date_after(text, match.end())
        found.append(
            DocumentReference(
                canonical,
                kind,
                number,
                year,
                issuer,
                when,
                text[match.start() : end],
                match.start(),
                end,
                ambiguous,
            )
        )
    return sorted(found, key=lambda ref: ref.start)
