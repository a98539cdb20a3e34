"""What a command says after queueing a background job (`dangvu forms|report --background`)."""

from __future__ import annotations

from django.urls import reverse

from dangvu.jobs.models import Job
from dangvu.jobs.selectors import worker_seen_recently

NO_WORKER = (
    "Chú ý: gần đây không thấy máy chạy việc nào hoạt động; việc sẽ chờ đến khi có người bật "
    "`dangvu worker` (hoặc chạy `dangvu worker --once`)."
)


def job_queued_lines(job: Job) -> list[str]:
    """The job's number and where to follow it."""
    return [
        f"Đã xếp việc #{job.pk} vào hàng chờ: {job.title}.",
        f"Theo dõi tiến độ và tải tệp kết quả tại {reverse('jobs:detail', args=[job.pk])} "
        f"(API: /api/jobs/{job.pk}).",
    ]


def job_queued_warning() -> str:
    """The warning that nobody will run the job yet; empty when a worker was seen recently."""
    return "" if worker_seen_recently() else NO_WORKER
