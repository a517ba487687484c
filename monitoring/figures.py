"""The monitoring figures of one or many plans for a year, in a constant number of queries.

Everything the dashboards, the cohort page and the evaluation report show is computed
here, from the plan's targets and budget lines and the realisations reported against
them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from masterplan.models import Plan
from monitoring.models import (
    BudgetRealisation,
    IndicatorRealisation,
    ProgrammeReport,
    Status,
    achievement,
)
from programs.models import BudgetLine, Indicator, IndicatorTarget, Programme

# A programme is on track from 91 % of its targets: the "sangat tinggi" band of the
# regional performance evaluation scale (Permendagri 86/2017: 91–100 sangat tinggi, 76–90
# tinggi, 66–75 sedang, 51–65 rendah, up to 50 sangat rendah).
ON_TRACK = Decimal(91)
# Of the budget lines of one programme, year and source, the most certain is "planned".
PLANNED_PRIORITY = (BudgetLine.Status.BUDGETED, BudgetLine.Status.INDICATIVE)


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"))


@dataclass
class IndicatorFigure:
    indicator: Indicator
    target: Decimal | None
    realisation: IndicatorRealisation | None

    @property
    def value(self) -> Decimal | None:
        return self.realisation.value if self.realisation else None

    @property
    def lower_is_better(self) -> bool:
        baseline = self.indicator.baseline_value
        return self.target is not None and baseline is not None and self.target < baseline

    @property
    def achievement(self) -> Decimal | None:
        if self.target is None:
            return None
        reached = achievement(
            target=self.target, value=self.value, baseline=self.indicator.baseline_value
        )
        return Decimal(0) if reached is None else reached  # not reported: nothing reached


@dataclass
class ProgrammeFigure:
    programme: Programme
    report: ProgrammeReport | None = None
    indicators: list[IndicatorFigure] = field(default_factory=list)
    planned: int = 0
    allocated: int = 0
    spent: int = 0

    @property
    def status(self) -> str:
        return self.report.status if self.report else Status.NOT_STARTED

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def progress(self) -> Decimal | None:
        """The mean achievement of the indicators that have a target this year."""
        reached = [item.achievement for item in self.indicators if item.target is not None]
        if not reached:
            return None
        return (sum(reached) / len(reached)).quantize(Decimal("0.1"))

    @property
    def absorption(self) -> Decimal | None:
        return percent(self.spent, self.allocated)

    @property
    def behind(self) -> bool:
        if self.status == Status.CANCELLED:
            return False
        if self.status == Status.POSTPONED:
            return True
        return self.progress is not None and self.progress < ON_TRACK


@dataclass
class PlanFigures:
    plan: Plan
    year: int
    programmes: list[ProgrammeFigure]
    # (dimension code, year) -> [planned, allocated, spent], every year of the plan
    by_dimension_year: dict[tuple[str, int], list[int]]

    @property
    def progress(self) -> Decimal | None:
        values = [item.progress for item in self.programmes if item.progress is not None]
        if not values:
            return None
        return (sum(values) / len(values)).quantize(Decimal("0.1"))

    @property
    def planned(self) -> int:
        return sum(item.planned for item in self.programmes)

    @property
    def allocated(self) -> int:
        return sum(item.allocated for item in self.programmes)

    @property
    def spent(self) -> int:
        return sum(item.spent for item in self.programmes)

    @property
    def absorption(self) -> Decimal | None:
        return percent(self.spent, self.allocated)

    @property
    def behind(self) -> list[ProgrammeFigure]:
        return [item for item in self.programmes if item.behind]

    @property
    def reported(self) -> int:
        return sum(1 for item in self.programmes if item.report is not None)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        counts = defaultdict(int)
        for item in self.programmes:
            counts[item.status] += 1
        return [(status.value, status.label, counts[status.value]) for status in Status]

    @property
    def years_so_far(self) -> list[int]:
        """The plan's years up to the one shown: those that can have been implemented."""
        return [year for year in self.plan.years if year <= self.year]

    def dimension_rows(self) -> list[dict]:
        """Budget absorption per dimension and year: the table under the chart."""
        codes = sorted({code for code, _year in self.by_dimension_year})
        rows = []
        for code in codes:
            years = []
            for year in self.years_so_far:
                planned, allocated, spent = self.by_dimension_year.get((code, year), [0, 0, 0])
                years.append(
                    {
                        "year": year,
                        "planned": planned,
                        "allocated": allocated,
                        "spent": spent,
                        "absorption": percent(spent, allocated),
                    }
                )
            rows.append({"dimension": code, "years": years})
        return rows


