"""The pages cost the same number of queries whatever the size of the plan or cohort."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checks.cohort import PER_PAGE
from dimensions.models import StrategicIssue, Strategy
from masterplan.models import AuditEvent, Cohort, Institution, Plan
from programs.models import BudgetLine, FlagshipIndicator, Indicator, IndicatorTarget
from roadmap.models import Activity, RoadmapEntry
from tests import factories
from tests.checks.builders import clean_plan

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def small_plan(cohort: Cohort) -> Plan:
    """A plan with one record of each kind the checks read."""
    plan = factories.make_plan(factories.RegionFactory(), cohort)
    agency = factories.AgencyFactory(region=plan.region)
    issue = StrategicIssue.objects.create(
        plan=plan, dimension=factories.dimension("GOV"), title="Isu"
    )
    strategy = Strategy.objects.create(
        plan=plan, dimension=factories.dimension("GOV"), strategy="Strategi"
    )
    strategy.issues.add(issue)
    programme = factories.programme(
        plan, lead_agency=agency, is_quick_win=True, quick_win_year=2025
    )
    programme.strategies.add(strategy)
    indicator = Indicator.objects.create(programme=programme, name="Indikator")
    IndicatorTarget.objects.create(indicator=indicator, year=2025, value=1)
    FlagshipIndicator.objects.create(programme=programme, name="X", before="a", after="b")
    BudgetLine.objects.create(
        programme=programme, year=2025, funding_source=factories.funding_source(), amount=5
    )
    RoadmapEntry.objects.create(programme=programme, year=2025, budget=7)
    Activity.objects.create(programme=programme, name="Kegiatan", year=2040, budget=5)
    Institution.objects.create(plan=plan, kind=Institution.Kind.COUNCIL)
    AuditEvent.objects.create(region=plan.region, action="create", target_type="Plan")
    return plan


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def test_the_cohort_dashboard_costs_the_same_for_2_and_for_50_regions(
    client, world, django_assert_num_queries
):
    cohort = factories.CohortFactory(year=2025)
    for _ in range(2):
        small_plan(cohort)
    client.force_login(world.admin)
    urls = [
        reverse("checks:cohort_dashboard", args=[cohort.pk]),
        reverse("checks:cohort_dashboard", args=[cohort.pk]) + "?sort=errors&order=desc",
        reverse("checks:cohort_dashboard_download", args=[cohort.pk, "xlsx"]),
        reverse("checks:cohort_dashboard_download", args=[cohort.pk, "csv"]),
    ]
    small = {url: count_queries(client, url) for url in urls}

    for _ in range(48):
        small_plan(cohort)
    assert Plan.objects.filter(cohort=cohort).count() == 50

    for url in urls:
        with django_assert_num_queries(small[url]):
            response = client.get(url)
        assert response.status_code == 200
    page = client.get(urls[0]).text
    assert page.count('<th scope="row">') == PER_PAGE  # a page of rows, links to the others
    assert "page=2" in page
    last = client.get(urls[0], {"page": 2}).text
    assert last.count('<th scope="row">') == 50 - PER_PAGE


@pytest.mark.parametrize(
    "name",
    [
        "checks:plan_checks",
        "checks:plan_traceability",
        "checks:plan_charts",
    ],
)
def test_the_plan_pages_cost_the_same_for_a_small_and_a_full_plan(client, world, name):
    small = small_plan(world.plan_a.cohort)
    full = clean_plan(cohort=world.plan_a.cohort)
    client.force_login(world.admin)

    assert count_queries(client, reverse(name, args=[small.pk])) == count_queries(
        client, reverse(name, args=[full.pk])
    )


@pytest.mark.parametrize("table", ["program", "rencana-aksi", "peta-jalan"])
def test_the_downloads_cost_the_same_for_a_small_and_a_full_plan(client, world, table):
    small = small_plan(world.plan_a.cohort)
    full = clean_plan(cohort=world.plan_a.cohort)
    client.force_login(world.admin)

    def url(plan):
        return reverse("checks:plan_table_download", args=[plan.pk, table, "xlsx"])

    assert count_queries(client, url(small)) == count_queries(client, url(full))


def test_every_chart_costs_the_same_for_a_small_and_a_full_plan(world):
    from roadmap.charts import CHARTS

    small = small_plan(world.plan_a.cohort)
    full = clean_plan(cohort=world.plan_a.cohort)
    for name, chart in CHARTS.items():
        with CaptureQueriesContext(connection) as few:
            chart(small)
        with CaptureQueriesContext(connection) as many:
            chart(full)
        assert len(few) == len(many), name
