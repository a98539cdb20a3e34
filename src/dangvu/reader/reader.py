"""The text reader's entry points: `read_text`, `read_file` and `evaluate`.

`read_text` turns one article (plain text or HTML) into one object shaped like a record of the corpus's
gold.jsonl — title, event, chairs, people, documents, figures, deadlines, limitations, tasks — each fact
with `start`/`end` offsets into the normalised text. `evaluate` scores the reader on a corpus folder.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from dangvu.documents.symbols import DocumentReference, find_document_references
from dangvu.reader.dates import find_dates
from dangvu.reader.events import find_lead, read_event
from dangvu.reader.figures import drop_repeats, find_figures
from dangvu.reader.limitations import find_limitations
from dangvu.reader.people import PersonMention, find_chairs, find_people
from dangvu.reader.periods import find_periods
from dangvu.reader.scoring import ScoreRow, score_corpus
from dangvu.reader.tasks import find_deadlines, find_tasks
from dangvu.reader.text import Article, html_to_text, paragraphs, prepare, sentences

__all__ = ["evaluate", "read_file", "read_text", "text_from_bytes"]


def _document(ref: DocumentReference) -> dict[str, Any]:
    found: dict[str, Any] = {
        "text": ref.text,
        "type": ref.type,
        "kind": ref.kind,
        "number": ref.number,
        "year": ref.year,
        "issuer": ref.issuer,
        "date": ref.date.isoformat() if ref.date else None,
        "start": ref.start,
        "end": ref.end,
    }
    if ref.issuer_text:
        found["issuer_text"] = ref.issuer_text
    if ref.ambiguous:
        found["ambiguous"] = True
    return found


def _distinct_documents(refs: list[DocumentReference]) -> list[dict[str, Any]]:
    """One entry per document: later mentions fill in what earlier ones left out."""
    merged: list[dict[str, Any]] = []
    for ref in refs:
        entry = _document(ref)
        same = [
            m
            for m in merged
            if m["type"] == entry["type"]
            and m["number"].lstrip("0") == entry["number"].lstrip("0")
            and (not m["issuer"] or not entry["issuer"] or m["issuer"] == entry["issuer"])
        ]
        if not same:
            merged.append(entry)
            continue
        for key in ("issuer", "date", "year", "kind"):
            if same[0][key] is None and entry[key] is not None:
                same[0][key] = entry[key]
        if entry.get("issuer_text") and not same[0]["issuer"]:
            same[0].setdefault("issuer_text", entry["issuer_text"])
    return merged


def _person(mention: PersonMention, positions: list[str]) -> dict[str, Any]:
    return {
        "name": mention.name,
        "positions": positions,
        "start": mention.span_start,
        "end": mention.span_end,
    }


def _people(
    mentions: list[PersonMention], chairs: list[PersonMention]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    positions: dict[str, list[str]] = {}
    first: dict[str, PersonMention] = {}
    for mention in mentions:
        key = mention.name.casefold()
        first.setdefault(key, mention)
        held = positions.setdefault(key, [])
        for position in mention.positions:
            if position.casefold() not in {p.casefold() for p in held}:
                held.append(position)
    chair_keys = list(dict.fromkeys(c.name.casefold() for c in chairs))
    people = [_person(first[k], positions[k]) for k in first if positions[k] or k in chair_keys]
    return [_person(first[k], positions[k]) for k in chair_keys], people


def _linked_deadlines(
    deadlines: list[dict[str, Any]], tasks: list[dict[str, Any]], body: str
) -> list[dict[str, Any]]:
    """A deadline inside a task names that task."""
    for deadline in deadlines:
        for task in tasks:
            if task["start"] <= deadline["start"] < task["end"]:
                before = body[task["start"] : deadline["start"]].strip(" ,;")
                if len(before.split()) < 3:  # "tổng hợp, báo cáo kết quả trước 15/11": the whole task
                    whole = body[task["start"] : deadline["end"]]
                    before = re.sub(r"[\s,]*(?:trước|chậm nhất|hạn)[^,;]*$", "", whole).strip(" ,;")
                deadline["task"] = before or deadline["task"]
                break
    return deadlines


def _with_title_figures(article: Article, figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The body's figures, and those only the headline states ("Phát triển đảng viên đạt 122,5% chỉ tiêu")."""
    if article.title_span is None:
        return figures
    start, end = article.title_span
    text = article.text
    taken = [(r.start, r.end) for r in find_document_references(text[:end]) if r.start >= start]
    taken += [(d.start, d.end) for d in find_dates(text, start, end)]
    taken += [(p.start, p.end) for p in find_periods(text, start, end)]
    stated = {(f["value"], f["of"]) for f in figures}
    extra = [f for f in find_figures(text, start, end, taken) if (f["value"], f["of"]) not in stated]
    return extra + figures


