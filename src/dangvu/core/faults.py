"""Named points where the fault tests stop a process on purpose (tests/core/test_killed_import.py).

`fault_point(name)` does nothing unless the environment variable DANGVU_FAULT_POINT equals `name`; then it
says so on stderr and sleeps, so a test can kill the process at that very point (e.g. inside the import's
writing transaction). One dictionary lookup when unused."""

from __future__ import annotations

import os
import sys
import time

MARK = "DANGVU_FAULT_POINT reached:"


def fault_point(name: str) -> None:
    if os.environ.get("DANGVU_FAULT_POINT") != name:
        return
    print(f"{MARK} {name}", file=sys.stderr, flush=True)
    time.sleep(float(os.environ.get("DANGVU_FAULT_PAUSE", "60")))
