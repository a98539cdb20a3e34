"""A conference's figures and shortcomings, and the text it was read from with each fact's place in it:
recorded through services that check the role and leave an audit trail, shown on the conference page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.meetings.models import Figure, Shortcoming
from dangvu.meetings.services import (
    meeting_figure_add,
    meeting_record,
    meeting_shortcoming_add,
    meeting_source_keep,
    meeting_void,
)

SOURCE = (
    "Quý I, xã kết nạp 12 đảng viên, đạt 60% chỉ tiêu; 7/9 chi bộ xếp loại tốt.\n"
    "Tuy nhiên, việc lập hồ sơ đảng viên còn chậm <b>&</b>.\n"
)


def _meeting(province, actor="editor_a"):
    return meeting_record(
        actor=province.users[actor],
        organiser=province["XA"],
        kind="so_ket_quy",
        title="Sơ kết quý I",
        held_on=dt.date(2018, 4, 6),
        period="2018-Q1",
    )


def test_figures_and_shortcomings_with_their_place_in_the_kept_text(province):
    editor = province.users["editor_a"]
    m = _meeting(province)
    meeting_source_keep(
        actor=editor,
        meeting=m,
        text=SOURCE,
        origin="tệp  so-ket.docx",
        marks=[{"kind": "tasks", "start": 0, "end": 5}, {"kind": "bogus", "start": 0, "end": 3}],
    )
    start = SOURCE.index("60%")
    fig = meeting_figure_add(
        actor=editor,
        meeting=m,
        value=60,
        unit="%",
        indicator="kết nạp đảng viên",
        text="đạt 60% chỉ tiêu",
        start=start,
        end=start + 3,
    )
    ratio = meeting_figure_add(actor=editor, meeting=m, value="7", of=9, unit="chi bộ", approximate=True)
    low = SOURCE.index("việc lập")
    short = meeting_shortcoming_add(
        actor=editor, meeting=m, text=" việc lập hồ sơ  đảng viên còn chậm", start=low, end=low + 35
    )
    m.refresh_from_db()
    assert m.source_origin == "tệp so-ket.docx" and m.source_text == SOURCE
    assert m.source_marks == [{"kind": "tasks", "start": 0, "end": 5}]  # unknown kinds are dropped
    assert (fig.value, fig.start, fig.end) == (Decimal("60"), start, start + 3)
    assert (ratio.value, ratio.of, ratio.approximate, ratio.start) == (Decimal("7"), Decimal("9"), True, None)
    assert str(ratio) == "7/9 chi bộ" and short.text == "việc lập hồ sơ đảng viên còn chậm"
    for model, pk in (("figure", fig.pk), ("shortcoming", short.pk)):
        assert LogEntry.objects.filter(content_type__model=model, object_pk=str(pk), actor=editor).exists()


def test_refusals(province):
    m = _meeting(province)
    editor, outsider = province.users["editor_a"], province.users["outsider"]
    with pytest.raises(PermissionDenied):
        meeting_figure_add(actor=outsider, meeting=m, value=1)
    with pytest.raises(PermissionDenied):
        meeting_shortcoming_add(actor=outsider, meeting=m, text="còn chậm")
    with pytest.raises(PermissionDenied):
        meeting_source_keep(actor=outsider, meeting=m, text=SOURCE, origin="văn bản dán")
    with pytest.raises(DomainError, match="không phải là số"):
        meeting_figure_add(actor=editor, meeting=m, value="nhiều")
    with pytest.raises(DomainError, match="Tổng số"):
        meeting_figure_add(actor=editor, meeting=m, value=3, of=0)
    with pytest.raises(DomainError, match="Vị trí"):  # no source text kept: no offset can point into it
        meeting_shortcoming_add(actor=editor, meeting=m, text="còn chậm", start=0, end=4)
    with pytest.raises(DomainError, match="Cần nội dung"):
        meeting_shortcoming_add(actor=editor, meeting=m, text="  ")
    meeting_source_keep(actor=editor, meeting=m, text=SOURCE, origin="văn bản dán")
    with pytest.raises(DomainError, match="Vị trí"):
        meeting_figure_add(actor=editor, meeting=m, value=1, start=5, end=len(SOURCE) + 1)
    meeting_void(actor=editor, meeting=m, reason="ghi nhầm")
    with pytest.raises(DomainError, match="đã bị hủy"):
        meeting_figure_add(actor=editor, meeting=m, value=1)
    assert not Figure.objects.exists() and not Shortcoming.objects.exists()


def test_the_conference_page_shows_each_fact_in_its_source_text(client, province):
    editor = province.users["editor_a"]
    m = _meeting(province)
    meeting_source_keep(
        actor=editor,
        meeting=m,
        text=SOURCE,
        origin="văn bản dán",
        marks=[{"kind": "date", "start": 0, "end": 5}],
    )
    start = SOURCE.index("60%")
    fig = meeting_figure_add(actor=editor, meeting=m, value=60, unit="%", start=start, end=start + 3)
    low = SOURCE.index("việc lập")
    short = meeting_shortcoming_add(actor=editor, meeting=m, text="việc lập hồ sơ", start=low, end=low + 14)
    client.force_login(province.users["admin"])
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert 'id="figures"' in page and f'href="#nguon-so-lieu-{fig.pk}"' in page
    assert (
        f'<span id="nguon-so-lieu-{fig.pk}"></span><mark class="fact-figure" title="Số liệu">60%</mark>'
        in page
    )
    assert f'<span id="nguon-han-che-{short.pk}"></span><mark class="fact-limitation"' in page
    assert '<mark class="fact-date" title="Ngày hội nghị">Quý I</mark>' in page
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in page and "<b>&</b>" not in page  # the source is escaped
    assert "Văn bản nguồn" in page and "(văn bản dán)" in page


def test_a_conference_entered_by_hand_shows_no_source(client, province):
    m = _meeting(province)
    client.force_login(province.users["admin"])
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert "Văn bản nguồn" not in page and 'id="shortcomings"' in page
