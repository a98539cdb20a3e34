"""The reader's page: paste or upload a text, see its facts marked and the proposal as a form, download
it as JSON, save it as records; login required, refusals come back as messages. Texts are written for the
test."""

from __future__ import annotations

import io
import json

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.assignments.models import Task
from dangvu.meetings.models import Meeting

ARTICLE = (
    "Hội nghị sơ kết công tác xây dựng Đảng quý I\n"
    "Sáng 6/4/2018, tại hội trường xã, Đảng ủy xã tổ chức hội nghị sơ kết công tác xây dựng Đảng quý I/2018. "
    "Đồng chí Lê Văn An, Bí thư Đảng ủy xã chủ trì hội nghị. "
    "Dự có đồng chí Trần Thị Bình, Phó Bí thư Đảng ủy xã.\n"
    "Quý I, toàn xã kết nạp 5 đảng viên, đạt 50% chỉ tiêu; thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.\n"
    "Tuy nhiên, công tác tạo nguồn còn chậm, sinh hoạt chi bộ có nơi còn hình thức.\n"
    "Hội nghị yêu cầu Văn phòng Đảng ủy tổng hợp ý kiến, hoàn thành báo cáo trước 30/4/2018.\n"
    "Bạn đọc <script>alert(1)</script> & cộng sự\n"
)

PROPOSAL = {
    "title": "Sơ kết quý I",
    "event_kind": "so_ket",
    "event_date": "2018-04-06",
    "event_period": "2018-Q1",
    "event_venue": "hội trường xã",
    "chair_name": ["Lê Văn An", ""],
    "chair_positions": ["Bí thư Đảng ủy xã", ""],
    "person_name": ["Lê Văn An", "Trần Thị Bình"],
    "person_positions": ["Bí thư Đảng ủy xã", "Phó Bí thư Đảng ủy xã"],
    "doc_text": ["Chỉ thị số 05-CT/TW", ""],
    "doc_type": ["CT", ""],
    "doc_number": ["05", ""],
    "fig_value": ["50", "5", ""],
    "fig_unit": ["%", "đảng viên", ""],
    "fig_of": ["", "", ""],
    "task_assignee": ["Văn phòng Đảng ủy"],
    "task_text": ["tổng hợp ý kiến, hoàn thành báo cáo"],
    "task_deadline": ["2018-04-30"],
    "limitation_text": ["công tác tạo nguồn còn chậm", ""],
}


def test_login_required(client, province):
    for url in ("/doc-van-ban/", "/doc-van-ban/tai-json/", "/doc-van-ban/luu/"):
        r = client.post(url) if url != "/doc-van-ban/" else client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")


def test_the_page_and_the_nav_item(client, province):
    client.force_login(province.users["outsider"])
    page = client.get("/doc-van-ban/").content.decode()
    assert (
        'href="/doc-van-ban/"' in page and "Dán nội dung" in page and 'enctype="multipart/form-data"' in page
    )


def test_pasted_text_is_shown_with_its_facts_marked_and_escaped(client, province):
    client.force_login(province.users["outsider"])
    page = client.post("/doc-van-ban/", {"text": ARTICLE}).content.decode()
    assert '<mark class="fact-chair" title="Chủ trì">' in page
    assert '<mark class="fact-document" title="Văn bản">Chỉ thị số 05-CT/TW' in page
    assert '<mark class="fact-figure"' in page and '<mark class="fact-date"' in page
    assert '<mark class="fact-task"' in page and '<mark class="fact-limitation"' in page
    assert (
        "<script>alert(1)</script>" not in page
        and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; cộng sự" in page
    )
    # The proposal beside it, as an editable form.
    assert 'name="chair_name" value="Lê Văn An"' in page
    assert 'name="event_date" value="2018-04-06"' in page and 'name="event_period" value="2018-Q1"' in page
    assert 'name="doc_number" value="05"' in page and 'name="task_assignee" value="Văn phòng Đảng ủy"' in page


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_uploads_txt_html_and_docx(client, province):
    client.force_login(province.users["outsider"])
    html = "<html><body><h1>Tiêu đề</h1>" + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[1:3])
    for name, data in (
        ("bai.txt", ARTICLE.encode()),
        ("bai.html", html.encode()),
        ("bai.docx", _docx(ARTICLE)),
    ):
        page = client.post("/doc-van-ban/", {"upload": SimpleUploadedFile(name, data)}).content.decode()
        assert 'name="chair_name" value="Lê Văn An"' in page, name


