"""Reads of reports: the template in force, a unit's report content and its files, always through the user.

`report_file(user, code, period, fmt)` is what the CLI, the pages and the API call: it checks the user's
scope (404 for a unit outside it, as for a missing one), assembles the draft (or takes the issued, frozen
content when asked for an issued report) and renders .docx, .pdf (from that .docx) or .xlsx.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.http import Http404

from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView
from dangvu.reports import pdf, xlsx
from dangvu.reports.docx_render import render_docx
from dangvu.reports.draft import report_draft
from dangvu.reports.models import IssuedReport, ReportTemplate

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def shipped_template() -> bytes:
    return resources.files("dangvu.reports").joinpath("templates/reports/bao_cao.docx").read_bytes()


def template_current() -> tuple[int, bytes]:
    """(version, bytes) of the template in force: the latest uploaded, else the shipped one (version 0)."""
    latest = ReportTemplate.objects.order_by("-version").first()
    return (latest.version, bytes(latest.content)) if latest is not None else (0, shipped_template())


@dataclass
class ReportFile:
    name: str
    content_type: str
    data: bytes


def file_name(content: dict[str, Any], fmt: str) -> str:
    number = content["header"].get("number")
    stem = f"bao-cao-{content['organisation']['code']}-{content['period']}"
    return f"{stem}-so-{number:02d}.{fmt}" if number else f"{stem}-du-thao.{fmt}"


def render(content: dict[str, Any], fmt: str, template: bytes | None = None) -> bytes:
    if fmt == "xlsx":
        return xlsx.annex_workbook(content)
    docx = render_docx(content, template if template is not None else template_current()[1])
    return docx if fmt == "docx" else pdf.docx_to_pdf(docx)


def report_issued(user: Any, pk: int) -> IssuedReport:
    issued = IssuedReport.objects.select_related("organisation", "template").filter(pk=pk).first()
    if issued is None:
        raise Http404("Không tìm thấy báo cáo.")
    organisation_for(user, issued.organisation.code)
    return issued


def reports_issued_for(organisation: Organisation, period: str | None = None) -> list[IssuedReport]:
    qs = IssuedReport.objects.filter(organisation=organisation)
    if period:
        qs = qs.filter(period=period)
    return list(qs.select_related("document"))


def report_file(
    user: Any,
    code: str,
    period: Period,
    fmt: str,
    *,
    view: TreeView = TreeView.WAS,
    on: dt.date | None = None,
) -> ReportFile:
    """The draft report of unit `code` for `period` as a file (404 outside the user's scope)."""
    if fmt not in FORMATS:
        raise DomainError(f"Định dạng «{fmt}» không hỗ trợ: chọn docx, pdf hoặc xlsx.", field="format")
    org = organisation_for(user, code)
    content = report_draft(user, org, period, view=view, on=on)
    return ReportFile(file_name(content, fmt), FORMATS[fmt], render(content, fmt))


def issued_file(issued: IssuedReport, fmt: str) -> ReportFile:
    """An issued report regenerated from its frozen content and the template version it was issued with."""
    content = issued.content
    return ReportFile(
        file_name(content, fmt), FORMATS[fmt], render(content, fmt, bytes(issued.template.content))
    )
