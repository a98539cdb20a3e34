"""Scoring the reader against hand-checked facts, by the corpus README's matching rules.

Owns how a proposed fact matches a gold one (documents by type and number, then issuer and date where
both have them; figures by value and "of"; people by name after NFC and case folding; tasks and
limitations by token F1 ≥ 0.5; of the tasks matched, the lead unit (token F1 ≥ 0.5) and the deadline; the
event's date), the per-field precision/recall/F1 rows and their table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Fact = dict[str, Any] | str
Matcher = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class ScoreRow:
    field: str
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").casefold().strip()


def _tokens(text: str) -> set[str]:
    return set(_norm(text).replace(",", " ").replace(";", " ").split())


def token_f1(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _issuer(fact: dict[str, Any]) -> str:
    return _norm(fact.get("issuer")).replace("tư", "tw")


def document_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    def key(d: dict[str, Any]) -> tuple[str, str]:
        return _norm(d.get("type")).upper(), str(d.get("number") or "").lstrip("0")

    if key(gold) != key(pred):
        return False
    if _issuer(gold) and _issuer(pred) and _issuer(gold) != _issuer(pred):
        return False
    return not (gold.get("date") and pred.get("date") and gold["date"] != pred["date"])


def figure_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    try:
        same = float(gold["value"]) == float(pred["value"])
    except (KeyError, TypeError, ValueError):
        return False
    return same and (gold.get("of") or None) == (pred.get("of") or None)


def name_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return _norm(gold.get("name")) == _norm(pred.get("name"))


def positions_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return name_match(gold, pred) and {_norm(p) for p in gold.get("positions") or []} == {
        _norm(p) for p in pred.get("positions") or []
    }


def _text(fact: Fact) -> str:
    return fact if isinstance(fact, str) else str(fact.get("text") or "")


def text_match(gold: Fact, pred: Fact) -> bool:
    return token_f1(_text(gold), _text(pred)) >= 0.5


def _count(golds: list[Any], preds: list[Any], match: Matcher) -> tuple[int, int, int]:
    used: set[int] = set()
    hits = 0
    for gold in golds:
        for index, pred in enumerate(preds):
            if index not in used and match(gold, pred):
                used.add(index)
                hits += 1
                break
    return hits, len(preds), len(golds)


FIELDS: dict[str, Matcher] = {
    "documents": document_match,
    "figures": figure_match,
    "chairs": name_match,
    "people": name_match,
    "positions": positions_match,
    "deadlines": text_match,
    "tasks": text_match,
    "limitations": text_match,
}


def _task_parts(golds: list[Any], preds: list[Any]) -> dict[str, tuple[int, int, int]]:
    """Of the tasks matched by text, those with the right lead unit and the right deadline: counted over
    the tasks (gold and proposed) that name a lead unit, or a deadline."""
    dicts = [p for p in preds if isinstance(p, dict)]
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used: set[int] = set()
    for gold in (g for g in golds if isinstance(g, dict)):
        for index, pred in enumerate(dicts):
            if index not in used and text_match(gold, pred):
                used.add(index)
                pairs.append((gold, pred))
                break
    assignee_hits = sum(
        1
        for g, p in pairs
        if g.get("assignee") and p.get("assignee") and token_f1(g["assignee"], p["assignee"]) >= 0.5
    )
    deadline_hits = sum(1 for g, p in pairs if g.get("deadline") and g.get("deadline") == p.get("deadline"))
    return {
        "task_assignee": (
            assignee_hits,
            sum(1 for p in dicts if p.get("assignee")),
            sum(1 for g in golds if isinstance(g, dict) and g.get("assignee")),
        ),
        "task_deadline": (
            deadline_hits,
            sum(1 for p in dicts if p.get("deadline")),
            sum(1 for g in golds if isinstance(g, dict) and g.get("deadline")),
        ),
    }


def _event_counts(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    ge, pe = gold.get("event") or {}, pred.get("event") or {}
    counts = {}
    if ge.get("date") or ge.get("day"):
        has = bool(pe.get("date") or pe.get("day"))
        same = (
            pe.get("date") == ge.get("date")
            if ge.get("date")
            else ((pe.get("day"), pe.get("month")) == (ge.get("day"), ge.get("month")))
        )
        counts["event_date"] = (int(has and same), int(has), 1)
    for key in ("kind", "period"):
        if ge.get(key) is not None or pe.get(key) is not None:
            counts[f"event_{key}"] = (
                int(ge.get(key) == pe.get(key) and ge.get(key) is not None),
                int(pe.get(key) is not None),
                int(ge.get(key) is not None),
            )
    return counts


def score_corpus(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> list[ScoreRow]:
    """Rows of (field, hits, predicted, gold) summed over (gold, proposed) record pairs."""
    totals: dict[str, list[int]] = {
        f: [0, 0, 0]
        for f in [*FIELDS, "task_assignee", "task_deadline", "event_date", "event_kind", "event_period"]
    }
    for gold, pred in pairs:
        counts = {
            f: _count(
                gold.get(f.replace("positions", "people")) or [],
                pred.get(f.replace("positions", "people")) or [],
                m,
            )
            for f, m in FIELDS.items()
        }
        counts.update(_task_parts(gold.get("tasks") or [], pred.get("tasks") or []))
        counts.update(_event_counts(gold, pred))
        for field, (hits, predicted, golds) in counts.items():
            totals[field][0] += hits
            totals[field][1] += predicted
            totals[field][2] += golds
    return [ScoreRow(field, *numbers) for field, numbers in totals.items()]


def format_table(rows: list[ScoreRow]) -> str:
    """A table of precision, recall and F1 per field, and a last line "field=F1 …"."""
    lines = [f"{'trường':14} {'đúng':>5} {'đề xuất':>8} {'chuẩn':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [
        f"{r.field:14} {r.true_positives:5d} {r.predicted:8d} {r.gold:6d} {r.precision:6.2f} {r.recall:6.2f} "
        f"{r.f1:6.2f}"
        for r in rows
    ]
    lines.append(" ".join(f"{r.field}={r.f1:.2f}" for r in rows))
    return "\n".join(lines)
