"""The books write figures the Indonesian way, through the one money module (HTML only,
no WeasyPrint)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dimensions.models import RegionProfile
from exports.render import build_html
from programs.models import BudgetLine
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = factories.make_plan()
    RegionProfile.objects.create(
        plan=plan, data_year=2023, population=1_250_000, hdi=Decimal("71.50")
    )
    programme = factories.programme(plan, name="Program uji angka")
    BudgetLine.objects.create(
        programme=programme,
        year=2025,
        funding_source=factories.funding_source(),
        amount=11_850_000_000,
    )
    return plan


def test_the_region_profile_prints_numbers_and_the_year_as_a_year(plan):
    html = build_html(plan.books.get(number=1))

    assert '<td class="num">2023</td>' in html
    assert "2.023" not in html
    assert '<td class="num">1.250.000</td>' in html
    assert '<td class="num">71,5</td>' in html


def test_budgets_print_in_juta_and_miliar_with_halves_rounded_up(plan):
    programmes = build_html(plan.books.get(number=2))
    summary = build_html(plan.books.get(number=4))

    assert '<td class="num">11.850</td>' in programmes
    # 11.85 billion: float formatting printed 11,8
    assert '<span class="big">11,9</span>' in summary
