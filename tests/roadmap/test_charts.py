"""The charts are valid, self-contained SVG built from the plan's records."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils.translation import gettext

from dimensions.models import PillarAspect, Rating, ReadinessAssessment
from programs.models import BudgetLine, Programme
from roadmap.charts import (
    CHARTS,
    budget_by_dimension_svg,
    budget_by_source_svg,
    gantt_svg,
    programmes_per_element_svg,
    readiness_svg,
)
from tests import factories
from tests.checks.builders import clean_plan

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> str:
    return " ".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


@pytest.fixture
def plan():
    return clean_plan()


def test_the_api_is_the_five_charts():
    assert list(CHARTS.values()) == [
        gantt_svg,
        budget_by_dimension_svg,
        budget_by_source_svg,
        programmes_per_element_svg,
        readiness_svg,
    ]


@pytest.mark.parametrize("name", list(CHARTS))
def test_each_chart_is_standalone_svg_without_scripts_or_outside_references(plan, name):
    svg = CHARTS[name](plan)

    assert svg.startswith("<svg")
    assert "<!DOCTYPE" not in svg and "<?xml" not in svg
    root = parse(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert not list(root.iter(f"{SVG}foreignObject"))
    for element in root.iter():
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), (element.tag, attribute)
            if attribute in ("href", XLINK_HREF):
                assert value.startswith("#"), value
            assert "url(http" not in value
    assert root.get("viewBox")


@pytest.mark.parametrize("name", list(CHARTS))
def test_each_chart_is_the_same_every_time(plan, name):
    assert CHARTS[name](plan) == CHARTS[name](plan)


@pytest.mark.parametrize("name", list(CHARTS))
def test_each_chart_draws_an_empty_plan(name):
    root = parse(CHARTS[name](factories.make_plan()))
    assert texts(root)


def test_ids_stay_unique_when_the_charts_share_a_page(plan):
    ids = [
        element.get("id")
        for chart in CHARTS.values()
        for element in parse(chart(plan)).iter()
        if element.get("id")
    ]
    assert len(ids) == len(set(ids))


def test_the_gantt_shows_every_programme_and_marks_quick_wins(plan):
    text = texts(parse(gantt_svg(plan)))

    for code in Programme.objects.filter(plan=plan).values_list("code", flat=True):
        assert code in text
    assert gettext("Quick win") in text
    assert "2025" in text and "2034" in text


def test_the_gantt_has_no_quick_win_mark_without_quick_wins():
    plan = factories.make_plan()
    factories.programme(plan)
    assert gettext("Quick win") not in texts(parse(gantt_svg(plan)))


def test_the_gantt_colours_bars_by_dimension(plan):
    svg = gantt_svg(plan).lower()
    for colour in plan.framework.dimensions.values_list("colour", flat=True):
        assert colour.lower() in svg


def test_the_gantt_of_a_large_plan_lists_every_programme():
    plan = factories.make_plan()
    elements = [factories.element(d, e) for d, e in [("GOV", "SRV"), ("ECO", "IND")]]
    codes = [factories.programme(plan, elements[i % 2], name=f"P{i}").code for i in range(60)]

    text = texts(parse(gantt_svg(plan)))

    assert all(code in text for code in codes)


def test_the_budget_by_dimension_names_the_funded_dimensions(plan):
    text = texts(parse(budget_by_dimension_svg(plan)))
    for dimension in plan.framework.dimensions.all():
        assert dimension.name in text


def test_the_budget_by_source_shows_the_sources_used(plan):
    text = texts(parse(budget_by_source_svg(plan)))
    assert factories.funding_source("APBD-KAB").name in text
    assert factories.funding_source("APBN").name in text
    assert factories.funding_source("CSR").name not in text


def test_programmes_per_element_lists_every_element_even_empty_ones():
    plan = factories.make_plan()
    factories.programme(plan)
    text = texts(parse(programmes_per_element_svg(plan)))
    for code in ["GOV-SRV", "BRD-TOU", "ENV-NRG"]:
        assert code in text


def test_readiness_counts_ratings_per_pillar():
    plan = factories.make_plan()
    aspects = PillarAspect.objects.filter(pillar__framework=plan.framework)
    ReadinessAssessment.objects.create(plan=plan, aspect=aspects.get(code="HR"), rating=Rating.GOOD)
    ReadinessAssessment.objects.create(
        plan=plan, aspect=aspects.get(code="BUD"), rating=Rating.POOR
    )

    text = texts(parse(readiness_svg(plan)))

    assert "STR" in text and "SUP" in text
    assert str(Rating.GOOD.label) in text


def test_budget_values_and_ticks_are_written_the_indonesian_way():
    plan = factories.make_plan()
    programme = factories.programme(plan)
    BudgetLine.objects.create(
        programme=programme,
        year=2025,
        funding_source=factories.funding_source(),
        amount=1_250_000_000,
    )

    by_source = texts(parse(budget_by_source_svg(plan))).split()
    by_dimension = texts(parse(budget_by_dimension_svg(plan))).split()

    assert "1,3" in by_source  # the bar's value: 1.25 billion, the half rounded up
    # the value axis in steps of 0,25 (one decimal printed 0,25 as 0,2)
    assert {"0,00", "0,25", "0,50", "0,75", "1,00", "1,25"} <= set(by_source)
    assert {"0,00", "0,25", "1,25"} <= set(by_dimension)
    assert not any("." in t for t in by_source if t[0].isdigit() and "–" not in t)
