"""Pages of the text reader: take a text, show it with every fact marked beside the proposed records as
an editable form, download the reviewed proposal as JSON, or save it as records through the services."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.core.errors import DomainError
from dangvu.documents.forms import unit_by_code
from dangvu.meetings.kinds import kind_choices
from dangvu.reader.forms import ReadForm
from dangvu.reader.highlight import FACT_KINDS, highlight
from dangvu.reader.organiser import organiser_match
from dangvu.reader.proposal import proposal_from_post, rows_of
from dangvu.reader.reader import read_text
from dangvu.reader.render import EVENT_KIND_LABELS
from dangvu.reader.save import proposal_save
from dangvu.reader.text import prepare


def _review(
    request: HttpRequest,
    raw: str,
    *,
    origin: str,
    edited: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The text with its facts marked, beside the proposal (as read, or as the reviewer edited it). When
    the user typed no unit, the unit the article's organiser names is proposed."""
    facts = read_text(raw)
    article = prepare(raw)
    proposal = edited or facts
    typed = request.POST.get("organiser_code", "").strip()
    match = None if typed else organiser_match(request.user, (proposal.get("event") or {}).get("organiser"))
    return render(
        request,
        "reader/review.html",
        {
            "marked": highlight(article.text, article.body, facts),
            "legend": FACT_KINDS.values(),
            "source": raw,
            "title": proposal.get("title") or "",
            "event": proposal.get("event") or {},
            "rows": rows_of(proposal),
            "kinds": sorted(EVENT_KIND_LABELS.items(), key=lambda kv: kv[1]),
            "meeting_kinds": kind_choices(),
            "organiser_code": typed or (match.code if match else ""),
            "organiser_match": match,
            "source_origin": origin,
        },
        status=status,
    )


@login_required
def read_page(request: HttpRequest) -> HttpResponse:
    form = ReadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("upload")
        origin = f"tệp {upload.name}" if upload else "văn bản dán"
        return _review(request, form.cleaned_data["raw"], origin=origin)
    return render(request, "reader/read.html", {"form": form})


@login_required
@require_POST
def proposal_download(request: HttpRequest) -> HttpResponse:
    proposal = proposal_from_post(request.POST)
    response = HttpResponse(
        json.dumps(proposal, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="de-xuat.json"'
    return response


@login_required
@require_POST
def proposal_store(request: HttpRequest) -> HttpResponse:
    proposal = proposal_from_post(request.POST)
    source = request.POST.get("source", "")
    origin = request.POST.get("source_origin", "") or "văn bản dán"
    try:
        organiser = unit_by_code(
            request.user, request.POST.get("organiser_code", ""), RoleLevel.EDITOR, field="organiser_code"
        )
        meeting = proposal_save(
            actor=request.user,
            organiser=organiser,
            proposal=proposal,
            source=prepare(source).text if source.strip() else "",
            origin=origin,
        )
    except DomainError as e:
        messages.warning(request, e.message)
        return _review(request, source, origin=origin, edited=proposal, status=400)
    messages.success(request, f"Đã lưu hội nghị: {meeting.title}.")
    return redirect("meetings:detail", pk=meeting.pk)
