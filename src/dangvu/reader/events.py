"""The event an article reports: its kind, the period it reviews, its date, organiser and venue.

Owns the lead (the sentence that dates the event: "Sáng 10.7, tại …, Đảng ủy Khối … đã tổ chức hội nghị …"),
the kind from the genre's words (giao ban, sơ kết, tổng kết, họp Ban Chỉ đạo, hội nghị …) and the year of
a date written without one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dangvu.reader.dates import DateMention, find_dates, infer_year
from dangvu.reader.lexicon import EVENT_KINDS, GENERIC_EVENT_KINDS, ORG_HEADS, TITLE_HEADS
from dangvu.reader.periods import PeriodMention, find_periods
from dangvu.reader.text import Article

_QUOTED_RE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_ORGANISER_VERB_RE = re.compile(
    r"(?<!\w)(?:(?:đã|vừa|sẽ)\s+)?(?:phối hợp\s+)?(?:(?<!về )(?<!công tác )tổ chức"
    r"|(?<!cuộc )(?<!phiên )(?<!buổi )họp|tiến hành|khai mạc"
    # "Huyện ủy Long Điền tổng kết công tác …": the body reviews without "tổ chức hội nghị".
    r"|làm việc|(?<!hội nghị )(?<!Hội nghị )(?:sơ kết|tổng kết|giao ban))(?!\w)"
)
# A subject that opens with a person's title ("Phó Bí thư Tỉnh ủy đã làm việc") or has someone chair is
# a person, not the organising body.
_PERSON_SUBJECT_RE = re.compile(
    rf"^(?:{'|'.join(sorted(map(re.escape, TITLE_HEADS), key=len, reverse=True))})(?!\w)|chủ trì"
)
# "do" + a person: the organiser comes before it ("Đoàn kiểm tra … do đồng chí X làm trưởng đoàn").
_DO_PERSON_RE = re.compile(r"\s(?:do|dưới sự chủ trì của)\s+(?:đồng chí|đ/c|ông|bà)\s", re.IGNORECASE)
_DEFINED_ABBREVIATION_RE = re.compile(r"\s*\([A-ZĐ][A-ZĐ.\-]{1,10}\)(?=\s)")
_ORG_HEAD_RE = re.compile(
    rf"(?:{'|'.join(sorted(map(re.escape, ORG_HEADS), key=len, reverse=True))})(?!\w)", re.I
)
_ORGANISER_TAIL_RE = re.compile(r"(?:\s*\([^()]{1,40}\)|,?\s+nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4})+$")
_SITTING_BODY_RE = re.compile(
    r"(?<!\w)[Hh]ội nghị\s+(?:lần|phiên)\s+thứ\s+\w+\s+(?P<body>(?:Ban Chấp hành|BCH)\s+[^,.;:\n]{2,60}?)"
    r"(?=\s*[,.;:(]|\s+(?:khóa|khoá|nhiệm kỳ|đánh giá|thảo luận|cho ý kiến|xem xét|sơ kết|tổng kết"
    r"|diễn ra|họp|bàn|quyết định|thông qua)(?!\w))"
)
_VENUE_RE = re.compile(r"(?<!\w)tại\s+(?P<venue>(?:(?:TP|Tp|TX|Q|H)\.\s?)?[^,.;:\n]{3,120})")
_HELD_ON_RE = re.compile(r"(?<!\w)(?:diễn ra|tổ chức|khai mạc|họp)(?:\s+(?:vào|trong))?\s+$", re.IGNORECASE)
_CUTOFF_BEFORE_RE = re.compile(r"(?<!\w)(?:tính đến|đến|từ|trước|sau|hết)\s+$", re.IGNORECASE)
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
    article: Article,
    paragraph_spans: list[tuple[int, int]],
    sentence_spans: list[tuple[int, int]],
    documents: Sequence[tuple[int, int]] = (),
) -> Lead | None:
    """The first sentence of the first paragraphs that opens with a dated event.

    A date inside a document reference ("Kế hoạch số 74/KH-CTĐ ngày 25/02/2016") or a cut-off ("tính đến
    ngày 30-6") never dates the event. When no sentence opens with a date, the first sentence that names a
    full date later on ("… tại Hội nghị rút kinh nghiệm …, ngày 7-4-2015") is the lead.
    """
    body = article.body
    late: Lead | None = None
    for p_start, p_end in paragraph_spans[:4]:
        for s_start, s_end in [s for s in sentence_spans if p_start <= s[0] < p_end][:2]:
            dated = [
                d
                for d in find_dates(body, s_start, s_end)
                if d.led
                and not any(ds <= d.start < de for ds, de in documents)
                and not _CUTOFF_BEFORE_RE.search(body, max(0, d.start - 12), d.start)
            ]
            near = [d for d in dated if d.start - s_start < 60]
            if near:
                return Lead(s_start, s_end, near[0])
            if late is None and paragraph_spans.index((p_start, p_end)) < 2:
                # A full date, or the day the sentence says the meeting took place ("… diễn ra sáng 28-6").
                full = [
                    d
                    for d in dated
                    if d.year is not None or _HELD_ON_RE.search(body, max(0, d.start - 16), d.start)
                ]
                late = Lead(s_start, s_end, full[0]) if full else None
    if late is not None:
        return late
    if sentence_spans:
        return Lead(sentence_spans[0][0], sentence_spans[0][1], None)
    return None


# "đại hội" that is the topic, not the event: "Nghị quyết Đại hội …", "Hội nghị rút kinh nghiệm đại hội điểm".
_TOPIC_CONGRESS_RE = re.compile(
    r"(?:nghị quyết|văn kiện|chào mừng|tiến tới|về tổ chức|trình|hội nghị\b.*)\s+$"
)
# A numbered sitting is that sitting whatever else it reviews ("hội nghị lần thứ 14 … và sơ kết …").
_SITTING_RE = re.compile(
    r"(?<!\w)(?:(?P<plenary>hội nghị)(?:(?!hội nghị)[^.;:\n]){0,60}?(?:lần|phiên) thứ"
    r"|(?P<session>kỳ họp) thứ)\s+\w+"
)
# "hội nghị sơ kết", "hội nghị trực tuyến giao ban": the kind the meeting's own name gives.
_NAMED_KIND_RE = re.compile(r"(?<!\w)(?:hội nghị|cuộc họp)(?:\s+trực tuyến)?\s+")
# The sentence after the lead that says what the meeting did ("Tại hội nghị, Đảng ủy Khối tổ chức sơ kết …").
_FOLLOW_UP_RE = re.compile(
    r"(?:^|(?<=[.!?])\s|\n)\s*(?:Tại|Trong)\s+(?:hội nghị|cuộc họp|phiên họp)(?!\w)[^.!?\n]*", re.IGNORECASE
)


def _specific_kind(folded: str) -> str | None:
    best: tuple[int, str] | None = None
    for code, words in EVENT_KINDS:
        for word in words:
            for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
                if code == "dai_hoi" and _TOPIC_CONGRESS_RE.search(folded, 0, match.start()):
                    continue
                if best is None or match.start() < best[0]:
                    best = (match.start(), code)
                break
    return best[1] if best else None


def _named_kind(folded: str) -> str | None:
    for named in _NAMED_KIND_RE.finditer(folded):
        for code, words in EVENT_KINDS:
            if any(re.match(rf"{re.escape(word)}(?!\w)", folded[named.end() :]) for word in words):
                return code
    return None


def event_kind(lead_text: str, title: str | None) -> str | None:
    for source in (mask_quotes(lead_text), mask_quotes(title or "")):
        folded = source.casefold()
        sitting = _SITTING_RE.search(folded)
        if sitting:
            return "hoi_nghi" if sitting["plenary"] else "hop"
        specific = _named_kind(folded) or _specific_kind(folded)
        if specific:
            return specific
        for code, words in GENERIC_EVENT_KINDS:
            if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in words):
                if code == "hop" and re.search(r"ban chỉ đạo|(?<!\w)bcđ(?!\w)", folded):
                    return "hop_ban_chi_dao"
                return code
    return None


def _lead_period(body: str, lead: Lead, title: str | None) -> PeriodMention | None:
    masked = mask_quotes(body[: lead.end])
    periods = [p for p in find_periods(masked, lead.start, lead.end) if _reviewed(masked, p)]
    if not periods and title:
        masked_title = mask_quotes(title)
        periods = [p for p in find_periods(masked_title) if _reviewed(masked_title, p)]
    return periods[0] if periods else None


# "tổng kết nhiệm kỳ 2015-2020", "tổng kết công tác kết nạp đảng viên nhiệm kỳ 2015-2020"; not a term that
# names a congress or a committee ("Nghị quyết Đại hội … nhiệm kỳ", "Ban Chấp hành khóa X, nhiệm kỳ …").
_REVIEWED_TERM_RE = re.compile(
    r"(?:kết|đánh giá|kiểm điểm)(?:\s+(?:giữa|nửa|cả|toàn))?"
    r"(?:\s+(?!đại hội|khóa|khoá|nghị quyết|ban chấp hành)[^\s,.;:]+){0,6}\s+$",
    re.IGNORECASE,
)
_COMPARED_RE = re.compile(r"(?:so với|cùng kỳ)(?:\s+\S+){0,2}\s+$", re.IGNORECASE)


def _reviewed(text: str, period: PeriodMention) -> bool:
    """Whether a period in the lead is the one under review: not the coming one, not a comparison
    ("so với cuối năm 2017"), and a term only when reviewed ("tổng kết nhiệm kỳ 2015-2020"), not when it
    names a committee or a resolution ("Hội nghị lần thứ 4 Khóa X, nhiệm kỳ 2020-2025")."""
    if period.forward or _COMPARED_RE.search(text, max(0, period.start - 30), period.start):
        return False
    return not period.shape.startswith("TERM") or bool(
        _REVIEWED_TERM_RE.search(text, max(0, period.start - 80), period.start)
    )


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


def _subject_before(masked: str, from_at: int, clause_end: int) -> str:
    """The words before the organising verb, back to a comma; further back over a list of bodies
    ("Ban Dân vận, Hội Nông dân, Đoàn Thanh niên huyện X tổ chức …")."""
    commas = [m for m in re.finditer(r"[,;:]", masked[from_at:clause_end])]
    clause_start = from_at + commas[-1].end() if commas else from_at
    while commas and masked[commas[-1].start() + from_at] == ",":
        commas.pop()
        part_start = from_at + commas[-1].end() if commas else from_at
        if not _ORG_HEAD_RE.match(masked[part_start:clause_start].strip()):
            break
        clause_start = part_start
    return masked[clause_start:clause_end]


def _organiser(body: str, lead: Lead) -> str | None:
    masked = mask_quotes(body[: lead.end])
    from_at = lead.date.end if lead.date else lead.start
    verb = _ORGANISER_VERB_RE.search(masked, from_at, lead.end)
    if not verb:
        # "Hội nghị lần thứ 8 Ban Chấp hành Đảng bộ thành phố đánh giá …": the sitting names its body.
        named = _SITTING_BODY_RE.search(masked, lead.start, lead.end)
        return _clean_organiser(named["body"]) if named else None
    by_person = _DO_PERSON_RE.search(masked, from_at, verb.start())
    subject = ""
    if by_person:
        subject = _subject_before(masked, from_at, by_person.start())
        if not subject.strip(" ,"):  # "dưới sự chủ trì của đồng chí X, …, Tỉnh ủy đã tổ chức …"
            by_person = None
    if not by_person:
        subject = re.sub(r"^.*?(?<!\w)do\s+", "", _subject_before(masked, from_at, verb.start()))
    subject = re.sub(r"\s+", " ", subject).strip(" -–")
    if _PERSON_SUBJECT_RE.search(subject):
        return None
    # "Ban Tổ chức phối hợp cùng các Ban Xây dựng Đảng tiến hành họp": the first body organises.
    subject = re.split(r"\s+phối hợp(?:\s+(?:cùng|với))?\s+", subject)[0]
    subject = _DEFINED_ABBREVIATION_RE.sub("", subject)  # "Ủy ban Kiểm tra (UBKT) Tỉnh ủy"
    if re.match(r"(?:hội nghị|cuộc họp|phiên họp|buổi)(?!\w)", subject, re.IGNORECASE):
        return None  # "Hội nghị sơ kết … đã diễn ra": no body named
    # "đảng bộ LĐLĐ tỉnh tổ chức …": a body in lower case is a body still.
    return _clean_organiser(subject) if subject[:1].isupper() or _ORG_HEAD_RE.match(subject) else None


def _clean_organiser(subject: str) -> str | None:
    """Without a place in brackets or the committee's term ("Đảng ủy xã X (TPHCM)",
    "… nhiệm kỳ 2020 - 2025")."""
    subject = _ORGANISER_TAIL_RE.sub("", subject.strip())
    return subject or None


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
    follow_up = _FOLLOW_UP_RE.search(body, lead.end, min(len(body), lead.end + 400))
    if follow_up and event["kind"] in (None, "hoi_nghi", "hop"):
        # A generic "hội nghị" whose next sentence says it reviewed a period: that review is the kind.
        specific = _specific_kind(mask_quotes(follow_up.group()).casefold())
        if specific in ("so_ket", "tong_ket", "giao_ban"):
            event["kind"] = specific
            lead = Lead(lead.start, follow_up.end(), lead.date)
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
