"""API of the review reports: the draft's content as JSON, its files, and the statistical forms.

The same selectors as the pages: a unit outside the caller's scope is a 404, as for a missing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.organisations.selectors import TreeView
from dangvu.reports import selectors
from dangvu.reports.draft import report_draft
from dangvu.reports.forms_xlsx import statistical_forms

router = Router()


class ErrorOut(Schema):
    detail: str


def _file(found: selectors.ReportFile) -> HttpResponse:
    response = HttpResponse(found.data, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.name}"'
    return response


@router.get(
    "/{code}/draft", response={200: dict[str, Any], 400: ErrorOut}, summary="Nội dung dự thảo báo cáo (JSON)"
)
def draft(request: HttpRequest, code: str, period: str, view: str = "was", on: dt.date | None = None) -> Any:
    org = organisation_for(request.user, code)
    try:
        return report_draft(request.user, org, Period.parse(period), view=TreeView(view), on=on)
    except (DomainError, ValueError) as e:
        return Status(400, {"detail": getattr(e, "message", str(e))})


@router.get("/{code}/file", response={400: ErrorOut}, summary="Tệp báo cáo: docx, pdf hoặc xlsx")
def report_file(
    request: HttpRequest,
    code: str,
    period: str,
    format: str = "docx",
    view: str = "was",
    on: dt.date | None = None,
) -> Any:
    try:
        found = selectors.report_file(
            request.user, code, Period.parse(period), format, view=TreeView(view), on=on
        )
    except (DomainError, ValueError) as e:
        return Status(400, {"detail": getattr(e, "message", str(e))})
    return _file(found)


@router.get("/{code}/forms", summary="Biểu thống kê cơ bản (.xlsx) đến một ngày")
def forms(request: HttpRequest, code: str, at: dt.date) -> HttpResponse:
    org = organisation_for(request.user, code)
    data = statistical_forms(request.user, org, at)
    return _file(selectors.ReportFile(f"bieu-thong-ke-{org.code}-{at}.xlsx", selectors.FORMATS["xlsx"], data))
