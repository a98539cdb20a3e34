"""The restore drill: build records, back up, change things, restore into an empty database, and every
table matches the backup; and the refusals that keep a restore from touching records."""

from __future__ import annotations

import datetime as dt
import os
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connections
from factories import add_members, scratch_postgres

from dangvu.core.errors import DomainError
from dangvu.operations import backup as ops
from dangvu.operations.checksums import TableSum, compare, table_sums

pytestmark = pytest.mark.django_db(transaction=True)


def _change_things(province: Any) -> None:
    from dangvu.organisations.services import org_rename

    org_rename(actor=None, organisation=province["XA"], name="Đảng bộ xã Thạch Long Mới",
               effective_on=dt.date(2024, 1, 1))
    add_members(province["CB1"], 2)


@pytest.fixture
def empty_db(transactional_db: Any, tmp_path: Path) -> Any:
    """An empty database of the same engine as the live one, as a temporary alias."""
    live = connections["default"]
    if live.vendor == "sqlite":
        with ops.extra_connection(ops.sqlite_settings(tmp_path / "restored.sqlite3")) as alias:
            yield alias
        return
    with scratch_postgres("dangvu_restore") as settings_dict, ops.extra_connection(settings_dict) as alias:
        yield alias


def test_restore_drill_every_table_matches_the_backup(province: Any, tmp_path: Path, empty_db: str) -> None:
    media = FileSystemStorage(location=tmp_path / "media")
    media.save("bien-ban/2019/bien-ban-hoi-nghi.docx", ContentFile("Biên bản hội nghị (thử)".encode()))
    archive = tmp_path / "backup.tar"

    made = ops.backup(archive, storage=media)
    at_backup = table_sums()
    assert made.rows > 0 and made.media_files == 1
    assert compare(made.tables, at_backup) == []

    _change_things(province)  # after the backup: these must not come back
    changed = {d.table for d in compare(at_backup, table_sums())}
    assert {"members_member", "members_placement", "organisations_orgname"} <= changed

    restored_media = FileSystemStorage(location=tmp_path / "restored-media")
    result = ops.restore(archive, using=empty_db, storage=restored_media)
    assert result.rows == made.rows and result.migrations_applied == []
    assert compare(table_sums(empty_db), made.tables) == []  # every table, count and checksum
    with restored_media.open("bien-ban/2019/bien-ban-hoi-nghi.docx") as fh:
        assert fh.read().decode() == "Biên bản hội nghị (thử)"

    from dangvu.organisations.models import Organisation

    assert Organisation.objects.using(empty_db).get(code="XA").name == "Đảng bộ xã Thạch Long"


def test_restore_refuses_a_database_that_holds_records(province: Any, tmp_path: Path) -> None:
    archive = tmp_path / "backup.tar"
    ops.backup(archive, storage=FileSystemStorage(location=tmp_path / "m"))
    before = table_sums()
    with pytest.raises(DomainError, match="không trống"):
        ops.restore(archive, storage=FileSystemStorage(location=tmp_path / "m2"))
    assert compare(before, table_sums()) == []


def test_a_tampered_backup_is_refused_before_anything_is_written(
    province: Any, tmp_path: Path, empty_db: str
) -> None:
    archive = tmp_path / "backup.tar"
    ops.backup(archive, storage=FileSystemStorage(location=tmp_path / "m"))
    manifest = ops.read_manifest(archive)
    for t in manifest["tables"]:
        if t["table"] == "members_member":
            t["rows"] += 1
    forged = tmp_path / "forged.tar"
    import json

    with tarfile.open(archive) as src, tarfile.open(forged, "w") as dst:
        for member in src.getmembers():
            if member.name == "manifest.json":
                data = json.dumps(manifest).encode()
                member.size = len(data)
                import io

                dst.addfile(member, io.BytesIO(data))
            else:
                dst.addfile(member, src.extractfile(member))
    with pytest.raises(DomainError, match="không khớp"):
        ops.restore(forged, using=empty_db, storage=FileSystemStorage(location=tmp_path / "m3"))
    if connections[empty_db].vendor == "sqlite":
        assert connections[empty_db].introspection.table_names() == []