def test_an_empty_form_or_another_kind_of_file_is_refused(client, province):
    client.force_login(province.users["outsider"])
    assert "Cần dán nội dung" in client.post("/doc-van-ban/", {"text": " "}).content.decode()
    page = client.post("/doc-van-ban/", {"upload": SimpleUploadedFile("bai.pdf", b"%PDF")}).content.decode()
    assert "Chỉ đọc được tệp .txt, .html hoặc .docx" in page


def test_download_the_reviewed_proposal_as_json(client, province):
    client.force_login(province.users["outsider"])
    r = client.post("/doc-van-ban/tai-json/", PROPOSAL)
    assert r["Content-Disposition"] == 'attachment; filename="de-xuat.json"'
    data = json.loads(r.content)
    assert data["event"]["date"] == "2018-04-06" and data["event"]["kind"] == "so_ket"
    assert data["chairs"] == [{"name": "Lê Văn An", "positions": ["Bí thư Đảng ủy xã"]}]
    assert [(f["value"], f["unit"]) for f in data["figures"]] == [(50, "%"), (5, "đảng viên")]
    assert data["documents"][0]["number"] == "05" and data["limitations"] == ["công tác tạo nguồn còn chậm"]
    assert data["tasks"] == [
        {
            "assignee": "Văn phòng Đảng ủy",
            "text": "tổng hợp ý kiến, hoàn thành báo cáo",
            "deadline": "2018-04-30",
        }
    ]


