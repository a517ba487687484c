"""Tables for download (XLSX and CSV): a plan's programme list, action plan and
roadmap matrix, and the cohort dashboard.

A builder reads the records with a fixed number of queries and returns a ``Table``;
``checks.spreadsheets`` writes any table as XLSX or CSV, so both formats always
carry the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from masterplan.lib import money
from masterplan.models import Plan
from programs.models import Indicator, Programme
from roadmap.models import Activity
from roadmap.rows import roadmap_rows

TEXT = "text"
MONEY = "money"
NUMBER = "number"
PERCENT = "percent"
DATETIME = "datetime"

ITEM = ""
DIMENSION = "dimension"
ELEMENT = "element"
TOTAL = "total"


@dataclass
class Column:
    label: str
    kind: str = TEXT
    width: int = 14
    group: str = ""  # consecutive columns of one group share a header above theirs


@dataclass
class Row:
    values: list[Any]
    level: str = ITEM


@dataclass
class Table:
    title: str
    filename: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    sheet: str = ""

    @property
    def has_groups(self) -> bool:
        return any(column.group for column in self.columns)

    def column_total(self, index: int) -> int:
        """Sum of one column over the item rows (what the total row must show)."""
        return sum(row.values[index] or 0 for row in self.rows if row.level == ITEM)


def _yes(value: bool) -> str:
    return _("yes") if value else ""


def _stem(plan: Plan, what: str) -> str:
    return f"{what}-{plan.region.slug}-{plan.start_year}-{plan.end_year}"


def programme_table(plan: Plan) -> Table:
    programmes = (
        Programme.objects.filter(plan=plan)
        .select_related("dimension", "element", "horizon", "lead_agency")
        .prefetch_related("supporting_agencies")
        .annotate(budget_sum=Sum("budget_lines__amount"))
        .order_by("dimension__order", "element__order", "code")
    )
    table = Table(
        title=_("Programmes of %(plan)s") % {"plan": plan.title},
        filename=_stem(plan, "program"),
        sheet=_("Programmes"),
        columns=[
            Column(_("Code"), width=12),
            Column(_("Programme"), width=48),
            Column(_("Dimension"), width=20),
            Column(_("Element"), width=30),
            Column(_("Horizon"), width=14),
            Column(_("Priority"), width=10),
            Column(_("Flagship"), width=9),
            Column(_("Quick win"), width=9),
            Column(_("Quick-win year"), NUMBER, width=9),
            Column(_("Lead agency"), width=30),
            Column(_("Supporting agencies"), width=36),
            Column(_("Budget %(period)s (Rp)") % {"period": plan.period}, MONEY, width=18),
        ],
    )
    for p in programmes:
        table.rows.append(
            Row(
                [
                    p.code,
                    p.name,
                    p.dimension.name,
                    p.element.name,
                    p.horizon.name if p.horizon else "",
                    p.get_priority_display(),
                    _yes(p.is_flagship),
                    _yes(p.is_quick_win),
                    p.quick_win_year,
                    p.lead_agency.name if p.lead_agency else "",
                    ", ".join(a.acronym or a.name for a in p.supporting_agencies.all()),
                    p.budget_sum or 0,
                ]
            )
        )
    total = table.column_total(len(table.columns) - 1)
    table.rows.append(Row([_("Total"), *[""] * (len(table.columns) - 2), total], TOTAL))
    return table


def action_plan_table(plan: Plan) -> Table:
    activities = (
        Activity.objects.filter(programme__plan=plan)
        .select_related("programme", "agency", "funding_source")
        .order_by(
            "programme__dimension__order",
            "programme__element__order",
            "programme__code",
            "year",
            "quarter",
            "order",
        )
    )
    table = Table(
        title=_("Action plan of %(plan)s") % {"plan": plan.title},
        filename=_stem(plan, "rencana-aksi"),
        sheet=_("Action plan"),
        columns=[
            Column(_("Code"), width=12),
            Column(_("Programme"), width=40),
            Column(_("Activity"), width=48),
            Column(_("Year"), NUMBER, width=7),
            Column(_("Quarter"), width=8),
            Column(_("Output"), width=36),
            Column(_("Agency"), width=28),
            Column(_("Funding source"), width=22),
            Column(_("Budget (Rp)"), MONEY, width=18),
        ],
    )
    for a in activities:
        table.rows.append(
            Row(
                [
                    a.programme.code,
                    a.programme.name,
                    a.name,
                    a.year,
                    a.get_quarter_display() if a.quarter else "",
                    a.output,
                    a.agency.name if a.agency else "",
                    a.funding_source.name if a.funding_source else "",
                    a.budget,
                ]
            )
        )
    total = table.column_total(len(table.columns) - 1)
    table.rows.append(Row([_("Total"), *[""] * (len(table.columns) - 2), total], TOTAL))
    return table


def roadmap_table(plan: Plan) -> Table:
    """The RPJMD-style matrix: rows grouped dimension → element → programme, per year a
    target and an amount, then the total and the lead agency."""
    programmes = list(
        Programme.objects.filter(plan=plan)
        .select_related("dimension", "element", "lead_agency")
        .order_by("dimension__order", "element__order", "code")
    )
    # the typed cells over what targets and budget lines say (roadmap.rows)
    entries = {
        (programme_id, year): cell
        for programme_id, row in roadmap_rows(Programme.objects.filter(plan=plan)).items()
        for year, cell in row.cells.items()
    }
    first_indicator: dict[int, Indicator] = {}
    for indicator in Indicator.objects.filter(programme__plan=plan).order_by(
        "programme", "order", "pk"
    ):
        first_indicator.setdefault(indicator.programme_id, indicator)

    years = list(plan.years)
    columns = [
        Column(_("Code"), width=12),
        Column(_("Dimension / element / programme"), width=44),
        Column(_("Performance indicator"), width=32),
        Column(_("Baseline"), width=12),
    ]
    for year in years:
        columns.append(Column(_("Target"), width=16, group=str(year)))
        columns.append(Column(_("Rp"), MONEY, width=15, group=str(year)))
    columns.append(Column(_("Total (Rp)"), MONEY, width=17))
    columns.append(Column(_("Lead agency"), width=28))
    table = Table(
        title=_("Roadmap of %(plan)s") % {"plan": plan.title},
        filename=_stem(plan, "peta-jalan"),
        sheet=_("Roadmap"),
        columns=columns,
    )

    def sums(group: list[Programme]) -> list[int]:
        by_year = defaultdict(int)
        for p in group:
            for year in years:
                entry = entries.get((p.pk, year))
                by_year[year] += (entry.budget or 0) if entry else 0
        return [by_year[year] for year in years]

    def subtotal_row(code: str, label: str, group: list[Programme], level: str) -> Row:
        amounts = sums(group)
        cells: list[Any] = []
        for amount in amounts:
            cells += ["", amount]
        return Row([code, label, "", "", *cells, sum(amounts), ""], level)

    by_dimension: dict[int, list[Programme]] = defaultdict(list)
    for p in programmes:
        by_dimension[p.dimension_id].append(p)
    for group in by_dimension.values():
        dimension = group[0].dimension
        table.rows.append(subtotal_row(dimension.code, dimension.name, group, DIMENSION))
        by_element: dict[int, list[Programme]] = defaultdict(list)
        for p in group:
            by_element[p.element_id].append(p)
        for element_group in by_element.values():
            element = element_group[0].element
            table.rows.append(
                subtotal_row(
                    f"{dimension.code}-{element.code}", element.name, element_group, ELEMENT
                )
            )
            for p in element_group:
                indicator = first_indicator.get(p.pk)
                cells = []
                total = 0
                for year in years:
                    entry = entries.get((p.pk, year))
                    cells += [entry.target if entry else "", entry.budget if entry else None]
                    total += (entry.budget or 0) if entry else 0
                table.rows.append(
                    Row(
                        [
                            p.code,
                            p.name,
                            f"{indicator.name} ({indicator.unit})"
                            if indicator and indicator.unit
                            else (indicator.name if indicator else ""),
                            _baseline(indicator),
                            *cells,
                            total,
                            p.lead_agency.name if p.lead_agency else "",
                        ]
                    )
                )
    grand = subtotal_row(_("Total"), "", programmes, TOTAL)
    table.rows.append(grand)
    return table


def _baseline(indicator: Indicator | None) -> str:
    if indicator is None or indicator.baseline_value is None:
        return ""
    value_text = money.number(indicator.baseline_value)
    return f"{value_text} ({indicator.baseline_year})" if indicator.baseline_year else value_text


PLAN_TABLES = {
    "program": programme_table,
    "rencana-aksi": action_plan_table,
    "peta-jalan": roadmap_table,
}
