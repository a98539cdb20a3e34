"""`python tests/jobs/run_worker.py ARGS…`: `dangvu ARGS…` with the test-only job kinds registered."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    import django

    django.setup()
    import jobs_test_kinds  # noqa: F401

    from dangvu.cli import main

    main(["dangvu", *sys.argv[1:]])