def read_text(raw: str) -> dict[str, Any]:
    """Facts of one article; offsets point into the normalised text (the HTML's text for HTML input)."""
    article = prepare(raw)
    body = article.body
    paragraph_spans = paragraphs(article)
    sentence_spans = [s for p in paragraph_spans for s in sentences(body, *p)]
    refs = find_document_references(body)
    lead = find_lead(article, paragraph_spans, sentence_spans, [(r.start, r.end) for r in refs])
    event = read_event(article, lead)
    event_date = date.fromisoformat(event["date"]) if event.get("date") else None
    taken = [(r.start, r.end) for r in refs]
    taken += [(d.start, d.end) for d in find_dates(body)] + [(p.start, p.end) for p in find_periods(body)]
    mentions = [m for p in paragraph_spans for m in find_people(body, *p)]
    # People named in photo captions: never chairs (the captions are no sentence of the body).
    mentions += [m for c in article.captions for m in find_people(article.text, *c)]
    chairs, people = _people(mentions, find_chairs(body, mentions, sentence_spans))
    facts: dict[str, Any] = {"title": article.title}
    if article.published:
        facts["published"] = article.published.isoformat()
    tasks = find_tasks(body, paragraph_spans, sentence_spans, event_date)
    facts.update(
        event=event,
        chairs=chairs,
        people=people,
        documents=_distinct_documents(refs),
        figures=_with_title_figures(
            article,
            drop_repeats(body, [f for p in paragraph_spans for f in find_figures(body, p[0], p[1], taken)]),
        ),
        deadlines=_linked_deadlines(find_deadlines(body, paragraph_spans, event_date), tasks, body),
        limitations=find_limitations(body, paragraph_spans),
        tasks=tasks,
    )
    return facts


def text_from_bytes(data: bytes, suffix: str) -> str:
    """The text of a .txt, .html or .docx file's bytes (python-docx is imported only for .docx)."""
    suffix = suffix.lower()
    if suffix == ".docx":
        import io

        import docx

        from dangvu.core.uploads import upload_check

        upload_check(data, suffix=".docx")  # before python-docx unzips anything
        document = docx.Document(io.BytesIO(data))
        return "\n".join(p.text for p in document.paragraphs)
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("utf-8", errors="replace")
    return html_to_text(text) if suffix in (".html", ".htm") else text


def load_text(path: Path) -> str:
    """The text of a .txt, .html or .docx file."""
    return text_from_bytes(path.read_bytes(), path.suffix)


def read_file(path: str | Path) -> dict[str, Any]:
    return read_text(load_text(Path(path)))


def evaluate(corpus_dir: str | Path) -> list[ScoreRow]:
    """Precision, recall and F1 per field of the reader on a folder holding texts and gold.jsonl."""
    folder = Path(corpus_dir)
    pairs = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            gold = json.loads(line)
            pairs.append((gold, read_file(folder / gold["file"])))
    return score_corpus(pairs)
