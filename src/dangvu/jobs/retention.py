"""How long a job's result file is kept: `DANGVU_JOB_RESULT_DAYS` days after the job finished (30).

Purging removes the file through the storage API (local disk or S3) and marks the row
(`result_expired_at`); the row itself stays, with its title, unit, requester and history, and the page
offers to run the job again. Each purge is an audited change of the row. Run daily by the worker and by
`dangvu jobs purge`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from dangvu.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)


def result_days() -> int:
    return int(getattr(settings, "JOB_RESULT_DAYS", 30))


def results_due(now: dt.datetime | None = None, *, days: int | None = None) -> QuerySet[Job]:
    """Finished jobs whose result file is older than `days` (default: the setting), oldest first."""
    limit = (now or timezone.now()) - dt.timedelta(days=result_days() if days is None else days)
    return (
        Job.objects.filter(status=JobStatus.DONE, finished_at__lt=limit, result_expired_at__isnull=True)
        .exclude(result="")
        .order_by("finished_at", "pk")
    )


@dataclass
class PurgeResult:
    purged: list[Job] = field(default_factory=list)
    failed: list[tuple[Job, str]] = field(default_factory=list)  # the file could not be removed: kept


def job_results_purge(
    now: dt.datetime | None = None, *, days: int | None = None, dry_run: bool = False
) -> PurgeResult:
    """Remove the result files of jobs finished more than `days` ago; `dry_run`: only say which."""
    now = now or timezone.now()
    due = list(results_due(now, days=days))
    result = PurgeResult()
    if dry_run:
        result.purged = due
        return result
    for job in due:
        try:
            with transaction.atomic():
                row = (
                    Job.objects.select_for_update().filter(pk=job.pk, result_expired_at__isnull=True).first()
                )
                if row is None or not row.result:
                    continue
                # The file first: if the row cannot be saved, the next purge finds it again (deleting a
                # missing file is not an error); the other order could lose track of a file.
                row.result.storage.delete(row.result.name)
                row.result.name = ""
                row.result_expired_at = now
                row.save(update_fields=["result", "result_expired_at"])
        except Exception as e:  # a storage that refuses (S3 down): keep the row, say so, go on
            log.warning("job result purge failed for #%s", job.pk, exc_info=True)
            result.failed.append((job, f"{type(e).__name__}: {e}"))
        else:
            result.purged.append(row)
    return result
