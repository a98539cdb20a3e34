"""The upload guard refuses hostile .xlsx / .docx files before any parser sees them."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from dangvu.core.uploads import UploadRefused, upload_check
from dangvu.members.forms import ImportForm
from dangvu.members.xlsx_import import members_import

SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def xlsx(rows: int = 3, formula: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for i in range(rows):
        ws.append([f"Người {i}", i])
    if formula:
        ws["C2"] = "=B1+B2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def fake_xlsx(sheet_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return out.getvalue()


def refused(data: bytes, suffix: str = ".xlsx", name: str = "") -> str:
    with pytest.raises(UploadRefused) as e:
        upload_check(data, suffix=suffix, name=name)
    return e.value.message


def test_a_plain_workbook_passes_and_the_file_is_rewound() -> None:
    f = io.BytesIO(xlsx())
    upload_check(f, suffix=".xlsx", name="dang-vien.xlsx")
    assert f.tell() == 0


def test_a_million_declared_rows_are_refused_at_once() -> None:
    sheet = SHEET_HEAD.encode() + b'<dimension ref="A1:C1000000"/><sheetData/></worksheet>'
    start = time.perf_counter()
    message = refused(fake_xlsx(sheet))
    assert time.perf_counter() - start < 0.5
    assert "1.000.000 dòng" in message and "200.000" in message


@override_settings(DANGVU_UPLOAD_MAX_ROWS=1000)
def test_rows_are_counted_when_the_dimension_is_missing_or_lies() -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1502))
    sheet = SHEET_HEAD.encode() + b'<dimension ref="A1"/><sheetData>' + rows + b"</sheetData></worksheet>"
    assert "hơn 1.000 dòng" in refused(fake_xlsx(sheet))
    upload_check(xlsx(rows=999), suffix=".xlsx")


def test_a_formula_is_refused_naming_its_cell() -> None:
    message = refused(xlsx(formula=True))
    assert "công thức ở ô C2" in message and "Dán giá trị" in message


def test_a_zip_bomb_is_refused() -> None:
    zeros = {"xl/media/x.bin": b"\0" * 20_000_000}
    bomb = fake_xlsx(SHEET_HEAD.encode() + b"<sheetData/></worksheet>", zeros)
    assert len(bomb) < 100_000
    assert "bom nén" in refused(bomb)


@override_settings(DANGVU_UPLOAD_MAX_UNZIPPED_MB=5)
def test_too_much_unzipped_data_is_refused() -> None:
    import os

    noise = os.urandom(6 * 1024 * 1024)
    assert "khi giải nén" in refused(fake_xlsx(SHEET_HEAD.encode() + b"</worksheet>", {"xl/n.bin": noise}))


@override_settings(DANGVU_UPLOAD_MAX_MEMBERS=50)
def test_too_many_members_are_refused() -> None:
    extra = {f"xl/m{i}.xml": b"<a/>" for i in range(60)}
    assert "thành phần nén" in refused(fake_xlsx(SHEET_HEAD.encode() + b"</worksheet>", extra))


@override_settings(DANGVU_UPLOAD_MAX_MB=1)
def test_size_type_and_extension() -> None:
    assert "quá giới hạn 1 MB" in refused(b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024))
    assert "nội dung không phải tệp Excel" in refused(b"<html>not a workbook</html>")
    assert "phần đuôi" in refused(xlsx(), name="so-lieu.xls")
    assert "word/document.xml" in refused(xlsx(), suffix=".docx")
    assert "tệp bị hỏng" in refused(b"PK\x03\x04 truncated")


def test_the_import_form_shows_the_reason() -> None:
    upload = SimpleUploadedFile("dang-vien.xlsx", xlsx(formula=True))
    form = ImportForm(files={"file": upload})
    assert not form.is_valid()
    assert "công thức ở ô C2" in form.errors["file"][0]


@pytest.mark.django_db
def test_the_command_line_import_is_guarded_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.xlsx"
    path.write_bytes(xlsx(formula=True))
    result = members_import(path, actor=None)
    assert not result.written and "công thức" in result.errors[0].message


def _docx_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * 30_000_000 + b"</w:document>")
    return out.getvalue()


@pytest.mark.django_db
def test_every_upload_page_refuses_before_parsing(province, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(province.users["admin"])
    page = client.post(
        "/hoat-dong/nhap/sinh-hoat/", {"file": SimpleUploadedFile("sh.xlsx", xlsx(formula=True))}
    ).content.decode()
    assert "công thức ở ô C2" in page
    page = client.post(
        "/dang-vien/nhap/", {"file": SimpleUploadedFile("dv.xlsx", b"not a zip at all")}
    ).content.decode()
    assert "nội dung không phải tệp Excel" in page
    bomb = SimpleUploadedFile("bai.docx", _docx_bomb())
    page = client.post("/doc-van-ban/", {"upload": bomb}).content.decode()
    assert "bom nén" in page
    r = client.post("/bao-cao/mau/", {"file": SimpleUploadedFile("mau.docx", _docx_bomb())}, follow=True)
    assert "bom nén" in r.content.decode()


def test_the_reader_command_line_is_guarded_too() -> None:
    from dangvu.reader.reader import text_from_bytes

    with pytest.raises(UploadRefused, match="bom nén"):
        text_from_bytes(_docx_bomb(), ".docx")
