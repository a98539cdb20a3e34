"""The document register: identity across spellings, the shared and unit registers, links, voiding, scope."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry

from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.documents.identity import identity_of_reference, same_document, symbol_text
from dangvu.documents.models import Document, LinkRelation
from dangvu.documents.selectors import document_for, documents_search, path_prefixes
from dangvu.documents.services import (
    document_cite,
    document_link,
    document_reference_parse,
    document_register,
    document_void,
)
from dangvu.documents.symbols import parse_reference


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Chỉ thị 05 của Bộ Chính trị", "05-CT/TW", True),
        ("Chỉ thị số 05-CT/TƯ", "05-CT/TW", True),
        ("Nghị quyết số 02-NQ/TU ngày 21/1/2021", "02-NQ/TU", True),
        ("Nghị quyết số 02-NQ/TU ngày 21/1/2021", "Nghị quyết số 02-NQ/TU ngày 3/2/2016", False),
        ("02-NQ/TU", "02-NQ/HU", False),
        ("02-NQ/TU", "02-KH/TU", False),
        ("34/2019/NĐ-CP", "nghị định số 34/2019/NĐ-CP, ngày 24/4/2019", True),
    ],
)
def test_identity_across_spellings(a, b, same):
    assert same_document(parse_reference(a), parse_reference(b)) is same


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("Chỉ thị 05 của Bộ Chính trị", "05-CT/TW"),
        ("05-CT/TƯ", "05-CT/TW"),
        ("34/2019/NĐ-CP", "34/2019/NĐ-CP"),
        ("1234/QĐ-UBND", "1234/QĐ-UBND"),
        ("1234/UBND-VX", "1234/UBND-VX"),
        ("Nghị quyết số 02 của BCH Đảng bộ thành phố", "02"),
    ],
)
def test_symbol_as_registers_write_it(text, symbol):
    assert symbol_text(parse_reference(text)) == symbol


def test_path_prefixes():
    assert path_prefixes("/1/18/345/") == ["/1/", "/1/18/", "/1/18/345/"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("02-NQ", "thiếu cơ quan ban hành"),
        ("NQ/TU", "thiếu số văn bản"),
        ("0-NQ/TU", "lớn hơn 0"),
        ("", "trống"),
    ],
)
def test_bad_symbols_get_the_parsers_reason(text, reason):
    with pytest.raises(DomainError, match=reason):
        document_reference_parse(text)


def test_a_national_document_goes_to_the_shared_register_once(province):
    editor = province.users["editor_a"]
    doc = document_register(actor=editor, reference="05-CT/TƯ", title="Về đẩy mạnh học tập và làm theo")
    assert (doc.owner, doc.type, doc.kind, doc.number, doc.issuer, doc.symbol) == (
        None,
        "CT",
        "Chỉ thị",
        "05",
        "TW",
        "05-CT/TW",
    )
    with pytest.raises(DomainError, match="đã có trong sổ"):
        document_register(actor=province.users["admin"], reference="Chỉ thị 05 của Bộ Chính trị")
    entry = LogEntry.objects.get(object_pk=str(doc.pk), content_type__model="document")
    assert entry.actor == editor


def test_a_viewer_cannot_register(province):
    with pytest.raises(PermissionDenied):
        document_register(actor=province.users["outsider"], reference="05-CT/TW")
    with pytest.raises(PermissionDenied):
        document_register(actor=province.users["editor_a"], reference="12-NQ/ĐU", owner=province["XB"])


def test_a_unit_document_needs_a_unit_register(province):
    with pytest.raises(DomainError, match="Sổ văn bản dùng chung"):
        document_register(actor=province.users["admin"], reference="02-NQ/TU")


def test_qd_alone_needs_the_kind_chosen(province):
    admin = province.users["admin"]
    with pytest.raises(DomainError, match="cả Quyết định và Quy định"):
        document_register(actor=admin, reference="32-QĐ/TU", owner=province["HL"])
    doc = document_register(actor=admin, reference="32-QĐ/TU", owner=province["HL"], kind="Quyết định")
    assert doc.kind == "Quyết định"
    with pytest.raises(DomainError, match="không phải của Chỉ thị"):
        document_register(actor=admin, reference="33-QĐ/TU", owner=province["HL"], kind="Chỉ thị")


def test_same_symbol_in_two_terms_needs_dates(province):
    admin, hl = province.users["admin"], province["HL"]
    document_register(actor=admin, reference="02-NQ/TU", owner=hl, issued_on=dt.date(2016, 3, 2))
    document_register(actor=admin, reference="Nghị quyết số 02-NQ/TU ngày 21/1/2021", owner=hl)
    with pytest.raises(DomainError, match="nhiều văn bản"):
        document_cite(actor=admin, reference="Nghị quyết 02-NQ/TU", organisation=province["XA"])
    found = document_cite(
        actor=admin, reference="Nghị quyết số 02-NQ/TU ngày 21/1/2021", organisation=province["XA"]
    )
    assert found.issued_on == dt.date(2021, 1, 21)
    with pytest.raises(DomainError, match="khác ngày"):
        document_register(
            actor=admin,
            reference="Nghị quyết số 05-NQ/TU ngày 21/1/2021",
            owner=hl,
            issued_on=dt.date(2021, 1, 22),
        )


def test_citing_finds_the_registered_document_under_another_spelling(province):
    admin = province.users["admin"]
    doc = document_register(actor=admin, reference="05-CT/TW")
    assert (
        document_cite(
            actor=province.users["editor_a"],
            reference="Chỉ thị 05 của Bộ Chính trị",
            organisation=province["XA"],
        )
        == doc
    )
    assert Document.objects.count() == 1


def test_citing_a_new_provincial_document_registers_it_at_the_province(province):
    doc = document_cite(
        actor=province.users["editor_a"],
        reference="Kế hoạch số 42-KH/TU ngày 17/5/2021",
        organisation=province["XA"],
    )
    assert doc.owner == province["HL"] and doc.issued_on == dt.date(2021, 5, 17)
    # a sibling commune works from the same provincial register
    assert (
        document_cite(actor=province.users["admin"], reference="42-KH/TU", organisation=province["XB"]) == doc
    )


def test_citing_an_unknown_level_stays_in_the_citing_units_register(province):
    doc = document_cite(
        actor=province.users["editor_a"],
        reference="Nghị quyết số 02 của BCH Đảng bộ thành phố",
        organisation=province["XA"],
    )
    assert doc.owner == province["XA"] and doc.issuer_name == "BCH Đảng bộ thành phố" and doc.symbol == "02"


def test_search_by_symbol_words_issuer_and_date(province):
    admin = province.users["admin"]
    hl = province["HL"]
    nq = document_register(
        actor=admin,
        reference="Nghị quyết số 02-NQ/TU ngày 21/1/2021",
        owner=hl,
        title="Về nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng",
    )
    ct = document_register(
        actor=admin, reference="05-CT/TW", title="Về đẩy mạnh học tập và làm theo tư tưởng"
    )
    assert documents_search(admin, q="Chỉ thị 05 của Bộ Chính trị") == [ct]
    assert documents_search(admin, q="02-NQ/TU") == [nq]
    assert documents_search(admin, q="nang luc lanh dao") == [nq]
    assert documents_search(admin, issuer="TW") == [ct]
    assert documents_search(admin, date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 12, 31)) == [nq]


def test_scope_units_see_shared_their_own_and_above_never_a_siblings(province):
    admin = province.users["admin"]
    shared = document_register(actor=admin, reference="05-CT/TW")
    above = document_register(actor=admin, reference="02-NQ/TU", owner=province["HL"])
    own = document_register(actor=province.users["editor_a"], reference="03-NQ/ĐU", owner=province["XA"])
    sibling = document_register(actor=admin, reference="04-NQ/ĐU", owner=province["XB"])
    seen = set(documents_search(province.users["editor_a"]))
    assert seen == {shared, above, own}
    assert set(documents_search(province.users["outsider"])) == {shared, above, sibling}
    from django.http import Http404

    with pytest.raises(Http404):
        document_for(province.users["editor_a"], sibling.pk)


def test_links_and_their_refusals(province):
    admin = province.users["admin"]
    nq = document_register(actor=admin, reference="02-NQ/TU", owner=province["HL"])
    kh = document_register(actor=admin, reference="42-KH/TU", owner=province["HL"])
    link = document_link(actor=admin, source=kh, target=nq, relation=LinkRelation.IMPLEMENTS)
    assert str(link).endswith("thực hiện Nghị quyết số 02-NQ/TU")
    with pytest.raises(DomainError, match="đã có"):
        document_link(actor=admin, source=kh, target=nq, relation=LinkRelation.IMPLEMENTS)
    with pytest.raises(DomainError, match="liên kết ngược"):
        document_link(actor=admin, source=nq, target=kh, relation=LinkRelation.REPLACES)
    with pytest.raises(DomainError, match="chính nó"):
        document_link(actor=admin, source=nq, target=nq, relation=LinkRelation.REPLACES)
    with pytest.raises(PermissionDenied):
        document_link(actor=province.users["editor_a"], source=kh, target=nq, relation=LinkRelation.AMENDS)


def test_void_keeps_the_row_and_frees_the_symbol(province):
    admin = province.users["admin"]
    doc = document_register(actor=admin, reference="02-NQ/TU", owner=province["HL"])
    with pytest.raises(PermissionDenied):
        document_void(actor=province.users["editor_a"], document=doc, reason="nhầm")
    with pytest.raises(DomainError, match="lý do"):
        document_void(actor=admin, document=doc, reason=" ")
    document_void(actor=admin, document=doc, reason="nhập nhầm")
    assert Document.objects.filter(pk=doc.pk, voided_at__isnull=False).exists()
    assert documents_search(admin, q="02-NQ/TU") == []
    again = document_register(actor=admin, reference="02-NQ/TU", owner=province["HL"])
    assert again.pk != doc.pk


def test_identity_key_ignores_leading_zeros_and_the_tu_spelling():
    a = identity_of_reference(parse_reference("Chỉ thị số 5-CT/TƯ"))
    b = identity_of_reference(parse_reference("05-CT/TW"))
    assert a.key == b.key == "CT|5|TW|"
