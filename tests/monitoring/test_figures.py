"""The monitoring figures equal sums computed here, independently, from the records."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.figures import plan_figures, plans_figures
from monitoring.models import (
    BudgetRealisation,
    IndicatorRealisation,
    ProgrammeReport,
    achievement,
)
from programs.models import BudgetLine, IndicatorTarget
from tests import factories
from tests.monitoring.builders import YEAR, reported_programme

pytestmark = pytest.mark.django_db


def test_it_counts_achievement_towards_the_target_and_down_for_lower_is_better():
    assert achievement(target=Decimal(20), value=Decimal(10), baseline=Decimal(0)) == 50
    assert achievement(target=Decimal(20), value=Decimal(30), baseline=None) == 100
    # 10 days down to 2: 4 days is 6 of the 8 days, 75 %
    assert achievement(target=Decimal(2), value=Decimal(4), baseline=Decimal(10)) == 75
    assert achievement(target=Decimal(2), value=Decimal(1), baseline=Decimal(10)) == 100
    assert achievement(target=Decimal(2), value=Decimal(12), baseline=Decimal(10)) == 0
    assert achievement(target=Decimal(5), value=None, baseline=None) is None


def test_the_figures_equal_independent_sums(world):
    plan = world.plan_a
    first = reported_programme(plan, 1)
    second = reported_programme(plan, 2, dimension=("ECO", "IND"))
    ProgrammeReport.objects.filter(programme=first, year=YEAR).update(
        status="tertunda", reason="Menunggu anggaran"
    )
    figures = plan_figures(plan, YEAR)

    spent = sum(
        BudgetRealisation.objects.filter(programme__plan=plan, year=YEAR).values_list(
            "spent", flat=True
        )
    )
    allocated = sum(
        BudgetRealisation.objects.filter(programme__plan=plan, year=YEAR).values_list(
            "allocated", flat=True
        )
    )
    assert (figures.spent, figures.allocated) == (spent, allocated) == (140, 240)
    assert figures.absorption == Decimal("58.3")
    # planned: the budgeted APBD line (80) wins over the indicative one (100), plus APBN 50
    assert figures.planned == 2 * (80 + 50)
    assert BudgetLine.objects.filter(programme__plan=plan, year=YEAR).count() == 6

    # each programme: (50 + 75) / 2
    assert [item.progress for item in figures.programmes] == [Decimal("62.5")] * 2
    assert figures.progress == Decimal("62.5")
    assert {item.programme for item in figures.behind} == {first, second}
    assert dict((v, n) for v, _label, n in figures.status_counts)["tertunda"] == 1

    rows = {row["dimension"]: row["years"] for row in figures.dimension_rows()}
    by_year = {cell["year"]: cell for cell in rows["GOV"]}
    assert (by_year[YEAR - 1]["spent"], by_year[YEAR - 1]["absorption"]) == (30, 100)
    assert (by_year[YEAR]["allocated"], by_year[YEAR]["spent"]) == (120, 70)
    assert by_year[YEAR]["planned"] == 130


def test_an_indicator_without_a_report_counts_as_nothing_reached(world):
    programme = reported_programme(world.plan_a, 1)
    IndicatorRealisation.objects.filter(indicator__programme=programme).first().delete()
    item = plan_figures(world.plan_a, YEAR).programmes[0]
    assert sorted(row.achievement for row in item.indicators) == [0, 75]
    assert item.progress == Decimal("37.5")


def test_a_cancelled_programme_is_not_behind_and_one_without_targets_has_no_progress(world):
    programme = reported_programme(world.plan_a, 1)
    ProgrammeReport.objects.filter(programme=programme).update(
        status="dibatalkan", reason="Diganti program lain"
    )
    assert plan_figures(world.plan_a, YEAR).behind == []
    IndicatorTarget.objects.filter(indicator__programme=programme).delete()
    assert plan_figures(world.plan_a, YEAR).programmes[0].progress is None


def test_the_cohort_figures_keep_each_plan_to_itself(world):
    reported_programme(world.plan_a, 1)
    figures = plans_figures([world.plan_a, world.plan_b], YEAR)
    assert len(figures[world.plan_a.pk].programmes) == 1
    assert figures[world.plan_b.pk].programmes == []
    assert figures[world.plan_b.pk].progress is None


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def test_the_dashboards_cost_the_same_queries_for_one_programme_and_for_ten(client, world):
    plan = world.plan_a
    reported_programme(plan, 0)
    client.force_login(world.editor_a)
    dashboard = reverse("monitoring:monitoring_dashboard", args=[plan.pk]) + f"?tahun={YEAR}"
    client.get(dashboard)  # warm the session and the caches
    small = _queries(client, dashboard)
    client.force_login(world.admin)
    cohort = reverse("monitoring:cohort_monitoring", args=[plan.cohort_id]) + f"?tahun={YEAR}"
    client.get(cohort)
    cohort_small = _queries(client, cohort)
    for number in range(1, 10):
        reported_programme(plan, number, agency=factories.AgencyFactory(region=plan.region))
    other = factories.make_plan(factories.RegionFactory(), plan.cohort)
    reported_programme(other, 1)
    assert _queries(client, cohort) == cohort_small
    client.force_login(world.editor_a)
    assert _queries(client, dashboard) == small
