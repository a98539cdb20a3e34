"""Text preparation: normalisation, HTML to text, page furniture, paragraphs and sentences with offsets.

Owns the `Article`: the normalised text, the same text with page furniture blanked out (bylines, view
counters, "Đọc thêm" and related-article lists, comment boxes, captions repeating the headline, source
tags), the headline and the published date. Blanking keeps every offset valid, so each fact found in the
body points at its place in `Article.text`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from dangvu.reader.dates import parse_full_date

# A line opening one of these starts the page's tail: nothing after it belongs to the article.
TAIL_MARKERS: tuple[str, ...] = (
    "đọc thêm",
    "tin liên quan",
    "bài liên quan",
    "bài viết liên quan",
    "tin cùng chuyên mục",
    "tin khác",
    "các tin khác",
    "tin mới",
    "tin đã đưa",
    "xem thêm",
    "đánh giá:",
    "bình luận",
    "ý kiến bạn đọc",
    "gửi ý kiến",
    "gửi bình luận",
    "tìm kiếm theo ngày",
    "liên kết website",
    "tags:",
    "từ khóa:",
    "từ khoá:",
    "chia sẻ",
    "in bài",
    "mã xác thực",
    "các bài khác",
    "tin bài khác",
    "tin tức khác",
    "bài đọc nhiều",
)
# A line opening one of these is furniture by itself.
LINE_MARKERS: tuple[str, ...] = (
    "nguồn tin:",
    "nguồn:",
    "số lần đọc",
    "lượt xem",
    "lượt đọc",
    "tác giả:",
    "ảnh:",
    "(ảnh:",
    "(theo ",
    "cập nhật:",
    "ngày đăng",
    "lượt đánh giá",
)
_SOURCE_TAG_RE = re.compile(r"\s*(?:\([\w.\- ]{2,40}\)|[A-ZĐ]{2,8}\.?)\s?[-–—]\s*")
_PUBLISHED_LINE_RE = re.compile(
    r"^\s*(?:(?:ngày(?: đăng)?|cập nhật|đăng ngày|thời gian)\s*:?\s*)?(?:thứ \w+,?\s*)?"
    r"(?:\d{1,2}[:h]\d{2}\s*[-|,]?\s*)?"
    r"(?P<date>\d{1,2}\s?(?:[/.-]|\s+tháng\s+)\d{1,2}\s?(?:[/.-]|\s+năm\s+)\d{4})"
    r"(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}(?:\s*(?:AM|PM|GMT[+\d:]*))?)?\s*$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^\(?[A-ZĐ][\w.]*(?:[ \-–][A-ZĐ][\w.]*){0,4}\)?$")
_SENTENCE_END_RE = re.compile(r"(?:\./\.|[.!?…]+)[”\")]?")
_ABBREVIATIONS = frozenset(
    {"TP", "Tp", "TS", "ThS", "GS", "PGS", "BS", "KS", "Th", "St", "Q", "P", "TX", "H"}
)


@dataclass(frozen=True)
class Article:
    text: str  # the normalised input
    body: str  # `text` with furniture (and the headline) blanked by spaces: same length, same offsets
    title: str | None
    title_span: tuple[int, int] | None
    published: date | None


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "article",
            "section",
            "header",
            "blockquote",
            "figcaption",
            "table",
            "ul",
            "ol",
            "td",
        }
    )
    _SKIPPED = frozenset(
        {"head", "title", "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return (
        re.search(r"<(?:p|div|br|html|body|span|a|article|h[1-6])\b[^>]*>", text[:5000], re.IGNORECASE)
        is not None
    )


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line (standard library only)."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(extractor.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def normalise(text: str) -> str:
    """NFC, Unix line ends, no-break and zero-width spaces made plain."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    return re.sub(r"[\u00a0\u2009\u202f\t]", " ", text)


def lines_of(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, without their surrounding spaces."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _is_title(line: str) -> bool:
    return len(line) <= 200 and not re.search(r"[.!?]\s+\S", line) and not line.endswith(".")


def _is_furniture_line(line: str, title: str | None) -> bool:
    folded = _fold(line)
    if title and folded == _fold(title):
        return True  # a photo caption repeating the headline
    if any(folded.startswith(marker) for marker in LINE_MARKERS) and len(line) < 120:
        return True
    return bool(re.fullmatch(r"[\W\d_]*", line))


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def prepare(raw: str) -> Article:
    """Normalise `raw` (plain text or HTML) and find the headline, the published date and the furniture."""
    text = normalise(html_to_text(raw) if looks_like_html(raw) else raw)
    chars = list(text)
    spans = lines_of(text)
    title: str | None = None
    title_span: tuple[int, int] | None = None
    published: date | None = None
    if spans and _is_title(text[spans[0][0] : spans[0][1]]):
        title_span = spans[0]
        title = text[title_span[0] : title_span[1]]
        _blank(chars, *title_span)
    content: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(spans):
        line = text[start:end]
        if (start, end) == title_span:
            continue
        folded = _fold(line)
        if index > 1 and len(line) < 80 and any(folded.startswith(m) for m in TAIL_MARKERS):
            _blank(chars, start, len(text))
            break
        stamp = _PUBLISHED_LINE_RE.match(line)
        if stamp and published is None and index <= 3:
            published = parse_full_date(stamp["date"])
            _blank(chars, start, end)
            continue
        if _is_furniture_line(line, title):
            _blank(chars, start, end)
            continue
        content.append((start, end))
    _blank_bylines(text, chars, content)
    if content:
        tag = _SOURCE_TAG_RE.match(text, content[0][0])
        if tag and tag.end() < content[0][1]:
            _blank(chars, tag.start(), tag.end())
    return Article(text, "".join(chars), title, title_span, published)


def _blank_bylines(text: str, chars: list[str], content: list[tuple[int, int]]) -> None:
    """Short name-like lines at the end of the article (author, photographer) are furniture."""
    for start, end in reversed(content):
        line = text[start:end]
        if len(line) > 60 or not _BYLINE_RE.match(line) or len(line.split()) > 6:
            break
        _blank(chars, start, end)


def paragraphs(article: Article) -> list[tuple[int, int]]:
    """Spans of the body's paragraphs (one per non-blank line)."""
    return lines_of(article.body)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end], split at end punctuation followed by a capital."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        after = match.end()
        gap = after
        while gap < end and text[gap] == " ":
            gap += 1
        if gap >= end:
            continue
        nxt = text[gap]
        if nxt in '“"(' and gap + 1 < end:
            nxt = text[gap + 1]
        if not nxt.isupper():
            continue
        word = re.search(r"(\w+)$", text[begin : match.start()])
        if match.group().startswith(".") and word and word.group(1) in _ABBREVIATIONS:
            continue
        if gap == after and not (match.start() > 0 and text[match.start() - 1].islower()):
            continue  # "TP.Hồ Chí Minh" is not two sentences; "quản lý.Tiếp tục" is
        spans.append((begin, after))
        begin = gap
    if begin < end:
        spans.append((begin, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]
