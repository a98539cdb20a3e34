"""Quality ratings (đánh giá, xếp loại chất lượng): the proposal and the decision, each checked against the
regulation in force for the rating's year (`rules.rules_for_year`).

An organisation proposes its own grade (tự đánh giá) and the committee above decides; a member's grade is
proposed by the cell and decided by the cell's grassroots committee (or the cell itself for a grassroots
cell). The two are kept apart: a decision never overwrites the proposal. Quotas (at most 20% of the good
grades may be excellent) are a count over everything a committee decides in a year, which is filled in one
rating at a time; so they are reported (`quota_report`), not refused entry by entry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.activities.models import Discipline, QualityRating
from dangvu.activities.rules import Facts, Grade, quota_excess, rating_problems, rules_for_year
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.periods import Period
from dangvu.documents.services import writing
from dangvu.meetings.services import require_editor
from dangvu.members.models import Member
from dangvu.members.selectors import member_cell
from dangvu.organisations.models import Organisation


def _facts(rating: QualityRating, score: float | None) -> Facts:
    disciplined = rating.disciplined
    if rating.member_id is not None and not disciplined:
        disciplined = Discipline.objects.filter(
            member_id=rating.member_id, decided_on__year=rating.year, voided_at__isnull=True
        ).exists()
    return Facts(
        score=score,
        tasks_on_time=rating.tasks_on_time,
        tasks_exceeding=rating.tasks_exceeding,
        disciplined=disciplined,
        collective=rating.member_id is None,
    )


def _check(rating: QualityRating, grade: str, score: float | None, field: str) -> None:
    if grade not in {g.value for g in Grade}:
        raise DomainError("Mức xếp loại không hợp lệ.", field=field)
    problems = rating_problems(rules_for_year(rating.year), Grade(grade), _facts(rating, score))
    if problems:
        raise DomainError(" ".join(problems), field=field)


def rating_propose(
    *,
    actor: Any,
    period: str,
    grade: Grade | str,
    organisation: Organisation | None = None,
    member: Member | None = None,
    score: float | None = None,
    tasks_on_time: float | None = None,
    tasks_exceeding: float | None = None,
    disciplined: bool = False,
) -> QualityRating:
    """The proposal for an organisation's or a member's rating for `period` (a year, quarter or term)."""
    p = Period.parse(period)
    if (organisation is None) == (member is None):
        raise DomainError("Cần đúng một đối tượng: một tổ chức hoặc một đảng viên.", field="organisation")
    unit = organisation if organisation is not None else member_cell(member) if member is not None else None
    if unit is None:
        raise DomainError("Đảng viên không có chi bộ.", field="member")
    require_editor(actor, unit)
    for share in (tasks_on_time, tasks_exceeding):
        if share is not None and not 0 <= share <= 100:
            raise DomainError("Tỷ lệ nhiệm vụ phải từ 0 đến 100%.", field="tasks_on_time")
    existing = QualityRating.objects.filter(
        organisation=unit, member=member, period=str(p), voided_at__isnull=True
    ).first()
    if existing is not None and existing.decided_grade:
        raise DomainError("Đã có quyết định xếp loại kỳ này; không sửa đề xuất được nữa.", field="grade")
    rules = rules_for_year(p.end.year)
    rating = existing or QualityRating(organisation=unit, member=member, period=str(p), year=p.end.year)
    rating.tasks_on_time, rating.tasks_exceeding, rating.disciplined = (
        tasks_on_time,
        tasks_exceeding,
        disciplined,
    )
    rating.rules_code = rules.code if rules else ""
    _check(rating, str(grade), score, "grade")
    with writing(actor):
        rating.proposed_grade = str(grade)
        rating.proposed_score = score
        rating.proposed_by = actor if getattr(actor, "pk", None) is not None else None
        rating.source = rating.source or "biểu mẫu"
        rating.save()
        return rating


def deciding_unit_ok(rating: QualityRating, decider: Organisation) -> bool:
    """An organisation is rated by a committee above it; a member by their cell or a committee above it."""
    unit = rating.organisation
    if rating.member_id is None:
        return unit.path.startswith(decider.path) and unit.pk != decider.pk
    return unit.path.startswith(decider.path)


def rating_decide(
    *,
    actor: Any,
    rating: QualityRating,
    decider: Organisation,
    grade: Grade | str,
    score: float | None = None,
    decided_on: dt.date | None = None,
    decision: str = "",
) -> QualityRating:
    """The committee's decision, kept apart from the proposal; an approver of `decider` decides."""
    if actor is not None and not user_holds(actor, decider, RoleLevel.APPROVER):
        raise PermissionDenied(f"Bạn không có quyền quyết định xếp loại tại «{decider.name}».")
    if not deciding_unit_ok(rating, decider):
        raise DomainError(f"«{decider.name}» không phải cấp quyết định xếp loại này.", field="decider")
    if rating.voided_at:
        raise DomainError("Bản xếp loại này đã bị hủy.")
    day = decided_on or dt.date.today()
    if day > dt.date.today():
        raise DomainError("Ngày quyết định ở tương lai.", field="decided_on")
    _check(rating, str(grade), score, "grade")
    with writing(actor):
        rating.decided_grade = str(grade)
        rating.decided_score = score
        rating.decided_on = day
        rating.deciding_organisation = decider
        rating.decision = decision.strip()
        rating.decided_by = actor if getattr(actor, "pk", None) is not None else None
        rating.save()
        return rating


def quota_report(period: str, ratings: Any) -> list[tuple[Organisation, bool, str]]:
    """For each deciding committee in `ratings` (a queryset): (committee, members?, what exceeds a quota)."""
    p = Period.parse(period)
    rules = rules_for_year(p.end.year)
    decided = ratings.filter(
        period=str(p), voided_at__isnull=True, deciding_organisation__isnull=False
    ).exclude(decided_grade="")
    counts: dict[tuple[int, bool], dict[Grade, int]] = {}
    for of_members in (False, True):
        rows = (
            decided.filter(member__isnull=not of_members)
            .values_list("deciding_organisation_id", "decided_grade")
            .annotate(n=Count("id"))
            .order_by()
        )
        for org_id, grade, n in rows:
            counts.setdefault((org_id, of_members), {})[Grade(grade)] = n
    orgs = Organisation.objects.in_bulk([k[0] for k in counts])
    out = []
    for (org_id, of_members), c in sorted(counts.items()):
        for text in quota_excess(rules, c):
            out.append((orgs[org_id], of_members, text))
    return out
