from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from masterplan.models import Plan
from programs.models import BudgetLine, Indicator, IndicatorTarget, Programme
from roadmap.models import Activity, RoadmapEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    plan = factories.make_plan(start_year=2025, end_year=2029)
    return factories.programme(plan)


def test_the_database_refuses_a_plan_period_outside_five_to_ten_years():
    plan = factories.make_plan()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Plan.objects.filter(pk=plan.pk).update(end_year=plan.start_year + 2)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Plan.objects.filter(pk=plan.pk).update(end_year=plan.start_year + 10)


def test_the_database_refuses_negative_budgets(programme):
    source = factories.funding_source()
    with transaction.atomic(), pytest.raises(IntegrityError):
        BudgetLine.objects.create(programme=programme, year=2026, funding_source=source, amount=-1)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Activity.objects.create(programme=programme, name="Sosialisasi", year=2026, budget=-5)
    with transaction.atomic(), pytest.raises(IntegrityError):
        RoadmapEntry.objects.create(programme=programme, year=2026, budget=-5)


def test_validation_refuses_negative_budgets_with_a_field_error(programme):
    line = BudgetLine(
        programme=programme, year=2026, funding_source=factories.funding_source(), amount=-1
    )
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert "amount" in str(error.value) or "__all__" in error.value.message_dict


@pytest.mark.parametrize("model", [Activity, RoadmapEntry, BudgetLine])
def test_validation_refuses_years_outside_the_plan_period(programme, model):
    fields = {"programme": programme, "year": 2031}
    if model is Activity:
        fields["name"] = "Pelatihan"
    if model is BudgetLine:
        fields.update(funding_source=factories.funding_source(), amount=100)
    record = model(**fields)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert error.value.message_dict["year"][0].startswith("Tahun 2031") or "2031" in str(
        error.value
    )
    record.year = 2029
    record.full_clean()


def test_validation_refuses_indicator_targets_outside_the_plan_period(programme):
    indicator = Indicator.objects.create(programme=programme, name="Cakupan layanan", unit="%")
    with pytest.raises(ValidationError):
        IndicatorTarget(indicator=indicator, year=2024, value=10).full_clean()
    IndicatorTarget(indicator=indicator, year=2025, value=10).full_clean()


def test_the_database_refuses_implausible_years(programme):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Activity.objects.create(programme=programme, name="Rapat", year=1990)


def test_the_database_refuses_one_roadmap_cell_twice(programme):
    RoadmapEntry.objects.create(programme=programme, year=2026, target="Uji coba")
    with transaction.atomic(), pytest.raises(IntegrityError):
        RoadmapEntry.objects.create(programme=programme, year=2026, target="Lagi")


def test_the_database_refuses_a_duplicate_programme_code(programme):
    other = factories.programme(programme.plan)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Programme.objects.filter(pk=other.pk).update(code=programme.code)


def test_validation_refuses_an_element_of_another_dimension():
    plan = factories.make_plan()
    record = Programme(plan=plan, element=factories.element("ECO", "IND"), name="X")
    record.full_clean()
    assert record.dimension.code == "ECO"


def test_validation_refuses_an_agency_of_another_region(programme):
    foreign = factories.AgencyFactory()
    activity = Activity(programme=programme, name="Pelatihan", year=2026, agency=foreign)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "agency" in error.value.message_dict
