"""Reads about access: the sub-trees a user may see, and whether a user holds a level at a unit.

Every other app's selectors start from `scope_paths`: the path prefixes of the units where the user holds
a live role. A superuser sees everything (`None`). A unit outside the scope is answered with 404, never
with a hint that it exists.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from dangvu.accounts.models import Role, RoleLevel
from dangvu.organisations.models import Organisation


def roles_active(user: Any) -> list[Role]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Role.objects.filter(user=user, revoked_at__isnull=True, organisation__dissolved_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__path")
    )


def scope_paths(user: Any, level: int = RoleLevel.VIEWER) -> list[str] | None:
    """Path prefixes of the sub-trees where `user` holds at least `level`; None means everything."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    paths = sorted({r.organisation.path for r in roles_active(user) if r.level >= level})
    # Drop prefixes covered by a shorter one.
    kept: list[str] = []
    for p in paths:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def path_in_scope(path: str, scope: list[str] | None) -> bool:
    return scope is None or any(path.startswith(p) for p in scope)


def user_holds(user: Any, organisation: Organisation, level: int) -> bool:
    return path_in_scope(organisation.path, scope_paths(user, level))


def organisation_for(user: Any, code: str, level: int = RoleLevel.VIEWER) -> Organisation:
    """The unit with `code` if `user` holds `level` over it, else Http404 (as for a missing unit)."""
    org = Organisation.objects.filter(code=code).first()
    if org is None or not user_holds(user, org, level):
        raise Http404("Không tìm thấy tổ chức.")
    return org


def roles_administered(user: Any) -> list[Role]:
    """Live roles at units inside the sub-trees `user` administers."""
    scope = scope_paths(user, RoleLevel.ADMINISTRATOR)
    qs = Role.objects.filter(revoked_at__isnull=True).select_related("user", "organisation", "granted_by")
    if scope is not None:
        qs = qs.filter(organisation__in=Organisation.objects.under_paths(scope))
    return list(qs.order_by("organisation__path", "user__username"))


def audit_entries(user: Any, *, org_code: str | None = None) -> Any:
    """Audit trail entries about things inside the sub-trees `user` administers, newest first.

    Entries carry the path of the unit they concern (`additional_data.org_path`); a superuser sees all,
    including changes to accounts, which carry no unit.
    """
    from auditlog.models import LogEntry
    from django.db.models import Q

    qs = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")
    scope = scope_paths(user, RoleLevel.ADMINISTRATOR)
    if scope is not None:
        if not scope:
            return qs.none()
        cond = Q()
        for p in scope:
            cond |= Q(additional_data__org_path__startswith=p)
        qs = qs.filter(cond)
    if org_code:
        qs = qs.filter(additional_data__org_code=org_code)
    return qs


def personal_data_log(
    user: Any,
    *,
    username: str = "",
    date_from: Any = None,
    date_to: Any = None,
    kind: str = "",
) -> Any:
    """Reads of members' personal data (Decree 13/2023) inside the sub-trees `user` administers, newest first.

    An entry belongs to the unit whose path it carries (`org_path`); a superuser sees all, including reads
    over everything (no path).
    """
    from django.db.models import Q

    from dangvu.members.models import PersonalDataAccess

    qs = PersonalDataAccess.objects.select_related("actor").order_by("-at", "-id")
    scope = scope_paths(user, RoleLevel.ADMINISTRATOR)
    if scope is not None:
        if not scope:
            return qs.none()
        cond = Q()
        for p in scope:
            cond |= Q(org_path__startswith=p)
        qs = qs.filter(cond)
    if username:
        qs = qs.filter(actor__username__iexact=username.strip())
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if kind:
        qs = qs.filter(kind=kind)
    return qs
