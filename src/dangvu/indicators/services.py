"""Writes about indicators: the catalogue, targets and their split to units, and reported figures.

Reported figures follow one path: a unit's editor saves and submits them (`submission_save`,
`submission_submit`); an approver at the level above approves (locks) or returns them with a comment;
reopening an approved submission needs the approver too and is audited like every other change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.periods import Period
from dangvu.indicators.catalogue import catalogue_rows
from dangvu.indicators.models import Indicator, ReportedValue, Source, Submission, SubmissionStatus, Target
from dangvu.organisations.models import Organisation


@contextlib.contextmanager
def _writing(actor: Any) -> Iterator[None]:
    with transaction.atomic():
        if actor is None:
            yield
        else:
            with set_actor(actor):
                yield


def _require(actor: Any, org: Organisation, level: int, what: str) -> None:
    if actor is not None and not user_holds(actor, org, level):
        raise PermissionDenied(f"Bạn không có quyền {what} tại «{org.name}».")


def catalogue_sync() -> int:
    """Add the standard indicators that are missing; rows already there (perhaps corrected) are kept."""
    have = set(Indicator.objects.values_list("code", flat=True))
    new = [Indicator(**row) for row in catalogue_rows() if row["code"] not in have]
    Indicator.objects.bulk_create(new)
    return len(new)


def target_set(
    *, actor: Any, indicator: Indicator, organisation: Organisation, period: str, value: float
) -> Target:
    """Set (or replace) a unit's target for an indicator and period; a replaced one is voided, not lost."""
    p = Period.parse(period)
    if value < 0:
        raise DomainError("Giá trị chỉ tiêu không được âm.", field="value")
    with _writing(actor):
        _require(actor, organisation, RoleLevel.APPROVER, "giao chỉ tiêu")
        now = timezone.now()
        Target.objects.filter(
            indicator=indicator, organisation=organisation, period=str(p), voided_at__isnull=True
        ).update(voided_at=now)
        return Target.objects.create(
            indicator=indicator,
            organisation=organisation,
            period=str(p),
            value=value,
            set_by=actor if getattr(actor, "pk", None) else None,
        )


def target_split(
    *, actor: Any, indicator: Indicator, organisation: Organisation, period: str, weights: Mapping[int, float]
) -> list[Target]:
    """Share the unit's target out to its direct sub-units in proportion to `weights` (say, their members),
    whole numbers by the largest remainder so that the parts add up to the whole."""
    parent = Target.objects.filter(
        indicator=indicator,
        organisation=organisation,
        period=str(Period.parse(period)),
        voided_at__isnull=True,
    ).first()
    if parent is None:
        raise DomainError(
            f"«{organisation.name}» chưa có chỉ tiêu «{indicator.name}» kỳ {period} để phân bổ."
        )
    children = {o.pk: o for o in organisation.children.filter(dissolved_on__isnull=True)}
    if not children or not set(weights) <= set(children):
        raise DomainError("Chỉ phân bổ được cho các đơn vị trực thuộc đang hoạt động.")
    total = sum(weights.values())
    if total <= 0:
        raise DomainError("Không có căn cứ phân bổ (tổng trọng số bằng 0).")
    whole = round(parent.value)
    raw = {k: whole * w / total for k, w in weights.items()}
    parts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - parts[k], reverse=True)[: whole - sum(parts.values())]:
        parts[k] += 1
    with _writing(actor):
        return [
            target_set(actor=actor, indicator=indicator, organisation=children[k], period=period, value=v)
            for k, v in parts.items()
        ]


def _submission(org: Organisation, period: str) -> Submission:
    sub, _ = Submission.objects.get_or_create(organisation=org, period=str(Period.parse(period)))
    return sub


