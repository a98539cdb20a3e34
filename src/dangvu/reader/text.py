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
    "bài viết cùng chuyên mục",
    "cùng chuyên mục",
    "tin cùng chủ đề",
    "tin nổi bật",
    "tin xem nhiều",
    "đọc tiếp",
    "xem tiếp",
    "viết bình luận",
    "thông tin bạn đọc",
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
    "banner",
    "xem với cỡ chữ",
    "cỡ chữ",
    "theo dõi báo",
    "thực hiện:",
    ">>",
    "»",
    "in trang",
    "số lượt truy cập",
    "lượt truy cập",
)
_SOURCE_TAG_RE = re.compile(
    r"\s*(?:(?:\([\w.\- ]{2,40}\)|[A-ZĐ]{2,8}\.?)\s?[-–—]\s*|\([A-ZĐ][A-ZĐa-z.]{1,12}\)\s+(?=[A-ZĐ]))"
)
# A time stamp line: "Ngày: 11.07.2018", "Thứ Tư, 08/04/2015, 08:11 [GMT+7]", "04:35 15/03/2016",
# "Cập nhật lúc 22:26, Thứ Hai, 01/01/2018 (GMT+7)", "Cập nhật ngày: 20/10/2020 17:53".
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?"
_PUBLISHED_LINE_RE = re.compile(
    r"^\s*(?:(?:ngày(?: đăng)?|cập nhật(?: lúc| ngày)?|đăng ngày|đăng lúc|thời gian)\s*:?\s*)?"
    rf"(?:{_TIME}\s*[-|,]?\s*)?(?:(?:thứ \w+|chủ nhật),?\s*)?(?:{_TIME}\s*[-|,]?\s*)?"
    r"(?P<date>\d{1,2}\s?(?:[/.-]|\s+tháng\s+)\d{1,2}\s?(?:[/.-]|\s+năm\s+)\d{4})"
    rf"(?:\s*[-|,]?\s*{_TIME})?(?:\s*(?:AM|PM))?(?:\s*[\[(]?\s*GMT\s*[+\d:]*\s*[\])]?)?\s*$",
    re.IGNORECASE,
)
# A photo caption: a short line that ends by crediting the photo ("… phát biểu. Ảnh: N.Đ").
_CAPTION_RE = re.compile(
    r"(?:^|[\s.(])(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ)\s*:\s*[^:;\n]{1,40}\)?\.?$", re.IGNORECASE
)
# An author line in capitals, with the column marks news sites put after it ("NGUYỄN VĂN A |").
_CAPITAL_BYLINE_RE = re.compile(
    r"^(?P<name>[^\W\d_][^\d|]{2,50}?)\s*(?:\((?:thực hiện|tổng hợp)\))?\s*(?:\|.*)?$"
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
    # Photo captions, blanked in `body` but kept for the people they name ("Ông A - Bí thư … phát biểu.
    # Ảnh: B"): spans of `text` without the photo credit.
    captions: tuple[tuple[int, int], ...] = ()


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
    # "Ð"/"ð" (eth, U+00D0/U+00F0) is a common stand-in for "Đ"/"đ" in pages converted from old encodings.
    text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ")
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
    return (
        len(line) <= 200
        and not re.search(r"[.!?]\s+\S", line)
        and not line.endswith((".", ";", ",", ":"))
        and not re.fullmatch(r"[\W\d_]*", line)
    )


def _clean_title(line: str) -> str:
    """The headline without a source tag before it ("(TTV) …") or a site's mark after it ('… "*"')."""
    tag = _SOURCE_TAG_RE.match(line)
    if tag and tag.end() < len(line):
        line = line[tag.end() :]
    return re.sub(r'\s*"\*"\s*$', "", line).strip()


def _is_caption(line: str) -> bool:
    """A short one-sentence line that is a photo caption ("… phát biểu. Ảnh: N.Đ"), or a headline-less
    picture line before the headline."""
    return len(line) < 250 and _CAPTION_RE.search(line) is not None


def _is_capital_byline(line: str) -> bool:
    match = _CAPITAL_BYLINE_RE.match(line)
    if not match:
        return False
    name = match["name"].strip()
    words = re.split(r"[\s.]+", name.strip(". "))  # "V.ANH |": initials count as words
    return name.isupper() and 2 <= len(words) <= 5 and (name != line.strip() or "|" in line)


def _is_furniture_line(line: str, title: str | None) -> bool:
    folded = _fold(line)
    if title and folded == _fold(title):
        return True  # a photo caption repeating the headline
    if any(folded.startswith(marker) for marker in LINE_MARKERS) and len(line) < 120:
        return True
    if _is_caption(line) or _is_capital_byline(line):
        return True
    # Page buttons run together ("EmailPrintAa", "TAGS"): one word of Latin letters only.
    return bool(re.fullmatch(r"[\W\d_]*|[A-Za-z]{3,20}", line))


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _headline(text: str, spans: list[tuple[int, int]]) -> tuple[int | None, date | None, list[int]]:
    """Index of the headline line, the published date, and the furniture lines met before the headline:
    lines of punctuation, site banners, time stamps and a photo caption set above the headline."""
    published: date | None = None
    skipped: list[int] = []
    for index, (start, end) in enumerate(spans[:6]):
        line = text[start:end]
        stamp = _PUBLISHED_LINE_RE.match(line)
        if stamp:
            published = published or parse_full_date(stamp["date"])
            skipped.append(index)
            continue
        # Page furniture, or an English interface line above the headline ("Skip to main content").
        if _is_furniture_line(line, None) or re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+){1,5}", line):
            skipped.append(index)
            continue
        following = text[spans[index + 1][0] : spans[index + 1][1]] if index + 1 < len(spans) else ""
        # A section's name above the headline ("Xây dựng đảng", then "Huyện ủy giao ban …").
        section = len(line.split()) <= 3 and not line.endswith(".")
        if section and following and _is_title(following) and len(following) > 2 * len(line) + 10:
            skipped.append(index)
            continue
        # "Thủ tướng … chủ trì Hội nghị." above "Phát triển Tây Nguyên …": a caption, then the headline.
        one_sentence = line.endswith(".") and not re.search(r"[.!?]\s+\S", line) and len(line) <= 120
        if one_sentence and following and _is_title(following) and len(following) > 20:
            skipped.append(index)
            continue
        return (index if _is_title(line) else None), published, skipped
    return None, published, skipped


