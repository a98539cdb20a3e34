"""The event an article reports: its kind, the period it reviews, its date, organiser and venue.

Owns the lead (the sentence that dates the event: "Sáng 10.7, tại …, Đảng ủy Khối … đã tổ chức hội nghị …"),
the kind from the genre's words (giao ban, sơ kết, tổng kết, họp Ban Chỉ đạo, hội nghị …) and the year of
a date written without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dangvu.reader.dates import DateMention, find_dates, infer_year
from dangvu.reader.lexicon import EVENT_KINDS, GENERIC_EVENT_KINDS
from dangvu.reader.periods import PeriodMention, find_periods
from dangvu.reader.text import Article

_QUOTED_RE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_ORGANISER_VERB_RE = re.compile(
    r"(?<!\w)(?:đã\s+)?(?:phối hợp\s+)?(?:tổ chức|họp|tiến hành|khai mạc|làm việc)(?!\w)"
)
# "do" + a person: the organiser comes before it ("Đoàn kiểm tra … do đồng chí X làm trưởng đoàn").
_DO_PERSON_RE = re.compile(r"\s(?:do|dưới sự chủ trì của)\s+(?:đồng chí|đ/c|ông|bà)\s", re.IGNORECASE)
_VENUE_RE = re.compile(r"(?<!\w)tại\s+(?P<venue>[^,.;:\n]{3,120})")
_NOT_VENUE_RE = re.compile(r"(?:hội nghị|cuộc họp|buổi|phiên|đây|đó|địa phương|cơ sở\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Lead:
    start: int
    end: int
    date: DateMention | None


def mask_quotes(text: str) -> str:
    """`text` with quoted names ("Đề án “…”") blanked, keeping offsets."""
    return _QUOTED_RE.sub(lambda m: " " * len(m.group()), text)


def find_lead(
    article: Article, paragraph_spans: list[tuple[int, int]], sentence_spans: list[tuple[int, int]]
) -> Lead | None:
    """The first sentence of the first paragraphs that opens with a dated event."""
    for p_start, p_end in paragraph_spans[:4]:
        for s_start, s_end in [s for s in sentence_spans if p_start <= s[0] < p_end][:2]:
            dated = [d for d in find_dates(article.body, s_start, s_end) if d.led and d.start - s_start < 60]
            if dated:
                return Lead(s_start, s_end, dated[0])
    if sentence_spans:
        return Lead(sentence_spans[0][0], sentence_spans[0][1], None)
    return None


def event_kind(lead_text: str, title: str | None) -> str | None:
    for source in (mask_quotes(lead_text), mask_quotes(title or "")):
        folded = source.casefold()
        best: tuple[int, str] | None = None
        for code, words in EVENT_KINDS:
            for word in words:
                at = folded.find(word)
                if at >= 0 and (best is None or at < best[0]):
                    best = (at, code)
        if best:
            return best[1]
        for code, words in GENERIC_EVENT_KINDS:
            if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in words):
                if code == "hop" and "ban chỉ đạo" in folded:
                    return "hop_ban_chi_dao"
                return code
    return None


def _lead_period(body: str, lead: Lead, title: str | None) -> PeriodMention | None:
    masked = mask_quotes(body[: lead.end])
    periods = [p for p in find_periods(masked, lead.start, lead.end) if not p.forward]
    if not periods and title:
        periods = [p for p in find_periods(mask_quotes(title)) if not p.forward]
    return periods[0] if periods else None


_ORDER = {"Q1": 1, "Q2": 2, "H1": 2, "Q3": 3, "9M": 3, "Q4": 4, "H2": 4, "Y": 4}


def _year_of_period(body: str, lead: Lead, period: PeriodMention) -> int | None:
    """The period's year as written, else from the same period or the coming one named with a year."""
    if period.year:
        return period.year
    same = [p for p in find_periods(body) if p.shape == period.shape and p.year]
    if same:
        return same[0].year
    # "sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023"; "quý IV …, quý I/2024" → 2023.
    for coming in find_periods(mask_quotes(body[: lead.end]), lead.start, lead.end):
        if coming.forward and coming.year and coming.shape in _ORDER and period.shape in _ORDER:
            return coming.year - 1 if _ORDER[coming.shape] < _ORDER[period.shape] else coming.year
    return None


def _organiser(body: str, lead: Lead) -> str | None:
    masked = mask_quotes(body[: lead.end])
    from_at = lead.date.end if lead.date else lead.start
    verb = _ORGANISER_VERB_RE.search(masked, from_at, lead.end)
    if not verb:
        return None
    by_person = _DO_PERSON_RE.search(masked, from_at, verb.start())
    clause_end = by_person.start() if by_person else verb.start()
    clause_start = from_at
    for match in re.finditer(r"[,;:]", masked[from_at:clause_end]):
        clause_start = from_at + match.end()
    subject = masked[clause_start:clause_end]
    if not by_person:
        subject = re.sub(r"^.*?(?<!\w)do\s+", "", subject)
    subject = re.sub(r"\s+", " ", subject).strip(" -–")
    return subject if subject[:1].isupper() else None


def _venue(body: str, lead: Lead) -> str | None:
    match = _VENUE_RE.search(body, lead.start, lead.end)
    if not match or _NOT_VENUE_RE.match(match["venue"]):
        return None
    return match["venue"].strip()


def read_event(article: Article, lead: Lead | None) -> dict[str, Any]:
    body = article.body
    event: dict[str, Any] = {
        "kind": None,
        "period": None,
        "date": None,
        "date_text": None,
        "month": None,
        "day": None,
        "organiser": None,
        "venue": None,
    }
    if lead is None:
        return event
    lead_text = body[lead.start : lead.end]
    event.update(
        kind=event_kind(lead_text, article.title),
        organiser=_organiser(body, lead),
        venue=_venue(body, lead),
        start=lead.start,
        end=lead.end,
    )
    period = _lead_period(body, lead, article.title)
    period_year = _year_of_period(body, lead, period) if period else None
    mention = lead.date
    when: date | None = None
    if mention is not None:
        period_end = period.end_date(period_year) if period else None
        year = mention.year or infer_year(
            mention.month, mention.day or 1, published=article.published, period_end=period_end
        )
        when = mention.as_date(year)
        text = article.text[mention.start : mention.end]
        event.update(
            date=when.isoformat() if when else None,
            date_text=text,
            month=mention.month,
            day=mention.day,
            date_start=mention.start,
            date_end=mention.end,
        )
    if period is not None:
        if period_year is None and when is not None:
            period_year = when.year
            period_end = period.end_date(period_year)
            if period_end and period_end > when + timedelta(days=31):
                period_year -= 1
        event["period"] = period.code(period_year)
    return event
