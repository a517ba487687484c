from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from masterplan.models import AuditEvent, Book, Section
from masterplan.outlines import DEFAULT_BOOKS
from masterplan.services import plan_add_books
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_gives_a_new_cohort_four_books_and_four_stages():
    cohort = factories.CohortFactory(year=2025)
    assert list(cohort.book_templates.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert list(cohort.stages.values_list("number", flat=True)) == [1, 2, 3, 4]
    stage_three = cohort.stages.get(number=3)
    assert set(stage_three.expected_books.values_list("number", flat=True)) == {2, 3}


def test_it_copies_the_cohort_outline_into_a_new_plan():
    cohort = factories.CohortFactory()
    plan = factories.make_plan(cohort=cohort)

    assert [b.number for b in plan.books.all()] == [1, 2, 3, 4]
    for book in plan.books.all():
        templates = book.template.section_templates.all()
        assert book.sections.filter(template__isnull=False).count() >= templates.count()
        assert {s.key for s in book.sections.all()} >= {t.key for t in templates}

    buku1 = plan.books.get(number=1)
    titles = [node.section.title for node in buku1.outline()]
    assert titles[0] == "Pendahuluan"
    assert "Analisis Kesiapan Daerah" in titles


def test_it_expands_per_dimension_chapters_into_one_section_per_dimension():
    plan = factories.make_plan()
    buku2 = plan.books.get(number=2)
    strategy = buku2.sections.get(key="strategi")
    children = list(strategy.children.order_by("order"))
    assert [c.dimension.code for c in children] == ["GOV", "BRD", "ECO", "LIV", "SOC", "ENV"]
    assert all(c.records == "strategies" for c in children)


def test_it_numbers_the_outline_one_level_two_levels_three_levels():
    plan = factories.make_plan()
    buku1 = plan.books.get(number=1)
    numbers = {node.section.key: node.number for root in buku1.outline() for node in root.walk()}
    assert numbers["pendahuluan"] == "1"
    assert numbers["pendahuluan--latar-belakang"] == "1.1"
    assert numbers["kesenjangan-swot--swot--gov"] == "6.2.1"


def test_it_follows_a_cohort_that_configures_three_books():
    cohort = factories.CohortFactory(year=2019)
    cohort.book_templates.filter(number=4).delete()
    plan = factories.make_plan(cohort=cohort)
    assert plan.books.count() == 3


def test_it_adds_only_missing_books_when_asked_again():
    plan = factories.make_plan()
    sections = Section.objects.filter(book__plan=plan).count()
    assert plan_add_books(plan=plan) == []
    assert Book.objects.filter(plan=plan).count() == len(DEFAULT_BOOKS)
    assert Section.objects.filter(book__plan=plan).count() == sections


def test_it_refuses_a_period_shorter_than_five_or_longer_than_ten_years():
    region = factories.RegionFactory()
    cohort = factories.CohortFactory()
    with pytest.raises(ValidationError) as error:
        factories.make_plan(region, cohort, start_year=2025, end_year=2028)
    assert "end_year" in error.value.message_dict
    with pytest.raises(ValidationError):
        factories.make_plan(region, cohort, start_year=2025, end_year=2035)
    assert not region.plans.exists()


def test_it_allows_exactly_five_and_exactly_ten_years():
    cohort = factories.CohortFactory()
    assert factories.make_plan(cohort=cohort, start_year=2025, end_year=2029).years == range(
        2025, 2030
    )
    assert len(factories.make_plan(cohort=cohort, start_year=2025, end_year=2034).years) == 10


def test_it_writes_an_audit_event_when_a_plan_is_created():
    user = factories.UserFactory()
    plan = factories.make_plan(by=user)
    event = AuditEvent.objects.get(target_uuid=plan.uuid)
    assert event.action == "plan.create"
    assert event.actor == user
    assert event.region == plan.region
    assert plan.created_by == user


def test_it_allows_one_plan_per_region_and_cohort():
    plan = factories.make_plan()
    with pytest.raises(ValidationError):
        factories.make_plan(plan.region, plan.cohort)
