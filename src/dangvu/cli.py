"""The `dangvu` command: `dangvu COMMAND …` runs the Django management command of that name.

The project's own commands: demo, serve, tree, read, remind, import, export, rollup, report (and
Django's: migrate, createsuperuser, check, …).
"""

from __future__ import annotations

import os
import signal
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    if hasattr(signal, "SIGPIPE"):  # `dangvu tree | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "dangvu"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