def planned_amounts(lines) -> dict[tuple[int, int, int], int]:
    """(programme id, year, source id) -> planned Rupiah, from budget line values."""
    best: dict[tuple[int, int, int], tuple[int, int]] = {}
    for programme_id, year, source_id, status, amount in lines:
        rank = PLANNED_PRIORITY.index(status) if status in PLANNED_PRIORITY else 99
        key = (programme_id, year, source_id)
        if rank == 99:
            continue
        if key not in best or rank < best[key][0]:
            best[key] = (rank, amount)
    return {key: amount for key, (_rank, amount) in best.items()}


def plans_figures(plans: Sequence[Plan], year: int) -> dict[int, PlanFigures]:
    """Plan id -> its figures for the year (eight queries, whatever the number of plans)."""
    plan_ids = [plan.pk for plan in plans]
    programmes = list(
        Programme.objects.filter(plan__in=plan_ids)
        .select_related("dimension", "lead_agency")
        .order_by("plan", "dimension__order", "code")
    )
    by_programme = {p.pk: ProgrammeFigure(programme=p) for p in programmes}
    indicators = Indicator.objects.filter(programme__plan__in=plan_ids).order_by(
        "programme", "order", "pk"
    )
    targets = dict(
        IndicatorTarget.objects.filter(
            indicator__programme__plan__in=plan_ids, year=year
        ).values_list("indicator_id", "value")
    )
    realisations = {
        r.indicator_id: r
        for r in IndicatorRealisation.objects.filter(
            indicator__programme__plan__in=plan_ids, year=year
        )
    }
    for indicator in indicators:
        by_programme[indicator.programme_id].indicators.append(
            IndicatorFigure(
                indicator=indicator,
                target=targets.get(indicator.pk),
                realisation=realisations.get(indicator.pk),
            )
        )
    for report in ProgrammeReport.objects.filter(programme__plan__in=plan_ids, year=year):
        by_programme[report.programme_id].report = report

    dimension_of = {p.pk: p.dimension.code for p in programmes}
    by_dimension_year: dict[int, dict[tuple[str, int], list[int]]] = defaultdict(dict)
    plan_of = {p.pk: p.plan_id for p in programmes}

    def cell(programme_id: int, row_year: int) -> list[int]:
        table = by_dimension_year[plan_of[programme_id]]
        return table.setdefault((dimension_of[programme_id], row_year), [0, 0, 0])

    lines = BudgetLine.objects.filter(programme__plan__in=plan_ids).values_list(
        "programme_id", "year", "funding_source_id", "status", "amount"
    )
    for (programme_id, row_year, _source), amount in planned_amounts(lines).items():
        cell(programme_id, row_year)[0] += amount
        if row_year == year:
            by_programme[programme_id].planned += amount
    spending = (
        BudgetRealisation.objects.filter(programme__plan__in=plan_ids)
        .values_list("programme_id", "year")
        .annotate(allocated=Sum("allocated"), spent=Sum("spent"))
        .order_by()
    )
    for programme_id, row_year, allocated, spent in spending:
        totals = cell(programme_id, row_year)
        totals[1] += allocated
        totals[2] += spent
        if row_year == year:
            by_programme[programme_id].allocated += allocated
            by_programme[programme_id].spent += spent

    grouped: dict[int, list[ProgrammeFigure]] = defaultdict(list)
    for programme in programmes:
        grouped[programme.plan_id].append(by_programme[programme.pk])
    return {
        plan.pk: PlanFigures(
            plan=plan,
            year=year,
            programmes=grouped[plan.pk],
            by_dimension_year=by_dimension_year[plan.pk],
        )
        for plan in plans
    }


def plan_figures(plan: Plan, year: int) -> PlanFigures:
    return plans_figures([plan], year)[plan.pk]


def monitoring_year(plan: Plan, requested: str | int | None) -> int:
    """The year a page shows: the one asked for when it is a year of the plan, else the
    last year that has begun (the plan's first year before it starts)."""
    from django.utils import timezone

    years = list(plan.years)
    try:
        year = int(requested) if requested else None
    except (TypeError, ValueError):
        year = None
    if year in years:
        return year
    this_year = timezone.localdate().year
    return min(max(this_year, years[0]), years[-1])
