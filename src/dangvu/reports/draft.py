"""Assembling a draft review report from the records, for one organisation and period, as the user sees them.

`report_draft` returns the report's content as plain JSON-ready data: the header words, the structure of
the organisation (the same tree snapshot as the tree navigator, so 17 / 722 / 4.138 / 98.908 agree), each
section's figures with target, percent of target, last year and forecast (`indicators.selectors`), the
coverage lists named in an annex, the conferences' conclusions and the tasks with their status, and the
narrative paragraphs people wrote. Numbers come only from the records; an issued report freezes this
content (`services.report_issue`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from dangvu.assignments.selectors import tasks_visible
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.indicators.selectors import Achievement, achievement, indicator_sheet
from dangvu.meetings.selectors import meetings_visible
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation, OrgLink
from dangvu.organisations.selectors import TreeView, tree_snapshot
from dangvu.organisations.tree import TreeNode
from dangvu.reports import layout, outline
from dangvu.reports.models import ReportNarrative, ReportSettings

CONTENT_VERSION = 1


def _row(a: Achievement, query: str) -> dict[str, Any]:
    ind, f = a.indicator, a.figure
    x_of_y = f.x_of_y if f is not None and ind.aggregation in ("coverage", "share") else None
    value = f.value if f is not None else None
    target_text = ""
    if a.target is not None:
        target_text = outline.value_text(a.target.value, ind.unit, "sum")
        target_text = f"chỉ tiêu {a.target.period}: {target_text}" + "".join(f", so với {n}" for n in a.notes)
    return {
        "code": ind.code,
        "name": ind.name,
        "unit": ind.unit,
        "aggregation": ind.aggregation,
        "higher_is_better": ind.higher_is_better,
        "value": value,
        "text": outline.value_text(value, ind.unit, ind.aggregation, x_of_y),
        "x_of_y": list(x_of_y) if x_of_y else None,
        "target": a.target.value if a.target is not None else None,
        "target_text": target_text,
        "percent": a.percent,
        "percent_text": outline.percent_text(a.percent, 0) if a.percent is not None else "",
        "last_year": a.last_year,
        "last_year_text": outline.value_text(
            a.last_year, "%" if ind.aggregation == "coverage" else ind.unit, "sum"
        ),
        "recorded": f is not None and f.sources > 0,  # a coverage with nothing recorded lists no one
        "at_risk": bool(a.forecast and a.forecast.at_risk),
        "reason": a.forecast.reason if a.forecast else "",
        "source": f"/chi-tieu/{{code}}/nguon/{ind.code}/?{query}",
    }


def _structure(node: TreeNode) -> dict[str, int]:
    return {
        "directly_under": node.units(OrgKind.DIRECTLY_UNDER),
        "grassroots": node.grassroots,
        "grassroots_committees": node.units(OrgKind.GRASSROOTS_COMMITTEE),
        "grassroots_cells": node.units(OrgKind.GRASSROOTS_CELL),
        "partial_committees": node.units(OrgKind.PARTIAL_COMMITTEE),
        "subordinate_cells": node.units(OrgKind.SUBORDINATE_CELL),
        "members": node.members,
    }


def _parent_name(org: Organisation, on: dt.date) -> str | None:
    link = (
        OrgLink.objects.filter(child=org, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .select_related("parent")
        .first()
    )
    parent = link.parent if link is not None else org.parent
    return parent.name if parent is not None else None


def _province_place(org: Organisation) -> str | None:
    ids = [int(p) for p in org.path.strip("/").split("/") if p.isdigit()]
    top = Organisation.objects.filter(pk__in=ids, kind=OrgKind.PROVINCIAL).first()
    return layout.committee_name(top.name)[4] if top is not None else None


def report_header(
    org: Organisation, period: Period, on: dt.date, number: int | None = None
) -> dict[str, Any]:
    """The header, signature and recipients of `org`'s report: derived words, overridden by its settings."""
    rules = layout.rules_on(on)
    parent_name = _parent_name(org, period.end)
    derived = layout.issuer_for(org.name, org.kind, parent_name, _province_place(org))
    s = ReportSettings.objects.filter(organisation=org).first() or ReportSettings(organisation=org)
    words = {
        field: getattr(s, field) or getattr(derived, field, "")
        for field in ("superior", "body", "symbol_issuer", "place", "authority", "signer_title")
    }
    if org.kind == OrgKind.PROVINCIAL:
        default_recipients = [
            "Ban Bí thư Trung ương Đảng (để b/c)",
            "Ban Tổ chức Trung ương",
            "Văn phòng Trung ương Đảng",
            "Các đồng chí Tỉnh ủy viên",
            "Các đảng bộ trực thuộc",
        ]
    else:
        above, _, _, above_standing, _ = layout.committee_name(parent_name or "")
        above = f"Ban Thường vụ {above}" if above_standing else above
        default_recipients = [f"{above} (để b/c)", "Các tổ chức đảng trực thuộc"]
    recipients = [r for r in s.recipients.splitlines() if r.strip()] or default_recipients
    archive = rules.archive_line.format(body_title=derived.body_title)
    committee, _, _, standing, _ = layout.committee_name(org.name)
    return {
        **words,
        "subject": f"Ban Thường vụ {committee}" if standing else committee,
        "number": number,
        "number_symbol": layout.number_symbol(number, "BC", words["symbol_issuer"]),
        "place_date": layout.date_line(words["place"], on),
        "doc_type": "BÁO CÁO",
        "summary": layout.summary_line(period),
        "signer_name": s.signer_name,
        "recipients": outline.recipients_lines(recipients, archive),
        "end_mark": rules.end_mark,
    }


