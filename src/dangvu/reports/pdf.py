"""PDF from the report's .docx, so that the PDF and the .docx share one layout: LibreOffice headless.

`soffice --headless --convert-to pdf` runs with a throw-away user profile in a temporary directory, so
conversions in parallel (two web requests, the test suite) do not share a locked profile. Fonts: the
documents ask for Times New Roman; machines without it get Liberation Serif (Debian's fonts-liberation2,
metric-compatible and with full Vietnamese coverage), installed by `scripts/ensure_report_tools`.
No Django import.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dangvu.core.errors import DomainError

TIMEOUT_SECONDS = 180


def converter() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    program = converter()
    if program is None:
        raise DomainError(
            "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF (chạy scripts/ensure_report_tools); "
            "hãy tải bản .docx."
        )
    with tempfile.TemporaryDirectory(prefix="dangvu-pdf-") as tmp:
        work = Path(tmp)
        source = work / "bao-cao.docx"
        source.write_bytes(docx)
        result = subprocess.run(  # noqa: S603 - a fixed argument list, no shell; the file is ours
            [
                program,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        target = work / "bao-cao.pdf"
        if result.returncode != 0 or not target.exists():
            detail = (result.stderr or result.stdout).decode(errors="replace").strip()[:300]
            raise DomainError(f"LibreOffice không chuyển được báo cáo sang PDF: {detail}")
        return target.read_bytes()