def test_not_a_backup_gets_a_clear_message(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar file at all")
    with pytest.raises(DomainError, match="không phải tệp sao lưu"):
        ops.read_manifest(junk)
    with pytest.raises(DomainError, match="Không có tệp"):
        ops.read_manifest(tmp_path / "missing.tar")


def test_commands_backup_verify_and_rotation(
    province: Any, tmp_path: Path, settings: Any, capsys: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = tmp_path / "one.tar"
    call_command("backup", "-o", str(out))
    call_command("verify", "--backup", str(out))
    assert "Khớp:" in capsys.readouterr().out

    add_members(province["CB1"], 1)
    with pytest.raises(CommandError, match="bảng khác nhau"):
        call_command("verify", "--backup", str(out), "--quiet")

    folder = tmp_path / "daily"
    folder.mkdir()
    for stamp in ("20261101-020000", "20261102-020000", "20261103-020000"):
        (folder / f"dangvu-{stamp}.tar").write_bytes(b"old")
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu")
    call_command("backup", "--dir", str(folder), "--keep", "2")
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 3 and "ghi-chu.txt" in left and "dangvu-20261103-020000.tar" in left
    assert not any(n.startswith("dangvu-202611") and n < "dangvu-20261103" for n in left)


def test_rotation_keeps_the_newest_and_never_other_files() -> None:
    names = ["dangvu-20260101-000000.tar", "notes.txt", "dangvu-20260301-000000.tar",
             "dangvu-20260201-000000.tar", "dangvu-bad.tar"]
    assert ops.rotation_victims(names, 2) == ["dangvu-20260101-000000.tar"]
    assert ops.rotation_victims(names, 0) == []


def test_compare_names_what_differs() -> None:
    a = [TableSum("x", 1, "aa"), TableSum("y", 2, "bb")]
    b = [TableSum("x", 1, "aa"), TableSum("y", 2, "cc"), TableSum("z", 0, "dd")]
    diffs = compare(a, b)
    assert [d.table for d in diffs] == ["y", "z"]
    assert "nội dung khác" in diffs[0].describe() and "bên thứ hai" in diffs[1].describe()


def test_verify_across_engines_reads_through_the_models(province: Any, tmp_path: Path) -> None:
    """The portable checksums of a database equal themselves and differ after a change."""
    first = table_sums(portable=True)
    add_members(province["CB1"], 1)
    assert {d.table for d in compare(first, table_sums(portable=True))} >= {"members_member"}


def test_backup_cli_end_to_end_in_a_subprocess(tmp_path: Path) -> None:
    """`dangvu migrate`, `backup`, `restore` and `verify` as an operator runs them, on SQLite files."""
    if connections["default"].vendor != "sqlite":
        pytest.skip("the operator's commands run on SQLite files here; PostgreSQL has the drill above")
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src), DANGVU_DATA_DIR=str(tmp_path / "var"),
               DANGVU_DATABASE_URL=f"sqlite:///{tmp_path / 'live.sqlite3'}")

    def dangvu(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "dangvu.cli", *args], env=dict(env, **extra),
                              capture_output=True, text=True, check=False, timeout=300)

    assert dangvu("migrate", "-v0").returncode == 0
    made = dangvu("backup", "-o", str(tmp_path / "b.tar"))
    assert made.returncode == 0, made.stderr
    other = f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    done = dangvu("restore", str(tmp_path / "b.tar"), DANGVU_DATABASE_URL=other,
                  DANGVU_DATA_DIR=str(tmp_path / "var2"))
    assert done.returncode == 0 and "khớp từng bảng" in done.stdout, done.stderr
    same = dangvu("verify", "--against", other, "--quiet")
    assert same.returncode == 0 and "Khớp:" in same.stdout
    again = dangvu("restore", str(tmp_path / "b.tar"), DANGVU_DATABASE_URL=other,
                   DANGVU_DATA_DIR=str(tmp_path / "var2"))
    assert again.returncode != 0 and "không trống" in again.stderr
