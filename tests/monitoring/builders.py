"""Programmes with targets, budget lines and what was realised, for the monitoring tests."""

from __future__ import annotations

from decimal import Decimal

from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from programs.models import BudgetLine, Indicator, IndicatorTarget
from tests import factories

YEAR = 2026


def reported_programme(plan, number: int, *, agency=None, dimension=("GOV", "SRV")):
    """A programme whose indicators reach 50 % and 100 % of their targets, with two
    funding sources allocated and partly spent."""
    programme = factories.programme(
        plan, factories.element(*dimension), name=f"Program {number}", lead_agency=agency
    )
    up = Indicator.objects.create(
        programme=programme, name="Desa terhubung", unit="desa", baseline_value=Decimal(0)
    )
    IndicatorTarget.objects.create(indicator=up, year=YEAR, value=Decimal(20))
    IndicatorRealisation.objects.create(indicator=up, year=YEAR, value=Decimal(10))
    # less is better: 10 days down to 2; 4 days reached is 75 % of the way
    down = Indicator.objects.create(
        programme=programme, name="Lama layanan", unit="hari", baseline_value=Decimal(10)
    )
    IndicatorTarget.objects.create(indicator=down, year=YEAR, value=Decimal(2))
    IndicatorRealisation.objects.create(indicator=down, year=YEAR, value=Decimal(4))
    apbd = factories.funding_source("APBD-KAB")
    apbn = factories.funding_source("APBN")
    BudgetLine.objects.create(programme=programme, year=YEAR, funding_source=apbd, amount=100)
    BudgetLine.objects.create(
        programme=programme, year=YEAR, funding_source=apbd, amount=80, status="budgeted"
    )
    BudgetLine.objects.create(programme=programme, year=YEAR, funding_source=apbn, amount=50)
    BudgetRealisation.objects.create(
        programme=programme, year=YEAR, funding_source=apbd, allocated=80, spent=60
    )
    BudgetRealisation.objects.create(
        programme=programme, year=YEAR, funding_source=apbn, allocated=40, spent=10
    )
    BudgetRealisation.objects.create(
        programme=programme, year=YEAR - 1, funding_source=apbd, allocated=30, spent=30
    )
    ProgrammeReport.objects.create(
        programme=programme, year=YEAR, status="berjalan", evaluation_level="output"
    )
    return programme
