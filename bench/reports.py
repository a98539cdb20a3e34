"""The demo province's 2019 review report in each format, and the statistical forms: time and peak memory.

Each measurement runs in-process after Django is set up (the CLI adds about a second of start-up). Peak
memory is the growth of the process's maximum resident size during the step (ru_maxrss), which for the
PDF leaves out LibreOffice's own process: its peak is read from the child's ru_maxrss.
Goal (issue 10): each under 5 s here.

Usage: .venv/bin/python bench/reports.py [--org CODE] [--period 2019]
It uses DANGVU_DATABASE_URL if set, else the demo (seed 1) in /tmp/dangvu-bench.sqlite3 (built when missing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DANGVU_DATABASE_URL", "sqlite:////tmp/dangvu-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from dangvu.core.periods import Period  # noqa: E402
from dangvu.organisations.models import Organisation  # noqa: E402
from dangvu.reports.draft import report_draft  # noqa: E402
from dangvu.reports.forms_xlsx import statistical_forms  # noqa: E402
from dangvu.reports.selectors import render  # noqa: E402


class System:
    is_authenticated = True
    is_superuser = True
    is_active = True


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--org", default="HL")
    parser.add_argument("--period", default="2019")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        call_command("demo", "--no-serve", "--seed", "1")
    org = Organisation.objects.get(code=args.org)
    period, on = Period.parse(args.period), dt.date(Period.parse(args.period).end.year + 1, 1, 15)
    print(f"{'step':<28}{'seconds':>9}{'peak MB':>10}  (growth; LibreOffice's own peak for PDF)")
    for fmt in ("docx", "pdf", "xlsx"):
        before, start = _rss_mb(), time.perf_counter()
        data = render(report_draft(System(), org, period, on=on), fmt)
        seconds = time.perf_counter() - start
        extra = f"LibreOffice {_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB" if fmt == "pdf" else ""
        step = f"report {fmt} ({len(data) // 1024} KB)"
        print(f"{step:<28}{seconds:>9.2f}{_rss_mb():>10.0f}  (+{_rss_mb() - before:.0f}) {extra}")
    start = time.perf_counter()
    statistical_forms(System(), org, period.end)
    print(f"{'statistical forms':<28}{time.perf_counter() - start:>9.2f}{_rss_mb():>10.0f}")


if __name__ == "__main__":
    main()
