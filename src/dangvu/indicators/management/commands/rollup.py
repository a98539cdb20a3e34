"""`dangvu rollup --period P [--org CODE] [--view as-was|as-now] [--depth N] [--json]`: indicators."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.core.text import vn_number
from dangvu.indicators.selectors import Sheet, achievement, indicator_sheet
from dangvu.organisations.selectors import TreeView
from dangvu.organisations.tree import TreeNode

VIEWS = {"as-was": TreeView.WAS, "as-now": TreeView.NOW, "was": TreeView.WAS, "now": TreeView.NOW}


class _System:
    is_authenticated = True
    is_superuser = True
    is_active = True


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",") if unit == "%" else vn_number(round(value))


class Command(BaseCommand):
    help = "Tổng hợp chỉ tiêu cho một tổ chức và một kỳ (cùng các đơn vị trực thuộc)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="2018-Q1, 2018-H1, 2018-9M, 2018 hoặc 2020-2025")
        parser.add_argument("--org", help="mã tổ chức (mặc định: cấp cao nhất)")
        parser.add_argument("--view", choices=list(VIEWS), default="as-was")
        parser.add_argument("--depth", type=int, default=1, help="số cấp đơn vị trực thuộc in kèm")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            period = Period.parse(opts["period"])
        except DomainError as e:
            raise CommandError(e.message) from e
        user = _System()
        sheet = indicator_sheet(user, period, VIEWS[opts["view"]])
        root = sheet.node(opts["org"]) if opts["org"] else (sheet.roots[0] if sheet.roots else None)
        if root is None:
            raise CommandError(f"Không có tổ chức mã «{opts['org']}» trong kỳ {period}.")
        if opts["json"]:
            data = self._unit(sheet, root, opts["depth"])
            data["targets"] = [
                {
                    "indicator": a.indicator.code,
                    "target": a.target.value if a.target else None,
                    "target_period": a.target.period if a.target else None,
                    "compared": a.compared,
                    "percent": a.percent,
                    "last_year": a.last_year,
                    "forecast": a.forecast.reason if a.forecast else None,
                    "at_risk": a.forecast.at_risk if a.forecast else None,
                }
                for a in achievement(user, sheet, root.id, dt.date.today())
                if a.target
            ]
            out = {
                "period": str(period),
                "period_label": period.label,
                "view": sheet.view.value,
                "unit": data,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{root.name} — {period.label} ({sheet.view.label})")
        for ind in sheet.indicators:
            f = sheet.figure(ind.code, root.id)
            extra = ""
            if f is not None and ind.aggregation == "coverage":
                x, y = f.x_of_y
                extra = f"  ({x}/{y}; chưa: {y - x}/{y})"
            self.stdout.write(f"  {ind.name}: {_fmt(f.value if f else None, ind.unit)} {ind.unit}{extra}")

    def _unit(self, sheet: Sheet, node: TreeNode, depth: int) -> dict[str, Any]:
        figures: dict[str, Any] = {}
        for ind in sheet.indicators:
            f = sheet.figure(ind.code, node.id)
            if f is None:
                continue
            value = f.value
            if value is not None and ind.unit != "%" and float(value).is_integer():
                value = int(value)  # counts print as counts: 98908, not 98908.0
            entry: dict[str, Any] = {"value": value, "unit": ind.unit}
            if ind.aggregation in ("share", "coverage"):
                entry["x"], entry["y"] = f.x_of_y
            figures[ind.code] = entry
        out: dict[str, Any] = {
            "code": node.code,
            "name": node.name,
            "kind": node.kind.value,
            "figures": figures,
        }
        if depth > 0:
            out["children"] = [self._unit(sheet, c, depth - 1) for c in node.children]
        return out
