"""Speed of the text reader on one core: articles per second over the seed articles, repeated, next to a
baseline measured in the same run (normalising and tokenising the same texts), and the ratio between them.

Usage: python bench/reader_speed.py [CORPUS_DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dangvu.reader.reader import read_text
from dangvu.reader.text import normalise, prepare

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
WORD_RE = re.compile(r"\w+")


def tokenise(text: str) -> int:
    return len(WORD_RE.findall(normalise(text)))


def furniture(text: str) -> int:
    return len(prepare(text).body)


def rate(step: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """Articles per second of `step` over `texts`, `rounds` times (best of three runs)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(rounds):
            for text in texts:
                step(text)
        best = min(best, time.perf_counter() - started)
    return len(texts) * rounds / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.corpus).glob("*.txt"))]
    if not texts:
        sys.exit(f"Không có tệp .txt trong {args.corpus}")
    read_text(texts[0])  # warm the compiled patterns
    baseline = rate(tokenise, texts, args.rounds)
    rows = [
        ("chuẩn hóa + tách từ (mốc)", baseline),
        ("chuẩn bị văn bản (bỏ phần trang)", rate(furniture, texts, args.rounds)),
        ("đọc đầy đủ (read_text)", rate(read_text, texts, args.rounds)),
    ]
    size = sum(len(t) for t in texts) / len(texts)
    print(f"{len(texts)} bài × {args.rounds} lượt, trung bình {size:.0f} ký tự/bài, 1 lõi")
    print(f"{'bước':36} {'bài/giây':>10} {'so với mốc':>11}")
    for name, value in rows:
        print(f"{name:36} {value:10.1f} {value / baseline:11.3f}")


if __name__ == "__main__":
    main()
