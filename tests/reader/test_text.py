"""Text preparation: HTML, normalisation, page furniture, sentences — offsets always point into the text."""

from __future__ import annotations

from datetime import date

from dangvu.reader.text import html_to_text, paragraphs, prepare, sentences

ARTICLE = """Hội nghị giao ban công tác Đảng quý I
Ngày: 11.07.2018
(Baohatinh.vn) - Sáng 10/4, Huyện ủy tổ chức hội nghị giao ban quý I/2022.
Hội nghị giao ban công tác Đảng quý I
Toàn huyện kết nạp 45 đảng viên.
Thanh Anh
Số lần đọc:704
Đọc thêm
Tin khác có 13 tổ chức cơ sở đảng được tinh gọn.
"""


def test_headline_published_date_and_furniture() -> None:
    article = prepare(ARTICLE)
    assert article.title == "Hội nghị giao ban công tác Đảng quý I"
    assert article.published == date(2018, 7, 11)
    body = article.body
    assert len(body) == len(article.text)
    assert "Sáng 10/4" in body and "45 đảng viên" in body
    for furniture in ("Thanh Anh", "Số lần đọc", "Đọc thêm", "13 tổ chức", "Baohatinh", "11.07.2018"):
        assert furniture not in body
    assert body.count("Hội nghị giao ban công tác Đảng quý I") == 0  # headline and its repeated caption


def test_comment_box_and_site_links_are_furniture() -> None:
    text = (
        "Tiêu đề\n\nNội dung bài viết có 12 chi bộ.\nĐọc tiếp\n\nĐánh "
        "giá:\nlượt đánh giá: , trung bình: Bình luận\n"
    )
    body = prepare(text).body
    assert "12 chi bộ" in body and "Bình luận" not in body and "trung bình" not in body


def test_long_first_line_is_not_a_headline() -> None:
    lead = "TPHT- Chiều ngày 14/4, Thành ủy tổ chức hội nghị. " * 6
    assert prepare(lead).title is None


def test_html_is_read_with_the_standard_library() -> None:
    html = (
        "<html><head><title>x</title><script>var a=1;</script></head><body><nav>Menu</nav>"
        "<h1>Tiêu đề</h1><p>Đoạn &amp; một.</p><p>Đoạn hai<br>dòng "
        "mới</p><footer>Bản quyền</footer></body></html>"
    )
    lines = [line for line in html_to_text(html).splitlines() if line]
    assert lines == ["Tiêu đề", "Đoạn & một.", "Đoạn hai", "dòng mới"]
    article = prepare(html)
    assert article.title == "Tiêu đề" and "Menu" not in article.text


def test_sentences_split_even_when_the_space_is_missing() -> None:
    text = "Ban quản lý.Tiếp tục triển khai. TP.Hồ Chí Minh có 10,5% đạt. Chỉ tiêu 4.138 chi bộ."
    spans = sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "Ban quản lý.",
        "Tiếp tục triển khai.",
        "TP.Hồ Chí Minh có 10,5% đạt.",
        "Chỉ tiêu 4.138 chi bộ.",
    ]


def test_paragraph_spans_point_into_the_text() -> None:
    article = prepare("Tiêu đề\n\n  Đoạn một.  \nĐoạn hai.")
    assert [article.text[s:e] for s, e in paragraphs(article)] == ["Đoạn một.", "Đoạn hai."]
