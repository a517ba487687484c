"""Traceability of a plan: per dimension, strategic issue → strategy → programme →
activities and roadmap years, flattened into table rows with row spans.

A missing link is a gap: an issue no strategy answers, a strategy no programme
carries out, a programme with no strategy, or a programme with neither roadmap
years nor activities. Eight queries, whatever the size of the plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from dimensions.models import Dimension, StrategicIssue, Strategy
from masterplan.models import Plan
from programs.models import Programme
from roadmap.models import Activity
from roadmap.rows import roadmap_rows


@dataclass
class YearCell:
    year: int
    roadmap: bool
    activities: int

    @property
    def empty(self) -> bool:
        return not self.roadmap and not self.activities


@dataclass
class TraceRow:
    issue: StrategicIssue | None = None
    issue_span: int = 0  # 0: the cell of a row above spans this one
    strategy: Strategy | None = None
    strategy_span: int = 0
    programme: Programme | None = None
    years: list[YearCell] = field(default_factory=list)
    first_of_issue: bool = False
    # which link is missing on this row: "strategy", "programme" or ""
    gap: str = ""
    untraced: bool = False  # strategy or programme answering no issue / strategy

    @property
    def unscheduled(self) -> bool:
        """A programme with neither roadmap years nor activities."""
        return self.programme is not None and all(cell.empty for cell in self.years)

    @property
    def has_gap(self) -> bool:
        return bool(self.gap) or self.unscheduled


@dataclass
class DimensionTrace:
    dimension: Dimension
    rows: list[TraceRow]

    @property
    def gaps(self) -> int:
        # a dimension with nothing at all is one gap, the biggest
        return sum(1 for row in self.rows if row.has_gap) if self.rows else 1


def trace_plan(plan: Plan) -> list[DimensionTrace]:
    issues = list(
        StrategicIssue.objects.filter(plan=plan)
        .only("pk", "uuid", "dimension_id", "title")
        .order_by("order", "pk")
    )
    strategies = {
        s.pk: s
        for s in Strategy.objects.filter(plan=plan)
        .only("pk", "uuid", "dimension_id", "element_id", "strategy")
        .order_by("order", "pk")
    }
    programmes = {
        p.pk: p
        for p in Programme.objects.filter(plan=plan)
        .only("pk", "uuid", "code", "name", "dimension_id", "is_quick_win", "is_flagship")
        .order_by("code")
    }
    strategies_of_issue: dict[int, list[int]] = defaultdict(list)
    for strategy_id, issue_id in Strategy.issues.through.objects.filter(
        strategy__plan=plan
    ).values_list("strategy_id", "strategicissue_id"):
        strategies_of_issue[issue_id].append(strategy_id)
    programmes_of_strategy: dict[int, list[int]] = defaultdict(list)
    for programme_id, strategy_id in Programme.strategies.through.objects.filter(
        programme__plan=plan
    ).values_list("programme_id", "strategy_id"):
        programmes_of_strategy[strategy_id].append(programme_id)

    roadmap_years: dict[int, set[int]] = defaultdict(set)
    for programme_id, row in roadmap_rows(Programme.objects.filter(plan=plan)).items():
        roadmap_years[programme_id].update(
            year for year, cell in row.cells.items() if cell.target or cell.budget is not None
        )
    activity_counts: dict[tuple[int, int], int] = {
        (row["programme_id"], row["year"]): row["n"]
        for row in Activity.objects.filter(programme__plan=plan)
        .values("programme_id", "year")
        .annotate(n=Count("pk"))
    }

    def programme_row(programme: Programme) -> TraceRow:
        years = [
            YearCell(
                year,
                year in roadmap_years[programme.pk],
                activity_counts.get((programme.pk, year), 0),
            )
            for year in plan.years
        ]
        return TraceRow(programme=programme, years=years)

    def strategy_rows(strategy: Strategy) -> list[TraceRow]:
        ids = sorted(programmes_of_strategy[strategy.pk], key=lambda pk: programmes[pk].code)
        rows = [programme_row(programmes[pk]) for pk in ids] or [TraceRow(gap="programme")]
        rows[0].strategy, rows[0].strategy_span = strategy, len(rows)
        return rows

    traced_strategies = {pk for ids in strategies_of_issue.values() for pk in ids}
    traced_programmes = {pk for ids in programmes_of_strategy.values() for pk in ids}
    result = []
    for dimension in plan.framework.dimensions.order_by("order"):
        rows: list[TraceRow] = []
        for issue in (i for i in issues if i.dimension_id == dimension.pk):
            group: list[TraceRow] = []
            for strategy_id in strategies_of_issue[issue.pk]:
                group.extend(strategy_rows(strategies[strategy_id]))
            if not group:
                group = [TraceRow(gap="strategy", strategy_span=1)]
            group[0].issue, group[0].issue_span, group[0].first_of_issue = issue, len(group), True
            rows.extend(group)
        loose_strategies = [
            s
            for s in strategies.values()
            if s.dimension_id == dimension.pk and s.pk not in traced_strategies
        ]
        for strategy in loose_strategies:
            group = strategy_rows(strategy)
            group[0].issue_span, group[0].first_of_issue, group[0].untraced = len(group), True, True
            rows.extend(group)
        for programme in programmes.values():
            if programme.dimension_id == dimension.pk and programme.pk not in traced_programmes:
                row = programme_row(programme)
                row.issue_span = row.strategy_span = 1
                row.first_of_issue = row.untraced = True
                row.gap = "strategy"
                rows.append(row)
        result.append(DimensionTrace(dimension=dimension, rows=rows))
    return result
