"""The `read` management command: JSON for the acceptance script, a Vietnamese summary, and --eval."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dangvu.reader.management.commands.read import Command

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
SAMPLE = (
    "Sơ kết quý I\nNgày 6/4, dưới sự chủ trì của đồng chí Lò Minh Hùng, "
    "Phó Bí thư Tỉnh ủy, Tỉnh ủy đã tổ chức hội nghị."
)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(Command(), *args, stdout=out)  # by class: works whether or not the app is installed yet
    return out.getvalue()


def test_json_output_is_one_object(tmp_path: Path) -> None:
    path = tmp_path / "bai.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    facts = json.loads(_run(str(path), "--json"))
    assert facts["chairs"][0]["name"] == "Lò Minh Hùng"
    assert facts["event"]["day"] == 6


def test_human_output_has_vietnamese_labels(tmp_path: Path) -> None:
    path = tmp_path / "bai.html"
    path.write_text(
        f"<html><body><h1>Sơ kết quý I</h1><p>{SAMPLE.splitlines()[1]}</p></body></html>", encoding="utf-8"
    )
    shown = _run(str(path))
    assert "Chủ trì (1):" in shown and "Lò Minh Hùng — Phó Bí thư Tỉnh ủy" in shown


def test_missing_file_is_refused_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        _run(str(tmp_path / "khong-co.txt"))


@pytest.mark.skipif(not (SEEDS / "gold.jsonl").is_file(), reason="shared/corpus/seeds is not beside the repo")
def test_eval_prints_a_table_with_a_last_line_of_f1() -> None:
    lines = _run("--eval", str(SEEDS)).strip().splitlines()
    assert lines[0].split()[-3:] == ["P", "R", "F1"]
    assert "documents=1.00" in lines[-1].split()
