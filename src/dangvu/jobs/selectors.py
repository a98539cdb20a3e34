"""Reads of jobs: which jobs a user may see, one job or 404.

A user sees their own jobs while they still see the job's unit, and an administrator also sees the jobs of
units in the sub-tree they administer. A job outside that is answered 404, as for a missing one.
Who may cancel or run a job again: who asked for it, or an administrator of its unit.
Whether a worker is alive: its sightings (`WorkerSighting`) or a running job's fresh heartbeat.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths, user_holds
from dangvu.jobs.models import Job, JobStatus, WorkerSighting
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


def job_may_manage(user: Any, job: Job) -> bool:
    """Cancel it or run it again: the user who asked for it, or an administrator of its unit."""
    if not getattr(user, "is_authenticated", False):
        return False
    if job.requested_by_id is not None and job.requested_by_id == user.pk:
        return True
    if job.organisation is None:
        return scope_paths(user, RoleLevel.ADMINISTRATOR) is None
    return user_holds(user, job.organisation, RoleLevel.ADMINISTRATOR)


def job_managed_for(user: Any, pk: int) -> Job:
    """The job if `user` may cancel or rerun it, else 404 (the same answer as a job they cannot see)."""
    job = job_for(user, pk)
    if not job_may_manage(user, job):
        raise Http404("Không tìm thấy công việc.")
    return job


def worker_seen_recently(now: dt.datetime | None = None, *, seconds: int | None = None) -> bool:
    """A worker gave a sign of life within `seconds` (default `JOBS_STALE_SECONDS`): a queued job will be
    picked up. A worker busy with a long job does not loop, but its job's heartbeat counts."""
    from dangvu.jobs.services import stale_seconds

    since = (now or timezone.now()) - dt.timedelta(seconds=stale_seconds() if seconds is None else seconds)
    return (
        WorkerSighting.objects.filter(seen_at__gte=since).exists()
        or Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__gte=since).exists()
    )
