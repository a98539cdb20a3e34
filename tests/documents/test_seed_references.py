"""Every document reference of the seed articles (gold.jsonl) goes through the register as the gold says:
parsed by the register's service, then cited and stored with the listed type, number, issuer and date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dangvu.documents.services import document_cite, document_reference_parse

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
GOLD = (
    [json.loads(line) for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if (SEEDS / "gold.jsonl").is_file()
    else []
)
REFERENCES = [doc for record in GOLD for doc in record["documents"]]


def test_the_seeds_are_there():
    assert len(REFERENCES) >= 12


@pytest.mark.parametrize("gold", REFERENCES, ids=[d["text"][:30] for d in REFERENCES])
def test_seed_reference_parses_to_the_gold(gold):
    ref = document_reference_parse(gold["text"])
    assert (ref.type, ref.number, ref.issuer, ref.kind) == (
        gold["type"],
        gold["number"],
        gold["issuer"],
        gold["kind"],
    )
    assert (ref.date.isoformat() if ref.date else None) == gold["date"]
    if "year" in gold:
        assert ref.year == gold["year"]


@pytest.mark.parametrize("gold", REFERENCES, ids=[d["text"][:30] for d in REFERENCES])
def test_seed_reference_is_registered_as_the_gold(province, gold):
    doc = document_cite(actor=None, reference=gold["text"], organisation=province["XA"])
    assert (doc.type, doc.number, doc.issuer or None, doc.kind) == (
        gold["type"],
        gold["number"],
        gold["issuer"],
        gold["kind"],
    )
    assert (doc.issued_on.isoformat() if doc.issued_on else None) == gold["date"]
    if gold.get("issuer_text"):
        assert doc.issuer_name == gold["issuer_text"]
    assert document_cite(actor=None, reference=gold["text"], organisation=province["XA"]) == doc


def test_one_article_cites_the_same_directive_two_ways(province):
    """Seed 001 writes "05-CT/TƯ", seed 003 "Chỉ thị 05 của Bộ Chính trị": one document."""
    first = document_cite(actor=None, reference="Chỉ thị số 05-CT/TƯ", organisation=province["XA"])
    second = document_cite(actor=None, reference="Chỉ thị 05 của Bộ Chính trị", organisation=province["XB"])
    assert first == second and first.owner is None
