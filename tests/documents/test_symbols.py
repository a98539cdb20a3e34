"""The document-symbol parser: symbols and references as written in real texts, and refusals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dangvu.documents.symbols import (
    DOCUMENT_TYPES,
    SymbolError,
    find_document_references,
    parse_reference,
    parse_symbol,
)
from dangvu.reader.text import prepare

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def _gold() -> list[dict]:
    if not (SEEDS / "gold.jsonl").is_file():
        return []
    return [
        json.loads(line) for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]


GOLD_DOCUMENTS = [(record["file"], doc) for record in _gold() for doc in record["documents"]]


@pytest.mark.parametrize(("file", "gold"), GOLD_DOCUMENTS, ids=[d["text"][:30] for _, d in GOLD_DOCUMENTS])
def test_every_seed_reference_parses_to_the_gold(file: str, gold: dict) -> None:
    ref = parse_reference(gold["text"])
    assert (ref.type, ref.number, ref.kind) == (gold["type"], gold["number"], gold["kind"])
    assert ref.issuer == gold["issuer"]
    assert (ref.date.isoformat() if ref.date else None) == gold["date"]
    if "year" in gold:
        assert ref.year == gold["year"]


@pytest.mark.parametrize("record", _gold(), ids=lambda r: r["file"][:3])
def test_every_seed_reference_is_found_in_its_article(record: dict) -> None:
    body = prepare((SEEDS / record["file"]).read_text(encoding="utf-8")).body
    found = {(r.type, r.number, r.issuer) for r in find_document_references(body)}
    for gold in record["documents"]:
        assert any(
            t == gold["type"] and n == gold["number"] and (i == gold["issuer"] or not gold["issuer"])
            for t, n, i in found
        ), gold["text"]


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("02-NQ/TU", ("NQ", "Nghị quyết", "02", None, "TU")),
        ("05-CT/TƯ", ("CT", "Chỉ thị", "05", None, "TW")),
        ("42-KH/TU", ("KH", "Kế hoạch", "42", None, "TU")),
        ("34/2019/NĐ-CP", ("NĐ", "Nghị định", "34", 2019, "CP")),
        ("1234/QĐ-UBND", ("QĐ", "Quyết định", "1234", None, "UBND")),
        ("1234/UBND-VX", ("CV", "Công văn", "1234", None, "UBND-VX")),
        ("07-QĐi/TW", ("QĐi", "Quy định", "07", None, "TW")),
        ("2892-QĐ/ĐUK", ("QĐ", "Quyết định", "2892", None, "ĐUK")),
    ],
)
def test_symbols(symbol: str, expected: tuple) -> None:
    ref = parse_symbol(symbol)
    assert (ref.type, ref.kind, ref.number, ref.year, ref.issuer) == expected


def test_qd_alone_is_ambiguous_unless_the_table_knows_it() -> None:
    assert parse_symbol("15-QĐ/TU").ambiguous
    known = parse_symbol("76-QĐ/TW")
    assert (known.kind, known.ambiguous) == ("Quy định", False)
    assert parse_symbol("321-QĐ/TW").kind == "Quyết định"


def test_the_written_word_decides_between_quyet_dinh_and_quy_dinh() -> None:
    assert parse_reference("Quy định số 15-QĐ/TU").kind == "Quy định"
    assert parse_reference("Quyết định số 15-QĐ/TU").kind == "Quyết định"
    assert not parse_reference("Quy định 15-QĐ/TU").ambiguous


def test_issuer_from_the_body_named() -> None:
    assert parse_reference("Chỉ thị 05 của Bộ Chính trị").issuer == "TW"
    assert parse_reference("Kết luận số 21 của Ban Bí thư").issuer == "TW"
    assert parse_reference("Nghị quyết số 03 của Tỉnh ủy").issuer == "TU"
    assert parse_reference("Chỉ thị số 12 của Thủ tướng Chính phủ").issuer == "TTg"
    ref = parse_reference("Nghị quyết số 02 của BCH Đảng bộ thành phố về cán bộ")
    assert (ref.issuer, ref.issuer_text) == (None, "BCH Đảng bộ thành phố")


def test_date_after_a_symbol() -> None:
    assert parse_reference("Nghị quyết số 02-NQ/TU ngày 21/1/2021").date == date(2021, 1, 21)
    assert parse_reference("Nghị định 34/2019/NĐ-CP ngày 24 tháng 4 năm 2019").date == date(2019, 4, 24)


@pytest.mark.parametrize(
    ("symbol", "why"),
    [
        ("02-NQ", "thiếu cơ quan ban hành"),
        ("02-NQ/", "thiếu cơ quan ban hành"),
        ("NQ/TU", "thiếu số văn bản"),
        ("", "trống"),
        ("0-NQ/TU", "số văn bản phải lớn hơn 0"),
        ("02-XY/TU", "không rõ loại văn bản"),
        ("34/2019/NĐ", "thiếu cơ quan ban hành"),
    ],
)
def test_bad_symbols_are_refused_in_vietnamese(symbol: str, why: str) -> None:
    with pytest.raises(SymbolError, match="Ký hiệu văn bản không hợp lệ") as error:
        parse_symbol(symbol)
    assert why in str(error.value)


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch phát triển đảng viên năm 2022",
        "xây dựng kế hoạch 5 năm",
        "hội nghị quyết định 3 vấn đề",
        "kỷ niệm (15/6/1957-15/6/2022)",
        "Nghị quyết Trung ương 4 (khóa XI, XII)",
        "đạt 16/35 đảng ủy",
        "Kế hoạch 2022 của tỉnh",
    ],
)
def test_no_reference_where_there_is_none(text: str) -> None:
    assert find_document_references(text) == []


def test_references_carry_offsets() -> None:
    text = "Thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 và 76-QĐ/TW, cùng Chỉ thị 05."
    refs = find_document_references(text)
    assert [(r.type, r.number) for r in refs] == [("NQ", "02"), ("QĐ", "76"), ("CT", "05")]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text


def test_the_type_table_is_data() -> None:
    codes = {(t.code, t.word) for t in DOCUMENT_TYPES}
    assert ("QĐ", "Quyết định") in codes and ("QĐ", "Quy định") in codes
    assert all(t.scope in {"party", "state", "both"} for t in DOCUMENT_TYPES)
