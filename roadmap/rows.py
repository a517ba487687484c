"""A programme's roadmap row, derived from what the editor already entered.

The roadmap is not typed twice: a year of a programme's row shows the targets of its
indicators in that year, the sum of its budget lines and its activities. What the
editor types in the row itself (a ``RoadmapEntry``: target text, amount, note) comes
first. The roadmap grid, the Gantt chart, the PDF and the plan checks all read rows
from here, so none of them says "no roadmap years" about a programme whose years were
just entered as targets, budget lines or activities.

``roadmap_rows(programmes)`` costs four queries whatever the number of programmes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from masterplan.lib.money import number
from masterplan.lib.ordering import sibling_order
from programs.models import BudgetLine, IndicatorTarget
from roadmap.models import Activity, RoadmapEntry


@dataclass
class RoadmapCell:
    year: int
    entry: RoadmapEntry | None = None
    targets: list[str] = field(default_factory=list)
    line_total: int | None = None
    activities: int = 0

    @property
    def target(self) -> str:
        """The typed target, else the indicators' targets of the year."""
        if self.entry is not None and self.entry.target:
            return self.entry.target
        return "; ".join(self.targets)

    @property
    def budget(self) -> int | None:
        """The typed amount, else the sum of the year's budget lines."""
        if self.entry is not None and self.entry.budget is not None:
            return self.entry.budget
        return self.line_total

    @property
    def target_derived(self) -> bool:
        return bool(self.targets) and not (self.entry is not None and self.entry.target)

    @property
    def budget_derived(self) -> bool:
        return self.line_total is not None and not (
            self.entry is not None and self.entry.budget is not None
        )

    @property
    def note(self) -> str:
        return self.entry.note if self.entry is not None else ""

    @property
    def typed_budget_differs(self) -> bool:
        """An amount typed in the roadmap that the budget lines do not add up to."""
        return (
            self.entry is not None
            and self.entry.budget is not None
            and self.entry.budget != (self.line_total or 0)
        )

    def __bool__(self) -> bool:
        return bool(
            self.target or self.budget is not None or self.activities or self.note or self.entry
        )


@dataclass
class RoadmapRow:
    programme_id: int
    cells: dict[int, RoadmapCell] = field(default_factory=dict)

    def cell(self, year: int) -> RoadmapCell:
        return self.cells.get(year) or RoadmapCell(year=year)

    @property
    def years(self) -> list[int]:
        """The years in which the programme has anything: target, money or activity."""
        return sorted(year for year, cell in self.cells.items() if cell)

    @property
    def total(self) -> int:
        return sum(cell.budget or 0 for cell in self.cells.values())

    def over(self, years) -> list[RoadmapCell]:
        return [self.cell(year) for year in years]


def _target_text(name: str, value, unit: str) -> str:
    text = f"{name} {number(value)}"
    return f"{text} {unit}".strip() if unit else text


def roadmap_rows(programmes) -> dict[int, RoadmapRow]:
    """Programme id → its roadmap row, for a queryset (or list of ids) of programmes."""
    rows: dict[int, RoadmapRow] = defaultdict(lambda: RoadmapRow(programme_id=0))

    def cell(programme_id: int, year: int) -> RoadmapCell:
        row = rows[programme_id]
        row.programme_id = programme_id
        if year not in row.cells:
            row.cells[year] = RoadmapCell(year=year)
        return row.cells[year]

    for entry in RoadmapEntry.objects.filter(programme__in=programmes):
        cell(entry.programme_id, entry.year).entry = entry
    targets = (
        IndicatorTarget.objects.filter(indicator__programme__in=programmes)
        .values_list(
            "indicator__programme_id", "year", "indicator__name", "value", "indicator__unit"
        )
        .order_by("indicator__programme_id", "year", "indicator__order", "indicator_id")
    )
    for programme_id, year, name, value, unit in targets:
        cell(programme_id, year).targets.append(_target_text(name, value, unit))
    lines = (
        BudgetLine.objects.filter(programme__in=programmes)
        .values_list("programme_id", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for programme_id, year, total in lines:
        cell(programme_id, year).line_total = total
    activities = (
        Activity.objects.filter(programme__in=programmes)
        .values_list("programme_id", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for programme_id, year, count in activities:
        cell(programme_id, year).activities = count
    return dict(rows)


def row_from_loaded(programme, indicators, budget_lines, entries=None) -> RoadmapRow:
    """One programme's row from what its page has already loaded (its indicators with their
    targets, its budget lines, its prefetched activities): the same row as
    ``roadmap_rows([programme.pk])`` with one query (the typed entries) instead of four."""
    row = RoadmapRow(programme_id=programme.pk)

    def cell(year: int) -> RoadmapCell:
        if year not in row.cells:
            row.cells[year] = RoadmapCell(year=year)
        return row.cells[year]

    if entries is None:
        entries = RoadmapEntry.objects.filter(programme=programme).order_by(
            *sibling_order(RoadmapEntry, "programme")
        )
    for entry in entries:
        cell(entry.year).entry = entry
    # the indicators come in their order (order, pk): within a year, as the query sorts them
    for indicator in indicators:
        for target in indicator.targets.all():
            cell(target.year).targets.append(
                _target_text(indicator.name, target.value, indicator.unit)
            )
    for line in budget_lines:
        year_cell = cell(line.year)
        year_cell.line_total = (year_cell.line_total or 0) + line.amount
    for activity in programme.activities.all():
        cell(activity.year).activities += 1
    return row


def row_of(rows: dict[int, RoadmapRow], programme_id: int) -> RoadmapRow:
    return rows.get(programme_id) or RoadmapRow(programme_id=programme_id)
