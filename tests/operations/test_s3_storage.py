"""Uploaded files in an S3-compatible store (moto stands in for it, in-process): a backup carries them and
a restore puts them back, through the same storage API as the local disk."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

pytest.importorskip("storages")
moto = pytest.importorskip("moto")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def s3() -> Iterator[Any]:
    import boto3

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "thu-nghiem")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "thu-nghiem")
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="dangvu-tep")
        client.create_bucket(Bucket="dangvu-tep-phuc-hoi")
        yield client


def _storage(bucket: str) -> Any:
    from storages.backends.s3 import S3Storage

    return S3Storage(bucket_name=bucket, region_name="us-east-1", default_acl=None, file_overwrite=False)


def test_backup_and_restore_carry_files_kept_in_s3(province: Any, tmp_path: Path, s3: Any) -> None:
    from dangvu.operations import backup as ops

    live = _storage("dangvu-tep")
    live.save("van-ban/02-NQ-TU.docx", ContentFile(b"Nghi quyet (thu)"))
    live.save("bao-cao/2019/bao-cao.pdf", ContentFile(b"%PDF-thu"))
    archive = tmp_path / "b.tar"
    made = ops.backup(archive, storage=live)
    assert made.media_files == 2

    names = {m["name"] for m in ops.read_manifest(archive)["media"]}
    assert names == {"van-ban/02-NQ-TU.docx", "bao-cao/2019/bao-cao.pdf"}

    target = _storage("dangvu-tep-phuc-hoi")
    if not _sqlite():
        pytest.skip("the PostgreSQL restore path is covered by the restore drill")
    with ops.extra_connection(ops.sqlite_settings(tmp_path / "r.sqlite3")) as alias:
        ops.restore(archive, using=alias, storage=target)
    with target.open("van-ban/02-NQ-TU.docx") as fh:
        assert fh.read() == b"Nghi quyet (thu)"


def _sqlite() -> bool:
    from django.db import connections

    return connections["default"].vendor == "sqlite"


def test_the_setting_switches_uploads_to_s3(monkeypatch: pytest.MonkeyPatch) -> None:
    import dangvu.settings as settings_module

    monkeypatch.setenv("DANGVU_S3_BUCKET", "dangvu-tep")
    monkeypatch.setenv("DANGVU_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    try:
        fresh = importlib.reload(settings_module)
        default = fresh.STORAGES["default"]
        assert default["BACKEND"] == "storages.backends.s3.S3Storage"
        assert default["OPTIONS"]["bucket_name"] == "dangvu-tep"
        assert default["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    finally:
        monkeypatch.delenv("DANGVU_S3_BUCKET")
        importlib.reload(settings_module)
