"""Writes of the reports app, each one audited transaction: narratives, header settings, templates, issuing.

`forms_job_enqueue` and `report_job_enqueue` queue the background jobs that build the statistical forms
and the report files (the page's buttons and `dangvu forms|report --background` alike).

`report_issue` freezes a draft (figures, lists, text, template and rule versions), gives it the next number
of the body's "BC" sequence in the committee term, enters it in the document register
(`documents.services.document_register`) and keeps the frozen content, so it regenerates identically later.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

from auditlog.context import set_actor
from django.db import transaction

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths, user_holds
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.periods import Period, term_of
from dangvu.core.uploads import upload_check
from dangvu.documents.models import Document
from dangvu.documents.services import document_register
from dangvu.jobs.models import Job
from dangvu.jobs.services import job_enqueue
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView
from dangvu.reports import layout
from dangvu.reports.docx_render import template_problems
from dangvu.reports.draft import report_draft
from dangvu.reports.models import IssuedReport, ReportNarrative, ReportSettings, ReportTemplate
from dangvu.reports.outline import NARRATIVE_KEYS
from dangvu.reports.selectors import shipped_template


@contextlib.contextmanager
def _writing(actor: Any) -> Iterator[None]:
    with transaction.atomic():
        if getattr(actor, "pk", None) is None:
            yield
        else:
            with set_actor(actor):
                yield


def _require(actor: Any, organisation: Organisation, level: int) -> None:
    if not user_holds(actor, organisation, level):
        raise PermissionDenied(f"Bạn không có quyền thực hiện việc này tại «{organisation.name}».")


def narrative_save(
    *, actor: Any, organisation: Organisation, period: Period, section: str, text: str
) -> ReportNarrative:
    """Keep the paragraph a user wrote for one section of the unit's report of the period."""
    _require(actor, organisation, RoleLevel.EDITOR)
    if section not in NARRATIVE_KEYS:
        raise DomainError(f"Báo cáo không có mục «{section}».", field="section")
    with _writing(actor):
        row, _ = ReportNarrative.objects.get_or_create(
            organisation=organisation, period=str(period), section=section
        )
        row.text = text.strip()
        row.updated_by = actor if getattr(actor, "pk", None) else None
        row.save()
    return row


def settings_save(*, actor: Any, organisation: Organisation, **fields: str) -> ReportSettings:
    """Override the unit's derived header, signature block and recipients (blank: the derived words)."""
    _require(actor, organisation, RoleLevel.EDITOR)
    allowed = {f.name for f in ReportSettings._meta.fields} - {"id", "organisation"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"Không có trường {', '.join(sorted(unknown))}.")
    with _writing(actor):
        row, _ = ReportSettings.objects.get_or_create(organisation=organisation)
        for name, value in fields.items():
            setattr(row, name, value.strip())
        row.save()
    return row


def may_manage_templates(user: Any) -> bool:
    """Administrators of a top organisation (or of everything) manage the installation's templates."""
    scope = scope_paths(user, RoleLevel.ADMINISTRATOR)
    if scope is None:
        return True
    tops = set(Organisation.objects.live().filter(parent__isnull=True).values_list("path", flat=True))
    return any(p in tops for p in scope)


def template_upload(*, actor: Any, data: bytes, note: str = "") -> ReportTemplate:
    """A new version of the report template; refused with the list of what it lacks."""
    if not may_manage_templates(actor):
        raise PermissionDenied("Chỉ quản trị viên cấp cao nhất được thay mẫu báo cáo.")
    upload_check(data, suffix=".docx")
    problems = template_problems(data)
    if problems:
        raise DomainError("Mẫu không dùng được: " + "; ".join(problems) + ".", field="file")
    with _writing(actor):
        last = ReportTemplate.objects.order_by("-version").first()
        return ReportTemplate.objects.create(
            version=(last.version + 1) if last else 1,
            content=data,
            note=note.strip(),
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )


def _template_in_force() -> ReportTemplate:
    """The latest template row; the shipped template becomes version 1 the first time a report is issued."""
    latest = ReportTemplate.objects.order_by("-version").first()
    if latest is None:
        latest = ReportTemplate.objects.create(
            version=1, content=shipped_template(), note="Mẫu gốc kèm phần mềm"
        )
    return latest


def next_number(organisation: Organisation, issuer: str, on: dt.date) -> int:
    """The next number of the body's reports: numbering restarts at 01 each committee term (36-HD 1.3.1)."""
    term = term_of(on)
    numbers = (
        Document.objects.current()
        .filter(
            owner=organisation, type="BC", issuer=issuer, issued_on__gte=term.start, issued_on__lte=term.end
        )
        .values_list("number", flat=True)
    )
    return max((int(n) for n in numbers if n.isdigit()), default=0) + 1


def report_issue(
    *,
    actor: Any,
    organisation: Organisation,
    period: Period,
    on: dt.date,
    view: TreeView = TreeView.WAS,
) -> IssuedReport:
    """Freeze the draft, number it, enter it in the document register. Nothing issued is edited later."""
    _require(actor, organisation, RoleLevel.APPROVER)
    content = report_draft(actor, organisation, period, view=view, on=on)
    with _writing(actor):
        header = content["header"]
        number = next_number(organisation, header["symbol_issuer"], on)
        frozen = copy.deepcopy(content)
        frozen["header"]["number"] = number
        frozen["header"]["number_symbol"] = layout.number_symbol(number, "BC", header["symbol_issuer"])
        template = _template_in_force()
        frozen["template_version"] = template.version
        symbol = f"{number:02d}-BC/{header['symbol_issuer']}"
        document = document_register(
            actor=actor if getattr(actor, "pk", None) else None,
            reference=symbol,
            owner=organisation,
            title=f"Báo cáo {header['summary']}"[:500],
            kind="Báo cáo",
            issued_on=on,
            issuer_name=layout.committee_name(organisation.name)[0],
            issuing_organisation=organisation,
        )
        return IssuedReport.objects.create(
            organisation=organisation,
            period=str(period),
            number=number,
            symbol=document.symbol,
            issued_on=on,
            content=frozen,
            template=template,
            rules=content["rules"],
            document=document,
            issued_by=actor if getattr(actor, "pk", None) else None,
        )


# --- background jobs: the same job from the page's buttons and from `dangvu forms|report --background` ---


def forms_job_enqueue(*, actor: Any, organisation: Organisation, at: dt.date) -> Job:
    """Queue the statistical forms of `organisation` on `at`, built by the worker as `actor`."""
    return job_enqueue(
        actor=actor,
        kind="reports.forms_xlsx",
        arguments={"code": organisation.code, "at": at.isoformat()},
        organisation=organisation,
        title=f"Biểu thống kê cơ bản đến {at:%d/%m/%Y} — {organisation.name}",
    )


def report_job_enqueue(
    *, actor: Any, organisation: Organisation, period: Period, fmt: str, view: TreeView, on: dt.date
) -> Job:
    """Queue the review report of `organisation` for `period` as a .docx, .pdf or .xlsx file."""
    return job_enqueue(
        actor=actor,
        kind="reports.report",
        arguments={
            "code": organisation.code,
            "period": str(period),
            "fmt": fmt,
            "view": view.value,
            "on": on.isoformat(),
        },
        organisation=organisation,
        title=f"Báo cáo {period.label.lower()} — {organisation.name} (.{fmt})",
    )
