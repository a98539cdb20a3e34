"""Reads of jobs: which jobs a user may see, one job or 404.

A user sees their own jobs while they still see the job's unit, and an administrator also sees the jobs of
units in the sub-tree they administer. A job outside that is answered 404, as for a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths
from dangvu.jobs.models import Job
from dangvu.organisations.models import Organisation


def jobs_visible(user: Any) -> QuerySet[Job]:
    qs = Job.objects.select_related("organisation", "requested_by")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    view = scope_paths(user)
    if view is None:
        return qs
    administered = scope_paths(user, RoleLevel.ADMINISTRATOR) or []
    mine = Q(requested_by=user) & (
        Q(organisation__isnull=True) | Q(organisation__in=Organisation.objects.under_paths(view))
    )
    if administered:
        mine |= Q(organisation__in=Organisation.objects.under_paths(administered))
    return qs.filter(mine)


def job_for(user: Any, pk: int) -> Job:
    job = jobs_visible(user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy công việc.")
    return job
