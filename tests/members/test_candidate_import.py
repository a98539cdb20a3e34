"""Candidates from .xlsx: template, every row checked (Vietnamese errors by row and column), all or nothing,
idempotent, audited through the services; `dangvu import|export candidates`; the upload page."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from dangvu.core.errors import DomainError
from dangvu.members import candidate_services
from dangvu.members.candidate_models import Candidate, CandidateEvent, Occupation, Stage
from dangvu.members.candidate_xlsx import COLUMNS, candidates_export, candidates_import, template_write
from dangvu.members.models import PersonalDataAccess

D = dt.date
TODAY = D(2025, 6, 1)
HEADERS = ["STT", *(c.header for c in COLUMNS)]


def _row(**kw: Any) -> list[Any]:
    values = {
        "Họ và tên": "Trần Thị Nguồn",
        "Giới tính": "Nữ",
        "Ngày sinh": "02/03/2003",
        "Dân tộc": "Kinh",
        "Nghề nghiệp": "Học sinh, sinh viên",
        "Mã chi bộ": "CA1",
        "Vào nguồn từ ngày": D(2024, 1, 10),
    } | kw
    return [values.get(h) for h in HEADERS]


def _file(tmp_path: Path, *rows: list[Any], name: str = "nguon.xlsx") -> Path:
    path = tmp_path / name
    template_write(path)
    wb = openpyxl.load_workbook(path)
    for r in rows:
        wb.active.append(r)  # type: ignore[union-attr]
    wb.save(path)
    return path


def _good(tmp_path: Path) -> Path:
    return _file(
        tmp_path,
        _row(),
        _row(
            **{
                "Họ và tên": "Lê Văn Doanh",
                "Giới tính": "nam",
                "Nghề nghiệp": "lao dong doanh nghiep tu nhan",
                "Mã chi bộ": "ca2",
                "Ngày học xong lớp nhận thức về Đảng": "15/03/2024",
                "Tên lớp bồi dưỡng": "Lớp nhận thức khóa 1/2024",
                "Ngày đề nghị kết nạp": "2024-06-01",
                "Văn bản đề nghị (số, ký hiệu)": "Tờ trình 05",
            }
        ),
    )


def test_import_adds_candidates_with_their_steps_audited_and_twice_changes_nothing(
    province: Any, tmp_path: Path
) -> None:
    editor = province.users["editor_a"]
    path = _good(tmp_path)
    checked = candidates_import(path, actor=editor, dry_run=True, today=TODAY)
    assert (checked.ok, checked.rows, checked.created, checked.written) == (True, 2, 2, False)
    assert not Candidate.objects.exists()
    result = candidates_import(path, actor=editor, label="nguon.xlsx", today=TODAY)
    assert (result.created, result.unchanged, result.written) == (2, 0, True)
    first = Candidate.objects.get(name_folded="tran thi nguon")
    assert (first.stage, first.occupation, first.unit.code) == (Stage.SOURCE, Occupation.STUDENT, "CA1")
    second = Candidate.objects.get(name_folded="le van doanh")
    assert (second.stage, second.stage_on, second.occupation) == (
        Stage.PROPOSED,
        D(2024, 6, 1),
        Occupation.PRIVATE_ENTERPRISE,
    )
    steps = list(second.events.values_list("stage", "occurred_on", "course_name", "decision"))
    assert steps == [
        ("source", D(2024, 1, 10), "", ""),
        ("course_done", D(2024, 3, 15), "Lớp nhận thức khóa 1/2024", ""),
        ("proposed", D(2024, 6, 1), "", "Tờ trình 05"),
    ]
    assert "nhập tệp nguon.xlsx" in second.events.get(stage="source").note
    assert all(e.recorded_by == editor for e in CandidateEvent.objects.all())
    entry = LogEntry.objects.get_for_object(first).get()
    assert entry.actor == editor and entry.additional_data["org_path"] == province["CA1"].path
    again = candidates_import(path, actor=editor, today=TODAY)
    assert (again.ok, again.created, again.unchanged) == (True, 0, 2)
    assert Candidate.objects.count() == 2 and CandidateEvent.objects.count() == 4


def test_every_wrong_row_is_named_by_row_column_and_reason_and_nothing_is_written(
    province: Any, tmp_path: Path
) -> None:
    path = _file(
        tmp_path,
        _row(**{"Giới tính": "Khác", "Nghề nghiệp": "Thợ may"}),  # line 2
        _row(**{"Họ và tên": "", "Ngày sinh": "31/02/2003"}),  # line 3
        _row(**{"Họ và tên": "B", "Ngày sinh": D(2024, 2, 1), "Mã chi bộ": "XA"}),  # line 4
        _row(**{"Họ và tên": "C", "Mã chi bộ": "CB1"}),  # line 5: B's cell
        _row(**{"Họ và tên": "D", "Ngày đề nghị kết nạp": "01/05/2024"}),  # line 6
        _row(**{"Họ và tên": "E", "Ngày học xong lớp nhận thức về Đảng": "01/01/2024"}),  # line 7
        _row(**{"Họ và tên": "F", "Vào nguồn từ ngày": "01/01/2026"}),  # line 8
        _row(**{"Họ và tên": "G"}),  # line 9
        _row(**{"Họ và tên": "g "}),  # line 10: the same person as line 9
    )
    result = candidates_import(path, actor=province.users["editor_a"], today=TODAY)
    found = {(e.row, e.column): e.message for e in result.errors}
    assert found[(2, "Giới tính")] == "phải là «Nam» hoặc «Nữ»."
    assert found[(2, "Nghề nghiệp")].startswith("«Thợ may» không có trong danh mục")
    assert found[(3, "Họ và tên")] == "không được để trống."
    assert "31/02/2003" in found[(3, "Ngày sinh")]
    assert found[(4, "Ngày sinh")] == "phải trước ngày vào nguồn."
    assert found[(4, "Mã chi bộ")] == "không có chi bộ mã «XA» trong phạm vi bạn được cập nhật."
    assert found[(5, "Mã chi bộ")] == "không có chi bộ mã «CB1» trong phạm vi bạn được cập nhật."
    assert found[(6, "Ngày đề nghị kết nạp")].startswith("chỉ đề nghị kết nạp người đã học lớp")
    assert found[(7, "Tên lớp bồi dưỡng")] == "cần ghi tên lớp khi đã ghi ngày học xong lớp."
    assert found[(7, "Ngày học xong lớp nhận thức về Đảng")] == "trước ngày vào nguồn (10/01/2024)."
    assert found[(8, "Vào nguồn từ ngày")] == "ngày 01/01/2026 ở tương lai."
    assert found[(10, "Họ và tên")] == "trùng người với dòng 9."
    assert (9, "Họ và tên") not in found
    assert str(result.errors[0]).startswith("Dòng 2, cột «Giới tính»: ")
    assert (
        not result.written
        and not Candidate.objects.exists()
        and not LogEntry.objects.filter(content_type__model="candidate").exists()
    )


def test_a_refusal_while_writing_undoes_the_whole_file(
    province: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_kw: Any) -> None:
        raise DomainError("Bị từ chối khi ghi.")

    monkeypatch.setattr(candidate_services, "candidate_propose", refuse)
    result = candidates_import(_good(tmp_path), actor=None, today=TODAY)
    assert [(e.row, e.message) for e in result.errors] == [(3, "Bị từ chối khi ghi.")]
    assert not result.written and result.created == 0
    assert not Candidate.objects.exists() and not CandidateEvent.objects.exists()


def test_not_a_workbook_and_a_missing_column_are_refused(province: Any, tmp_path: Path) -> None:
    junk = tmp_path / "x.xlsx"
    junk.write_bytes(b"not a zip")
    assert candidates_import(junk, actor=None).errors[0].row == 0
    wb = openpyxl.Workbook()
    wb.active.append(["Họ và tên", "Giới tính"])  # type: ignore[union-attr]
    wb.active.append(["A", "Nam"])  # type: ignore[union-attr]
    partial = tmp_path / "thieu.xlsx"
    wb.save(partial)
    message = candidates_import(partial, actor=None).errors[0].message
    assert message.startswith("Dòng tiêu đề thiếu cột: Ngày sinh, Dân tộc, Nghề nghiệp, Mã chi bộ")


def test_commands_import_and_export_round_trip(province: Any, tmp_path: Path) -> None:
    bad = _file(tmp_path, _row(**{"Giới tính": "?"}), name="sai.xlsx")
    err = StringIO()
    with pytest.raises(CommandError, match="1 lỗi; không ghi gì"):
        call_command("import", "candidates", str(bad), stderr=err)
    assert "Dòng 2, cột «Giới tính»" in err.getvalue()
    out = StringIO()
    call_command("import", "candidates", str(_good(tmp_path)), "--dry-run", stdout=out)
    assert "Hợp lệ, sẽ thêm 2 quần chúng" in out.getvalue() and not Candidate.objects.exists()
    err = StringIO()
    with pytest.raises(CommandError, match="2 lỗi"):  # a viewer at B: A's cells are not theirs to write
        call_command("import", "candidates", str(_good(tmp_path)), "--user", "outsider", stderr=err)
    assert "không có chi bộ mã «CA1» trong phạm vi bạn được cập nhật" in err.getvalue()
    call_command("import", "candidates", str(_good(tmp_path)), stdout=out)
    assert Candidate.objects.count() == 2
    exported = tmp_path / "xuat.xlsx"
    call_command("export", "candidates", "--org", "XA", "-o", str(exported), stdout=out)
    assert "Đã xuất 2 quần chúng" in out.getvalue()
    out = StringIO()
    call_command("import", "candidates", str(exported), stdout=out)  # the export reads back: nothing new
    assert "Đã thêm 0 quần chúng vào nguồn; 2 đã có" in out.getvalue()
    call_command("import", "candidates", str(tmp_path / "mau.xlsx"), "--template", stdout=out)
    assert (tmp_path / "mau.xlsx").exists()


def test_export_hides_birth_dates_below_editor_and_logs_them(province: Any, tmp_path: Path) -> None:
    candidates_import(_good(tmp_path), actor=None, today=TODAY)
    viewer_file = tmp_path / "viewer.xlsx"
    assert candidates_export(province.users["outsider"], viewer_file) == (0, 0)  # XB sees none of XA's
    rows, personal = candidates_export(
        province.users["editor_a"], tmp_path / "a.xlsx", actor=province.users["editor_a"]
    )
    assert (rows, personal) == (2, 2)
    log = PersonalDataAccess.objects.get()
    assert sorted(log.candidate_ids) == sorted(Candidate.objects.values_list("pk", flat=True))
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    values = list(sheet.iter_rows(min_row=2, values_only=True))  # type: ignore[union-attr]
    assert values[1][HEADERS.index("Ngày học xong lớp nhận thức về Đảng")].date() == D(2024, 3, 15)


def test_import_page_checks_then_writes_on_confirmation(client: Any, province: Any, tmp_path: Path) -> None:
    client.force_login(province.users["editor_a"])
    page = client.get("/dang-vien/nguon/")
    assert 'id="candidate-import-link"' in page.content.decode()
    template = client.get("/dang-vien/nguon/mau-nhap/")
    assert template.status_code == 200 and "mau-nhap-nguon-phat-trien.xlsx" in template["Content-Disposition"]
    content = _file(tmp_path, _row(**{"Mã chi bộ": "CB1"})).read_bytes()
    r = client.post("/dang-vien/nguon/nhap/", {"file": SimpleUploadedFile("sai.xlsx", content)})
    assert 'id="import-errors"' in r.content.decode() and "CB1" in r.content.decode()
    assert r.context["token"] is None
    content = _good(tmp_path).read_bytes()
    r = client.post("/dang-vien/nguon/nhap/", {"file": SimpleUploadedFile("nguon.xlsx", content)})
    assert 'id="import-ok"' in r.content.decode() and not Candidate.objects.exists()
    r = client.post("/dang-vien/nguon/nhap/", {"token": r.context["token"], "name": "nguon.xlsx"})
    assert r.status_code == 302 and r["Location"] == "/dang-vien/nguon/"
    assert Candidate.objects.count() == 2
    r = client.post("/dang-vien/nguon/nhap/", {"file": SimpleUploadedFile("nguon.xlsx", content)})
    assert 'id="import-nothing"' in r.content.decode()  # the same file again: nothing to add
    assert client.post("/dang-vien/nguon/nhap/", {"token": "not-a-token"}).status_code == 404