def _meetings(user: Any, org: Organisation, period: Period) -> list[dict[str, Any]]:
    qs = (
        meetings_visible(user)
        .filter(organiser=org)
        .filter(Q(period=str(period)) | Q(held_on__gte=period.start, held_on__lte=period.end))
    )
    return [
        {
            "title": m.title,
            "held_on": m.held_on.isoformat(),
            "date": f"{m.held_on:%d/%m/%Y}",
            "conclusion": m.conclusion,
        }
        for m in qs.order_by("held_on", "pk")
    ]


def _tasks(user: Any, org: Organisation, period: Period, on: dt.date) -> list[dict[str, Any]]:
    qs = (
        tasks_visible(user)
        .filter(organisation=org, assigned_on__lte=period.end)
        .order_by("assigned_on", "pk")
    )
    out = []
    for t in qs:
        status = t.status_on(on)
        out.append(
            {
                "text": t.text,
                "lead": t.lead_label,
                "deadline": f"{t.deadline:%d/%m/%Y}" if t.deadline else "",
                "status": status.value,
                "status_label": status.label,
                "done": status.value.startswith("done"),
            }
        )
    return out


def _coverage(
    rows: list[dict[str, Any]], achievements: list[Achievement], nodes: dict[int, TreeNode]
) -> list[dict[str, Any]]:
    """For coverage and share indicators: the units that have not done it (or not met it), by name."""
    annex = []
    for row, a in zip(rows, achievements, strict=True):
        f = a.figure
        if f is None or row["aggregation"] not in ("coverage", "share") or not f.unmet or not f.sources:
            continue  # nothing recorded at all: a list of every unit would say nothing
        names = sorted((nodes[i].name for i in f.unmet if i in nodes), key=str.lower)
        annex.append(
            {
                "code": row["code"],
                "title": f"{row['name']}: {len(names)}/{len(f.met) + len(f.unmet)} đơn vị chưa đạt",
                "units": names,
            }
        )
    return annex


def report_draft(
    user: Any, org: Organisation, period: Period, *, view: TreeView = TreeView.WAS, on: dt.date | None = None
) -> dict[str, Any]:
    """The draft content of `org`'s review report for `period`, dated `on` (default today)."""
    on = on or dt.date.today()
    sheet = indicator_sheet(user, period, view)
    node = sheet.node(org.code)
    if node is None:
        raise DomainError(f"{org.name} không có trong cây tổ chức {view.label} của {period.label.lower()}.")
    query = f"period={period}&view={view.value}"
    achievements = [a for a in achievement(user, sheet, node.id, on) if not outline.is_flag(a.indicator.name)]
    rows = [_row(a, query) for a in achievements]
    for r in rows:
        r["source"] = r["source"].replace("{code}", org.code)
    narratives = dict(
        ReportNarrative.objects.filter(organisation=org, period=str(period)).values_list("section", "text")
    )
    sections = list(outline.SECTIONS)
    if any(outline.section_of(r["code"]) == outline.OTHER_SECTION.key for r in rows):
        sections.append(outline.OTHER_SECTION)
    tree_node = tree_snapshot(user, period.end, view).nodes.get(node.id)  # counted as the tree counts them
    structure = _structure(tree_node or node)
    parts = []
    for s in sections:
        figures = [r for r in rows if outline.section_of(r["code"]) == s.key]
        part: dict[str, Any] = {
            "key": s.key,
            "title": s.title,
            "narrative": narratives.get(s.key, ""),
            "figures": figures,
            "sentences": ([outline.structure_sentence(structure)] if s.structure else [])
            + [outline.figure_sentence(r) for r in figures],
            "meetings": [],
            "tasks": [],
        }
        if s.resolutions:
            part["meetings"] = _meetings(user, org, period)
            part["tasks"] = _tasks(user, org, period, on)
            done = sum(1 for t in part["tasks"] if t["done"])
            if part["tasks"]:
                part["sentences"].append(f"Đã hoàn thành {done}/{len(part['tasks'])} nhiệm vụ được giao.")
        parts.append(part)
    unfinished = [t for p in parts for t in p["tasks"] if not t["done"]]
    return {
        "version": CONTENT_VERSION,
        "organisation": {"code": org.code, "name": node.name},
        "period": str(period),
        "period_label": period.label,
        "view": view.value,
        "on": on.isoformat(),
        "rules": layout.rules_on(on).code,
        "header": report_header(org, period, on),
        "structure": structure,
        "structure_text": outline.structure_sentence(structure),
        "part_one": f"Phần thứ nhất – KẾT QUẢ THỰC HIỆN NHIỆM VỤ {layout.period_words(period).upper()}",
        "results_heading": outline.RESULTS_HEADING,
        "sections": parts,
        "shortcomings_heading": outline.SHORTCOMINGS_HEADING,
        "shortcomings": outline.shortcomings(rows),
        "shortcomings_narrative": narratives.get("han_che", ""),
        "part_two": f"Phần thứ hai – PHƯƠNG HƯỚNG, NHIỆM VỤ {layout.next_period_words(period).upper()}",
        "direction_narrative": narratives.get("phuong_huong", ""),
        "carried_tasks": unfinished,
        "annex": _coverage(rows, achievements, sheet.nodes),
    }