def test_save_records_the_conference_its_people_documents_and_tasks(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post("/doc-van-ban/luu/", {**PROPOSAL, "source": ARTICLE, "organiser_code": "XA"})
    meeting = Meeting.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/hoi-nghi/{meeting.pk}/"
    assert (meeting.kind, meeting.period, meeting.organiser.code) == ("so_ket_quy", "2018-Q1", "XA")
    assert sorted((p.role, str(p.person)) for p in meeting.participants.all()) == [
        ("attendee", "Trần Thị Bình"),
        ("chair", "Lê Văn An"),
    ]
    assert [d.number for d in meeting.documents.all()] == ["05"]
    task = Task.objects.get()
    assert (task.meeting, task.lead_name, str(task.deadline)) == (meeting, "Văn phòng Đảng ủy", "2018-04-30")


def test_save_refused_outside_ones_units_leaves_nothing(client, province):
    client.force_login(province.users["outsider"])
    for code in ("XB", "XA"):  # a unit only viewed, and one out of scope
        r = client.post("/doc-van-ban/luu/", {**PROPOSAL, "source": ARTICLE, "organiser_code": code})
        assert r.status_code == 400
        assert f"Không có tổ chức mã «{code}» trong phạm vi của bạn." in r.content.decode()
    assert not Meeting.objects.exists() and not Task.objects.exists()


def test_save_needs_a_date_and_keeps_the_reviewers_edits(client, province):
    client.force_login(province.users["editor_a"])
    r = client.post(
        "/doc-van-ban/luu/", {**PROPOSAL, "event_date": "", "source": ARTICLE, "organiser_code": "XA"}
    )
    page = r.content.decode()
    assert r.status_code == 400 and "Cần ngày hội nghị" in page
    assert 'name="title" value="Sơ kết quý I"' in page and 'name="organiser_code" value="XA"' in page
    assert '<mark class="fact-chair"' in page and not Meeting.objects.exists()


def _form_fields(page: str) -> list[tuple[str, str]]:
    """The (name, value) pairs the proposal form would post, as a browser sends them."""
    from html.parser import HTMLParser

    form = page[page.index('id="proposal"') :]
    fields: list[tuple[str, str]] = []

    class Fields(HTMLParser):
        select: str | None = None
        textarea: str | None = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "input" and a.get("name") and a.get("name") != "csrfmiddlewaretoken":
                fields.append((a["name"], a.get("value") or ""))
            elif tag == "select":
                self.select = a["name"]
                fields.append((self.select, ""))
            elif tag == "option" and self.select and "selected" in a:
                fields[-1] = (self.select, a.get("value") or "")
            elif tag == "textarea":
                self.textarea = a["name"]

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None

        def handle_data(self, data):
            if self.textarea:
                fields.append((self.textarea, data))
                self.textarea = None

    Fields(convert_charrefs=True).feed(form)
    return fields


def _post_data(fields: list[tuple[str, str]], **extra: str) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data.update({k: [v] for k, v in extra.items()})
    return data


def test_read_then_save_keeps_the_text_and_where_each_fact_was_written(client, province):
    from dangvu.reader.text import prepare

    client.force_login(province.users["editor_a"])
    page = client.post("/doc-van-ban/", {"upload": SimpleUploadedFile("so-ket.txt", ARTICLE.encode())})
    data = _post_data(_form_fields(page.content.decode()), organiser_code="XA")
    r = client.post("/doc-van-ban/luu/", data)
    meeting = Meeting.objects.get()
    assert r.status_code == 302
    text = meeting.source_text
    assert text == prepare(ARTICLE).text and meeting.source_origin == "tệp so-ket.txt"
    figures = list(meeting.figures.all())
    assert {(int(f.value), f.unit) for f in figures} >= {(50, "%")}
    assert all(str(int(f.value)) in text[f.start : f.end] for f in figures)
    shortcoming = meeting.shortcomings.get(text__contains="tạo nguồn")
    assert "tạo nguồn còn chậm" in text[shortcoming.start : shortcoming.end]
    assert all(s.text in text[s.start : s.end] for s in meeting.shortcomings.all())
    marked = {m["kind"]: text[m["start"] : m["end"]] for m in meeting.source_marks}
    assert marked["date"] == "Sáng 6/4/2018" and marked["documents"].startswith("Chỉ thị số 05-CT/TW")
    assert "Lê Văn An" in marked["chairs"] and "tổng hợp ý kiến" in marked["tasks"]
    detail = client.get(f"/hoi-nghi/{meeting.pk}/").content.decode()
    assert f'href="#nguon-han-che-{shortcoming.pk}"' in detail and '<mark class="fact-task"' in detail


def test_figures_and_shortcomings_typed_by_the_reviewer_are_saved_without_a_place(client, province):
    client.force_login(province.users["editor_a"])
    data = {**PROPOSAL, "fig_approximate": ["", "1", ""], "source_origin": "văn bản dán"}
    client.post("/doc-van-ban/luu/", {**data, "source": ARTICLE, "organiser_code": "XA"})
    meeting = Meeting.objects.get()
    assert [(int(f.value), f.approximate, f.start) for f in meeting.figures.all()] == [
        (50, False, None),
        (5, True, None),
    ]
    assert [s.text for s in meeting.shortcomings.all()] == ["công tác tạo nguồn còn chậm"]
    assert meeting.source_origin == "văn bản dán" and meeting.source_marks == []


def test_the_unit_the_article_names_is_proposed_when_none_is_typed(client, province):
    text = ARTICLE.replace("Đảng ủy xã tổ chức", "Đảng ủy xã Thạch Long tổ chức")
    client.force_login(province.users["editor_a"])
    page = client.post("/doc-van-ban/", {"text": text}).content.decode()
    assert (
        'name="organiser_code" value="XA"' in page and "Đề xuất theo bài viết: Đảng bộ xã Thạch Long" in page
    )
    client.force_login(province.users["outsider"])  # sees Thạch Long? no; edits nothing
    page = client.post("/doc-van-ban/", {"text": text}).content.decode()
    assert 'name="organiser_code" value=""' in page and "Đề xuất theo bài viết" not in page
