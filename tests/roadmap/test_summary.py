from __future__ import annotations

import pytest

from masterplan.lib.money import rupiah
from programs.models import BudgetLine
from roadmap.models import Activity
from roadmap.summary import plan_summary
from tests import factories

pytestmark = pytest.mark.django_db


def build(plan, count: int) -> None:
    apbd, csr = factories.funding_source("APBD-KAB"), factories.funding_source("CSR")
    for index in range(count):
        element = factories.element("LIV", "HEA") if index % 2 else factories.element("SOC", "LEA")
        programme = factories.programme(plan, element, is_quick_win=index == 0)
        BudgetLine.objects.create(programme=programme, year=2026, funding_source=apbd, amount=100)
        BudgetLine.objects.create(programme=programme, year=2027, funding_source=csr, amount=50)
        Activity.objects.create(programme=programme, name="Sosialisasi", year=2026)


def test_it_sums_the_records_per_dimension_year_and_source():
    plan = factories.make_plan(start_year=2025, end_year=2029)
    build(plan, 4)
    summary = plan_summary(plan)
    by_code = {d.dimension.code: d for d in summary.dimensions}
    assert by_code["LIV"].programmes == 2
    assert by_code["SOC"].programmes == 2
    assert by_code["SOC"].quick_wins == 1
    assert by_code["SOC"].budget == 300
    assert by_code["GOV"].programmes == 0
    assert summary.budget_by_year == {2025: 0, 2026: 400, 2027: 200, 2028: 0, 2029: 0}
    assert summary.budget_by_source == {"APBD-KAB": 400, "CSR": 200}
    assert summary.budget_total == 600
    assert [p.is_quick_win for p in summary.flagships] == [True]


@pytest.mark.smoke
def test_it_issues_the_same_number_of_queries_for_a_small_and_a_large_plan(
    django_assert_num_queries,
):
    small, large = factories.make_plan(), factories.make_plan()
    build(small, 2)
    build(large, 12)
    with django_assert_num_queries(6):
        plan_summary(small)
    with django_assert_num_queries(6):
        plan_summary(large)


def test_it_writes_rupiah_with_dots():
    assert rupiah(1_250_000_000) == "Rp 1.250.000.000"
    assert rupiah(0) == "Rp 0"
    assert rupiah(None) == "–"