def submission_save(
    *, actor: Any, organisation: Organisation, period: str, values: Mapping[str, float]
) -> Submission:
    """Record a unit's figures for a period (a draft until submitted). Locked once approved."""
    with _writing(actor):
        _require(actor, organisation, RoleLevel.EDITOR, "nhập số liệu")
        # Row lock: two saves of one unit's figures at once (a deadline) wait for each other instead of
        # both inserting the same value and one failing on the unique constraint (PostgreSQL).
        sub = Submission.objects.select_for_update().get(pk=_submission(organisation, period).pk)
        if sub.status == SubmissionStatus.APPROVED:
            raise DomainError(
                f"Số liệu kỳ {sub.period} của «{organisation.name}» đã được duyệt và khóa; "
                "cần cấp trên mở lại trước khi sửa."
            )
        known = {i.code: i for i in Indicator.objects.filter(code__in=list(values), source=Source.REPORTED)}
        for code, value in values.items():
            if code not in known:
                raise DomainError(f"Chỉ tiêu «{code}» không phải chỉ tiêu do đơn vị báo cáo.", field=code)
            if value is None or value < 0:
                raise DomainError(f"Giá trị của «{known[code].name}» phải là số không âm.", field=code)
            row = ReportedValue.objects.filter(submission=sub, indicator=known[code]).first()
            if row is None:
                ReportedValue.objects.create(submission=sub, indicator=known[code], value=value)
            elif row.value != value:
                row.value = value
                row.save(update_fields=["value"])
        if sub.status == SubmissionStatus.RETURNED:
            sub.status = SubmissionStatus.DRAFT
            sub.save(update_fields=["status"])
        return sub


def submission_submit(*, actor: Any, submission: Submission) -> None:
    with _writing(actor):
        _require(actor, submission.organisation, RoleLevel.EDITOR, "nộp số liệu")
        if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
            raise DomainError(
                f"Số liệu đang ở trạng thái «{submission.get_status_display()}», không nộp lại được."
            )
        if not submission.values.exists():
            raise DomainError("Chưa có số liệu nào để nộp.")
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_by = actor if getattr(actor, "pk", None) else None
        submission.submitted_at = timezone.now()
        submission.save(update_fields=["status", "submitted_by", "submitted_at"])


def _require_above(actor: Any, submission: Submission) -> None:
    """Approval belongs to the level above: an approver over the unit's parent."""
    parent = submission.organisation.parent
    if parent is None:
        _require(actor, submission.organisation, RoleLevel.APPROVER, "duyệt số liệu")
    else:
        _require(actor, parent, RoleLevel.APPROVER, "duyệt số liệu")


def submission_approve(*, actor: Any, submission: Submission) -> None:
    with _writing(actor):
        _require_above(actor, submission)
        if submission.status != SubmissionStatus.SUBMITTED:
            raise DomainError("Chỉ duyệt được số liệu đã nộp.")
        submission.status = SubmissionStatus.APPROVED
        submission.decided_by = actor if getattr(actor, "pk", None) else None
        submission.decided_at = timezone.now()
        submission.save(update_fields=["status", "decided_by", "decided_at"])


def submission_return(*, actor: Any, submission: Submission, comment: str) -> None:
    if not comment.strip():
        raise DomainError("Cần ghi rõ lý do trả lại.", field="comment")
    with _writing(actor):
        _require_above(actor, submission)
        if submission.status != SubmissionStatus.SUBMITTED:
            raise DomainError("Chỉ trả lại được số liệu đã nộp.")
        submission.status = SubmissionStatus.RETURNED
        submission.comment = comment.strip()
        submission.decided_by = actor if getattr(actor, "pk", None) else None
        submission.decided_at = timezone.now()
        submission.save(update_fields=["status", "comment", "decided_by", "decided_at"])


def submission_reopen(*, actor: Any, submission: Submission, reason: str) -> None:
    """Unlock an approved submission so the unit can correct it; the reason stays in the audit trail."""
    if not reason.strip():
        raise DomainError("Cần ghi rõ lý do mở lại số liệu đã khóa.", field="reason")
    with _writing(actor):
        _require_above(actor, submission)
        if submission.status != SubmissionStatus.APPROVED:
            raise DomainError("Chỉ mở lại được số liệu đã duyệt.")
        submission.status = SubmissionStatus.RETURNED
        submission.comment = f"Mở lại: {reason.strip()}"
        submission.save(update_fields=["status", "comment"])
