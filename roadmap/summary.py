"""Figures computed from the plan's records, for Buku 4 and the dashboards.

Nothing here is stored: Buku 4 shows these numbers, so they can never drift from
the programmes, budget lines and roadmap they summarise. Each function issues a
fixed number of queries whatever the size of the plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from dimensions.models import Dimension
from masterplan.models import Plan
from programs.models import BudgetLine, Programme
from roadmap.models import Activity


@dataclass
class DimensionSummary:
    dimension: Dimension
    programmes: int = 0
    flagships: int = 0
    quick_wins: int = 0
    activities: int = 0
    budget: int = 0
    budget_by_year: dict[int, int] = field(default_factory=dict)


@dataclass
class PlanSummary:
    plan: Plan
    dimensions: list[DimensionSummary]
    budget_by_year: dict[int, int]
    budget_by_source: dict[str, int]
    flagships: list[Programme]

    @property
    def budget_total(self) -> int:
        return sum(self.budget_by_year.values())

    @property
    def programme_total(self) -> int:
        return sum(d.programmes for d in self.dimensions)


def plan_summary(plan: Plan) -> PlanSummary:
    dimensions = {d.pk: DimensionSummary(d) for d in plan.framework.dimensions.order_by("order")}
    counts = (
        Programme.objects.filter(plan=plan)
        .values("dimension")
        .annotate(
            total=Count("pk"),
            flagships=Count("pk", filter=Q(is_flagship=True)),
            quick_wins=Count("pk", filter=Q(is_quick_win=True)),
        )
    )
    for row in counts:
        summary = dimensions[row["dimension"]]
        summary.programmes = row["total"]
        summary.flagships = row["flagships"]
        summary.quick_wins = row["quick_wins"]
    activities = (
        Activity.objects.filter(programme__plan=plan)
        .values("programme__dimension")
        .annotate(total=Count("pk"))
    )
    for row in activities:
        dimensions[row["programme__dimension"]].activities = row["total"]

    by_year: dict[int, int] = defaultdict(int)
    lines = (
        BudgetLine.objects.filter(programme__plan=plan)
        .values("programme__dimension", "year")
        .annotate(total=Sum("amount"))
    )
    for row in lines:
        summary = dimensions[row["programme__dimension"]]
        summary.budget += row["total"]
        summary.budget_by_year[row["year"]] = row["total"]
        by_year[row["year"]] += row["total"]
    by_source = {
        row["funding_source__code"]: row["total"]
        for row in BudgetLine.objects.filter(programme__plan=plan)
        .values("funding_source__code", "funding_source__order")
        .annotate(total=Sum("amount"))
        .order_by("funding_source__order")
    }
    flagships = list(
        Programme.objects.filter(plan=plan)
        .flagships()
        .select_related("element__dimension", "lead_agency")
        .order_by("dimension__order", "code")
    )
    return PlanSummary(
        plan=plan,
        dimensions=list(dimensions.values()),
        budget_by_year={year: by_year.get(year, 0) for year in plan.years},
        budget_by_source=by_source,
        flagships=flagships,
    )
