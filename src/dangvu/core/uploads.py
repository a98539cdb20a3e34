"""The guard every uploaded .xlsx / .docx passes before openpyxl or python-docx parse it.

It reads the zip's directory and streams the sheets' XML, never building a workbook, so a hostile file is
refused cheaply: too large, not a zip (by its first bytes), the wrong extension, too many members, a zip
bomb (too much uncompressed data or a member compressed far beyond what real office files reach), a sheet
that declares or holds more rows than an import takes, or cells with formulas (an import reads values, and
a formula's cached value may be stale or absent). Each refusal is a `UploadRefused` (a `DomainError`) with
a Vietnamese message naming the reason. Limits are settings (`DANGVU_UPLOAD_*`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import IO, Any

from django.conf import settings

from dangvu.core.errors import DomainError

ZIP_MAGIC = (b"PK\x03\x04",)
CHUNK = 1 << 16
# A member whose uncompressed size exceeds this is judged on its compression ratio.
RATIO_FLOOR = 1 << 20

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*\br=\"([A-Z]{1,3}\d+)\"")
_SHEET_NO = re.compile(r"sheet(\d+)\.xml$")

REQUIRED_MEMBER = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
KIND_WORDS = {".xlsx": "Excel (.xlsx)", ".docx": "Word (.docx)"}


class UploadRefused(DomainError):
    """The uploaded file was refused before anything read it; `message` says why."""


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_bytes() -> int:
    return _limit("DANGVU_UPLOAD_MAX_MB", 50) * 1024 * 1024


def _vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _size(source: bytes | str | Path | IO[bytes]) -> int:
    if isinstance(source, bytes | bytearray):
        return len(source)
    if isinstance(source, str | Path):
        return Path(source).stat().st_size
    here = source.tell()
    source.seek(0, io.SEEK_END)
    end = source.tell()
    source.seek(here)
    return end


def _head(source: bytes | str | Path | IO[bytes]) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source[:4])
    if isinstance(source, str | Path):
        with Path(source).open("rb") as f:
            return f.read(4)
    here = source.tell()
    source.seek(0)
    head = source.read(4)
    source.seek(here)
    return head


def upload_check(source: bytes | str | Path | IO[bytes], *, suffix: str, name: str = "") -> None:
    """Refuse `source` (bytes, a path or a seekable binary file) unless it is a safe `suffix` file.

    `name` is the file name the user chose; its extension must match `suffix` when given."""
    suffix = suffix.lower()
    words = KIND_WORDS.get(suffix, suffix)
    if name and PurePath(name).suffix.lower() != suffix:
        raise UploadRefused(f"Tệp «{name}» không phải tệp {words}: phần đuôi tên tệp phải là {suffix}.")
    size, limit = _size(source), max_bytes()
    if size > limit:
        raise UploadRefused(
            f"Tệp lớn {_vn(size // (1024 * 1024))} MB, quá giới hạn {_vn(limit // (1024 * 1024))} MB "
            "cho mỗi lần tải lên."
        )
    if _head(source) not in ZIP_MAGIC:
        raise UploadRefused(f"Không đọc được tệp: nội dung không phải tệp {words}, dù tên có đuôi gì.")
    raw: Any = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(raw) as zf:
            _zip_check(zf, suffix, words)
            if suffix == ".xlsx":
                _sheets_check(zf)
    except zipfile.BadZipFile as e:
        raise UploadRefused(f"Không đọc được tệp {words}: tệp bị hỏng ({e}).") from None
    finally:
        if hasattr(raw, "seek"):
            raw.seek(0)


def _zip_check(zf: zipfile.ZipFile, suffix: str, words: str) -> None:
    infos = zf.infolist()
    most = _limit("DANGVU_UPLOAD_MAX_MEMBERS", 2000)
    if len(infos) > most:
        raise UploadRefused(
            f"Tệp chứa {_vn(len(infos))} thành phần nén, quá giới hạn {_vn(most)}: không phải tệp {words} "
            "thông thường."
        )
    total = sum(i.file_size for i in infos)
    cap = _limit("DANGVU_UPLOAD_MAX_UNZIPPED_MB", 500) * 1024 * 1024
    if total > cap:
        raise UploadRefused(
            f"Tệp khi giải nén lớn {_vn(total // (1024 * 1024))} MB, quá giới hạn "
            f"{_vn(cap // (1024 * 1024))} MB (nghi là «bom nén»)."
        )
    ratio = _limit("DANGVU_UPLOAD_MAX_RATIO", 100)
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > ratio * max(i.compress_size, 1):
            raise UploadRefused(
                f"Thành phần «{i.filename}» nén với tỉ lệ {_vn(i.file_size // max(i.compress_size, 1))}:1, "
                f"quá giới hạn {ratio}:1 (nghi là «bom nén»)."
            )
    names = {i.filename for i in infos}
    if REQUIRED_MEMBER.get(suffix, "") not in names and suffix in REQUIRED_MEMBER:
        raise UploadRefused(f"Tệp không phải tệp {words}: thiếu phần «{REQUIRED_MEMBER[suffix]}».")


def _chunks(zf: zipfile.ZipFile, name: str, cap: int) -> Iterator[tuple[bytes, int]]:
    """The member's text in chunks, each with the end of the one before it in front (so no tag is cut in
    two), and the length of that overlap; at most `cap` bytes in all."""
    read = 0
    tail = b""
    with zf.open(name) as f:
        while chunk := f.read(CHUNK):
            read += len(chunk)
            if read > cap:  # the directory lied about the size: a crafted file
                raise UploadRefused(f"Thành phần «{name}» lớn hơn khai báo (nghi là «bom nén»).")
            yield tail + chunk, len(tail)
            tail = chunk[-256:]


def _rows_in(text: bytes, seen: int) -> int:
    """Row tags in `text` not wholly inside its first `seen` bytes (counted with the chunk before)."""
    if b":row" in text:  # a writer that prefixes its tags (rare): the slower, general count
        return sum(1 for m in _ROW.finditer(text) if m.end() > seen)
    start = max(seen - 4, 0)
    return text.count(b"<row ", start) + text.count(b"<row>", start)


def _sheets_check(zf: zipfile.ZipFile) -> None:
    most = _limit("DANGVU_UPLOAD_MAX_ROWS", 200_000)
    cap = _limit("DANGVU_UPLOAD_MAX_UNZIPPED_MB", 500) * 1024 * 1024
    for info in zf.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        no = _SHEET_NO.search(info.filename)
        where = f"trang tính thứ {no.group(1)}" if no else f"phần «{info.filename}»"
        rows = 0
        for text, seen in _chunks(zf, info.filename, cap):
            if not seen:
                declared = _DIMENSION.search(text)
                if declared and int(declared.group(1)) > most:
                    raise UploadRefused(
                        f"Tệp Excel có {where} khai báo {_vn(int(declared.group(1)))} dòng, quá giới hạn "
                        f"{_vn(most)} dòng mỗi lần nhập: hãy chia thành nhiều tệp."
                    )
            rows += _rows_in(text, seen)
            if rows > most:
                raise UploadRefused(
                    f"Tệp Excel có {where} chứa hơn {_vn(most)} dòng, quá giới hạn mỗi lần nhập: "
                    "hãy chia thành nhiều tệp."
                )
            formula = _FORMULA.search(text) if b"<f" in text or b":f" in text else None
            if formula:
                refs = _CELL_REF.findall(text, 0, formula.start())
                cell = f" ở ô {refs[-1].decode()}" if refs else ""
                raise UploadRefused(
                    f"Tệp Excel có công thức{cell} ({where}): hệ thống chỉ nhận giá trị. Hãy chép toàn bộ "
                    "rồi «Dán giá trị» (Paste Values) và tải lên lại."
                )


def uploaded_file_clean(upload: Any, *, suffix: str) -> Any:
    """A form's `clean_<field>` for an uploaded file: the guard's refusal becomes the field's error."""
    from django import forms

    if upload is None:
        return upload
    try:
        upload_check(upload, suffix=suffix, name=upload.name)
    except UploadRefused as e:
        raise forms.ValidationError(e.message) from None
    return upload
