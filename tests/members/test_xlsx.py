"""The register in .xlsx: template, export (scope, personal data logged), import (validation, all or
nothing, idempotent) and the `dangvu import|export members` commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from dangvu.members.models import Member, MembershipEvent, PersonalDataAccess, Placement
from dangvu.members.xlsx import COLUMNS, members_export, template_write
from dangvu.members.xlsx_import import members_import

D = dt.date
HEADERS = ["STT", *(c.header for c in COLUMNS)]


def _row(**kw: Any) -> list[Any]:
    values = {
        "Họ và tên": "Nguyễn Văn Mới",
        "Giới tính": "Nam",
        "Ngày sinh": "01/02/1990",
        "Dân tộc": "Kinh",
        "Số CCCD": "042090000001",
        "Lý luận chính trị": "Trung cấp",
        "Số thẻ đảng viên": "12345678",
        "Ngày vào Đảng": D(2015, 3, 4),
        "Ngày chính thức": "2016-03-04",
        "Mã chi bộ": "CA1",
    } | kw
    return [values.get(h) for h in HEADERS]


def _file(tmp_path: Path, *rows: list[Any]) -> Path:
    path = tmp_path / "dang-vien.xlsx"
    template_write(path)
    wb = openpyxl.load_workbook(path)
    for r in rows:
        wb.active.append(r)  # type: ignore[union-attr]
    wb.save(path)
    return path


def test_import_writes_members_placements_and_events_and_is_idempotent(province: Any, tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        _row(),
        _row(
            **{
                "Họ và tên": "Lê Thị Hai",
                "Giới tính": "Nữ",
                "Số thẻ đảng viên": None,
                "Số CCCD": None,
                "Ngày chính thức": None,
                "Mã chi bộ": "ca2",
            }
        ),
    )
    result = members_import(path, actor=province.users["editor_a"], label="dang-vien.xlsx")
    assert result.ok and (result.created, result.unchanged) == (2, 0)
    m = Member.objects.get(card_number="12345678")
    assert (m.theory_level, m.confirmed_on, m.cell.code) == ("trung_cap", D(2016, 3, 4), "CA1")
    assert Placement.objects.get(member=m).valid_from == D(2015, 3, 4)
    assert sorted(MembershipEvent.objects.filter(member=m).values_list("kind", flat=True)) == [
        "admission",
        "confirmation",
    ]
    # events in the cell, so the period's admissions are counted in its sub-tree
    codes = MembershipEvent.objects.filter(member=m).values_list("organisation__code", flat=True)
    assert set(codes) == {"CA1"}
    again = members_import(path, actor=province.users["editor_a"])
    assert again.ok and (again.created, again.unchanged) == (0, 2)
    assert Member.objects.count() == 13


def test_import_reports_every_bad_row_in_vietnamese_and_writes_nothing(province: Any, tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        _row(),
        _row(**{"Họ và tên": "Trùng Thẻ", "Số CCCD": "042090000002"}),  # same card as row 2
        _row(**{"Họ và tên": "", "Ngày sinh": "31/02/1990", "Giới tính": "X", "Số CCCD": "12"}),
        _row(**{"Họ và tên": "Ngoài Phạm Vi", "Mã chi bộ": "CB1", "Số thẻ đảng viên": None, "Số CCCD": None}),
        _row(
            **{
                "Họ và tên": "Dự Bị Ngắn",
                "Ngày chính thức": "01/01/2016",
                "Số thẻ đảng viên": None,
                "Số CCCD": None,
            }
        ),
    )
    result = members_import(path, actor=province.users["editor_a"])
    messages = [str(e) for e in result.errors]
    assert not result.written and Member.objects.count() == 11
    assert "Dòng 3, cột «Số thẻ đảng viên»: trùng với dòng 2." in messages
    assert any(m.startswith("Dòng 4, cột «Họ và tên»: không được để trống") for m in messages)
    assert any(m.startswith("Dòng 4, cột «Ngày sinh»") for m in messages)
    assert any(m.startswith("Dòng 4, cột «Giới tính»") for m in messages)
    assert any(m.startswith("Dòng 4, cột «Số CCCD»") for m in messages)
    assert any(m.startswith("Dòng 5, cột «Mã chi bộ»: không có chi bộ mã «CB1»") for m in messages)
    assert any(m.startswith("Dòng 6, cột «Ngày chính thức»: chưa đủ 12 tháng") for m in messages)
    assert members_import(path, actor=None).errors  # the system too is refused a file with errors


def test_import_refuses_a_card_held_by_another_member(province: Any, tmp_path: Path) -> None:
    Member.objects.filter(pk=Member.objects.first().pk).update(card_number="12345678")  # type: ignore[union-attr]
    result = members_import(_file(tmp_path, _row()), actor=None)
    assert [e.column for e in result.errors] == ["Số thẻ đảng viên"]


def test_export_follows_scope_and_logs_personal_data(province: Any, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    result = members_export(
        province.users["outsider"], path, on=D(2021, 1, 1), actor=province.users["outsider"]
    )
    assert (result.rows, result.with_personal_data) == (4, 0)  # a viewer: no personal data
    rows = list(openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:3] == ("STT", "Họ và tên", "Giới tính") and rows[1][3] is None
    assert not PersonalDataAccess.objects.exists()
    editor = province.users["editor_a"]
    result = members_export(editor, path, on=D(2021, 1, 1), actor=editor)
    assert (result.rows, result.with_personal_data) == (5, 5)
    assert openpyxl.load_workbook(path, read_only=True).active.max_row == 6  # type: ignore[union-attr]
    log = PersonalDataAccess.objects.get()
    assert (log.actor, log.kind, log.count, len(log.member_ids)) == (editor, "export", 5, 5)


def test_export_then_import_round_trip_changes_nothing(province: Any, tmp_path: Path) -> None:
    path = tmp_path / "all.xlsx"
    members_export(province.users["admin"], path, on=D(2021, 1, 1))
    result = members_import(path, actor=None)
    assert result.ok and (result.created, result.unchanged) == (0, 11)


def test_commands(province: Any, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "x.xlsx"
    call_command("export", "members", "--org", "XA", "--at", "2021-01-01", "-o", str(out))
    assert "5 đảng viên" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Không có tổ chức"):
        call_command("export", "members", "--org", "XB", "-o", str(out), "--user", "editor_a")
    bad = _file(tmp_path, _row(**{"Ngày sinh": "hôm qua"}))
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import", "members", str(bad), "--dry-run")
    assert "Dòng 2, cột «Ngày sinh»" in capsys.readouterr().err
    good = _file(tmp_path, _row())
    call_command("import", "members", str(good), "--dry-run")
    assert "sẽ thêm 1" in capsys.readouterr().out and Member.objects.count() == 11
    call_command("import", "members", str(good))
    assert Member.objects.count() == 12
    call_command("import", "members", str(tmp_path / "mau.xlsx"), "--template")
    assert (tmp_path / "mau.xlsx").exists()