def prepare(raw: str) -> Article:
    """Normalise `raw` (plain text or HTML) and find the headline, the published date and the furniture."""
    text = normalise(html_to_text(raw) if looks_like_html(raw) else raw)
    chars = list(text)
    spans = lines_of(text)
    title: str | None = None
    title_span: tuple[int, int] | None = None
    head, published, skipped = _headline(text, spans)
    for index in skipped:
        _blank(chars, *spans[index])
    if head is not None:
        title_span = spans[head]
        title = _clean_title(text[title_span[0] : title_span[1]])
        _blank(chars, *title_span)
    content: list[tuple[int, int]] = []
    captions: list[tuple[int, int]] = []
    seen: set[str] = set()
    for index, (start, end) in enumerate(spans):
        line = text[start:end]
        if index in skipped or (start, end) == title_span:
            continue
        folded = _fold(line)
        if index > 1 and len(line) < 80 and any(folded.startswith(m) for m in TAIL_MARKERS):
            _blank(chars, start, len(text))
            break
        stamp = _PUBLISHED_LINE_RE.match(line)
        if stamp and index <= 6:
            published = published or parse_full_date(stamp["date"])
            _blank(chars, start, end)
            continue
        if _is_furniture_line(line, title) or (len(line) > 40 and folded in seen):
            _blank(chars, start, end)  # furniture, or a paragraph the page repeats
            credit = _CAPTION_RE.search(line) if folded not in seen else None
            if credit and credit.start() > 0:
                captions.append((start, start + credit.start()))
            seen.add(folded)
            continue
        seen.add(folded)
        content.append((start, end))
    _blank_bylines(text, chars, content)
    if content:
        tag = _SOURCE_TAG_RE.match(text, content[0][0])
        if tag and tag.end() < content[0][1]:
            _blank(chars, tag.start(), tag.end())
    return Article(text, "".join(chars), title, title_span, published, tuple(captions))


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
