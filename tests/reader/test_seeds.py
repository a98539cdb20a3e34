"""The reader on the five seed articles: the bars of the text-reader issue, and offsets that hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dangvu.reader.reader import evaluate, read_text
from dangvu.reader.scoring import format_table
from dangvu.reader.text import normalise

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(
    not (SEEDS / "gold.jsonl").is_file(), reason="shared/corpus/seeds is not beside the repo"
)


def test_seed_scores_reach_the_bars() -> None:
    rows = {row.field: row for row in evaluate(SEEDS)}
    table = format_table(list(rows.values()))
    for field in ("documents", "figures"):
        assert rows[field].recall == 1.0, table
        assert rows[field].precision >= 0.95, table
    assert rows["chairs"].f1 >= 0.9 and rows["positions"].f1 >= 0.9, table
    assert rows["event_date"].f1 == 1.0, table
    assert rows["tasks"].f1 >= 0.7 and rows["limitations"].f1 >= 0.7, table


def _files() -> list[str]:
    if not (SEEDS / "gold.jsonl").is_file():
        return []
    return [
        json.loads(line)["file"] for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]


@pytest.mark.parametrize("file", _files())
def test_every_fact_points_at_its_text(file: str) -> None:
    raw = (SEEDS / file).read_text(encoding="utf-8")
    text = normalise(raw)
    facts = read_text(raw)
    for field in ("documents", "figures", "deadlines", "limitations"):
        for fact in facts[field]:
            assert text[fact["start"] : fact["end"]].strip() == fact["text"], (field, fact)
    for field in ("people", "chairs"):
        for person in facts[field]:
            assert person["name"] in text[person["start"] : person["end"]]
    for task in facts["tasks"]:
        assert task["text"] in text[task["start"] : task["end"]]
    event = facts["event"]
    if event.get("date_text"):
        assert text[event["date_start"] : event["date_end"]] == event["date_text"]


def test_page_furniture_yields_no_facts() -> None:
    facts = read_text((SEEDS / "003_b17db47f91b05793.txt").read_text(encoding="utf-8"))
    assert all(f["value"] != 13 for f in facts["figures"])  # "Hương Sơn tinh gọn được 13 …" is in "Đọc thêm"
    assert all(p["name"] != "Nguyễn Hồng Tiến" for p in facts["people"])
