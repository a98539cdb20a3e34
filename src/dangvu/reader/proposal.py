"""The reader's proposal as the review form edits it, and back.

Owns the form's field names (one list of values per column, one row per fact: `chair_name`,
`chair_positions`, `doc_text` …), how the facts become rows to show (`rows_of`) and how the posted rows become
a proposal in the shape of the corpus's gold records (`proposal_from_post`), the shape the JSON download
and the save use. Positions are edited as one line, separated by ";". Each fact keeps the offsets where
it was written (hidden `start`/`end` fields), which the save keeps with the records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

# Section → its columns (the form's field names are f"{prefix}_{column}").
# `start`/`end` (where the fact was written) travel as hidden fields, so the saved records can point at it.
SPAN = ("start", "end")
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "chairs": ("chair", ("name", "positions", *SPAN)),
    "people": ("person", ("name", "positions", *SPAN)),
    "documents": ("doc", ("text", "type", "kind", "number", "year", "issuer", "date", *SPAN)),
    "figures": (
        "fig",
        ("text", "value", "unit", "of", "indicator", "is_target", "forecast", "approximate", *SPAN),
    ),
    "deadlines": ("deadline", ("text", "date", *SPAN)),
    "tasks": ("task", ("assignee", "text", "deadline", *SPAN)),
    "limitations": ("limitation", ("text", *SPAN)),
}
EVENT_FIELDS = ("kind", "period", "date", "date_text", "organiser", "venue")
BLANK_ROWS = 1  # empty rows offered under each list, to add what the reader missed


class PostData(Protocol):
    def get(self, key: str, default: Any = ...) -> Any: ...
    def getlist(self, key: str) -> list[str]: ...


def _cell(fact: Mapping[str, Any], column: str) -> str:
    value = fact.get(column)
    if column == "positions":
        return "; ".join(value or [])
    if column in ("is_target", "approximate"):
        return "1" if value else ""
    return "" if value is None else str(value)


def rows_of(facts: Mapping[str, Any]) -> dict[str, list[dict[str, str]]]:
    """Rows to show for each section: the facts found, then `BLANK_ROWS` empty ones."""
    rows: dict[str, list[dict[str, str]]] = {}
    for section, (_, columns) in COLUMNS.items():
        found = [
            {"text": f} if isinstance(f, str) else {c: _cell(f, c) for c in columns}
            for f in facts.get(section) or []
        ]
        rows[section] = [{c: r.get(c, "") for c in columns} for r in found] + [
            dict.fromkeys(columns, "") for _ in range(BLANK_ROWS)
        ]
    return rows


def _number(text: str) -> int | float | None:
    """ "4.138" → 4138, "35,34" → 35.34, "57" → 57; None when empty or not a number."""
    clean = text.strip().replace(" ", "")
    if not clean:
        return None
    if clean.count(".") >= 1 and "," not in clean and all(len(g) == 3 for g in clean.split(".")[1:]):
        clean = clean.replace(".", "")
    clean = clean.replace(",", ".")
    try:
        value = float(clean)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in clean else value


def _span(row: dict[str, str]) -> dict[str, int]:
    """The row's offsets when both are whole numbers, in order."""
    start, end = row.get("start", ""), row.get("end", "")
    if start.isdigit() and end.isdigit() and int(start) < int(end):
        return {"start": int(start), "end": int(end)}
    return {}


def _row_fact(section: str, row: dict[str, str]) -> dict[str, Any] | str | None:
    """The fact a row holds; a shortcoming with no offsets is its text alone, as in gold.jsonl."""
    fact = _row_content(section, row)
    if fact is None:
        return None
    if section == "limitations" and not _span(row):
        return str(fact["text"])
    return {**fact, **_span(row)}


def _row_content(section: str, row: dict[str, str]) -> dict[str, Any] | None:
    if section == "limitations":
        return {"text": row["text"]} if row["text"] else None
    if section == "deadlines":
        return {"text": row["text"], "date": row["date"] or None} if row["text"] else None
    if section in ("chairs", "people"):
        if not row["name"]:
            return None
        positions = [p.strip() for p in row["positions"].split(";") if p.strip()]
        return {"name": row["name"], "positions": positions}
    if section == "documents":
        if not row["text"] and not row["number"]:
            return None
        year = _number(row["year"])
        parts = {k: v for k, v in row.items() if k not in SPAN}
        nullable = {k: row[k] or None for k in ("issuer", "date")}
        return {**parts, "year": int(year) if year else None, **nullable}
    if section == "figures":
        value = _number(row["value"])
        if value is None:
            return None
        of = _number(row["of"])
        fact: dict[str, Any] = {
            "text": row["text"],
            "value": value,
            "unit": row["unit"] or None,
            "of": of,
            "indicator": row["indicator"] or None,
        }
        if row["is_target"]:
            fact["is_target"] = True
        if row["forecast"]:
            fact["forecast"] = row["forecast"]
        if row["approximate"]:
            fact["approximate"] = True
        return fact
    if not row["text"]:
        return None
    return {"assignee": row["assignee"], "text": row["text"], "deadline": row["deadline"] or None}


def proposal_from_post(data: PostData) -> dict[str, Any]:
    """The proposal as the reviewer left it, shaped like a gold.jsonl record."""
    proposal: dict[str, Any] = {"title": (data.get("title") or "").strip() or None}
    proposal["event"] = {f: (data.get(f"event_{f}") or "").strip() or None for f in EVENT_FIELDS}
    for section, (prefix, columns) in COLUMNS.items():
        values = {c: data.getlist(f"{prefix}_{c}") for c in columns}
        count = max((len(v) for v in values.values()), default=0)
        facts = []
        for i in range(count):
            row = {c: (values[c][i] if i < len(values[c]) else "").strip() for c in columns}
            fact = _row_fact(section, row)
            if fact is not None:
                facts.append(fact)
        proposal[section] = facts
    date_start, date_end = (data.get(f"event_date_{k}") or "" for k in SPAN)
    proposal["event"].update(
        {f"date_{k}": v for k, v in _span({"start": date_start, "end": date_end}).items()}
    )
    return proposal
