"""Issuing a report (frozen, numbered, in the document register) and versions of the template."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from factories import add_members

from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.periods import Period
from dangvu.documents.models import Document as RegisteredDocument
from dangvu.reports.draft import report_draft
from dangvu.reports.models import ReportTemplate
from dangvu.reports.outline import figure_changes
from dangvu.reports.selectors import issued_file, shipped_template
from dangvu.reports.services import report_issue, template_upload

Y2019 = Period.parse("2019")
ON = dt.date(2020, 1, 15)


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_issuing_numbers_registers_and_freezes_the_report(year_2019, system):
    admin = year_2019.users["admin"]
    first = report_issue(actor=admin, organisation=year_2019["HL"], period=Y2019, on=ON)
    assert (first.number, first.symbol) == (1, "01-BC/TU")
    doc = RegisteredDocument.objects.get(pk=first.document_id)
    assert (doc.owner_id, doc.kind, doc.issued_on) == (year_2019["HL"].pk, "Báo cáo", ON)
    assert first.template.version == 1 and first.rules == "HD36-2018"
    before = _text(issued_file(first, "docx").data)
    assert "Số 01-BC/TU" in before and "với 15 đảng viên" in before
    add_members(year_2019["CS"], 3, since=dt.date(2019, 6, 1))  # the records change afterwards
    assert _text(issued_file(first, "docx").data) == before
    draft = report_draft(system, year_2019["HL"], Y2019, on=ON)
    assert ("Số đảng viên", "15", "18") in figure_changes(first.content, draft)
    second = report_issue(actor=admin, organisation=year_2019["HL"], period=Y2019, on=ON)
    assert second.symbol == "02-BC/TU"


def test_only_approvers_issue(year_2019):
    with pytest.raises(PermissionDenied):
        report_issue(actor=year_2019.users["editor_a"], organisation=year_2019["XA"], period=Y2019, on=ON)


def test_an_uploaded_template_lacking_fields_is_refused_with_the_list(year_2019):
    admin = year_2019.users["admin"]
    doc = Document(io.BytesIO(shipped_template()))
    for p in doc.paragraphs:
        if "{{ summary }}" in p.text:
            p.runs[0].text = "trích yếu gõ tay"
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if "signer_name" in p.text:
                        p.runs[0].text = ""
    broken = io.BytesIO()
    doc.save(broken)
    with pytest.raises(DomainError) as e:
        template_upload(actor=admin, data=broken.getvalue())
    assert "Thiếu trường {{ summary }} (trích yếu)" in e.value.message
    assert "{{ signer_name }} (họ tên người ký)" in e.value.message
    with pytest.raises(DomainError, match="Không đọc được"):
        template_upload(actor=admin, data=b"not a docx")
    with pytest.raises(PermissionDenied):
        template_upload(actor=year_2019.users["editor_a"], data=shipped_template())
    assert template_upload(actor=admin, data=shipped_template(), note="bản sửa").version == 1
    assert ReportTemplate.objects.count() == 1
