from __future__ import annotations

import pytest

from dimensions.models import (
    Dimension,
    Element,
    Framework,
    FundingSource,
    Horizon,
    IndicatorType,
    InnovationType,
    Pillar,
)

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

EXPECTED = {
    "GOV": ["SRV", "BUR", "POL"],
    "BRD": ["TOU", "BUS", "CTY"],
    "ECO": ["IND", "WEL", "TRX"],
    "LIV": ["HAR", "HEA", "MOB"],
    "SOC": ["COM", "LEA", "SEC"],
    "ENV": ["PRO", "WST", "NRG"],
}


def test_it_loads_the_framework_with_six_dimensions_and_eighteen_elements():
    framework = Framework.objects.get(code="kominfo-2017")
    dimensions = list(framework.dimensions.order_by("order"))
    assert [d.code for d in dimensions] == list(EXPECTED)
    for dimension in dimensions:
        assert [e.code for e in dimension.elements.order_by("order")] == EXPECTED[dimension.code]
        assert dimension.colour.startswith("#")
    assert Element.objects.filter(dimension__framework=framework).count() == 18


def test_it_names_items_in_both_languages():
    element = Element.objects.get(dimension__code="GOV", code="SRV")
    assert element.name_id == "Pelayanan publik"
    assert element.name_en == "Service"
    assert Dimension.objects.get(code="ENV").name_en == "Smart Environment"


def test_it_loads_pillars_with_the_middle_three_required():
    pillars = {p.code: p for p in Pillar.objects.filter(framework__code="kominfo-2017")}
    assert set(pillars) == {"STR", "INF", "SUP", "NAT", "CUL"}
    assert {code for code, p in pillars.items() if p.required} == {"STR", "INF", "SUP"}
    assert all(p.aspects.exists() for p in pillars.values())


def test_it_loads_funding_sources_horizons_indicator_and_innovation_types():
    scope = {"framework__code": "kominfo-2017"}
    assert FundingSource.objects.filter(**scope).count() == 10
    assert list(Horizon.objects.filter(**scope).values_list("max_years", flat=True)) == [1, 5, 10]
    assert set(IndicatorType.objects.filter(**scope).values_list("code", flat=True)) == {
        "OUTPUT",
        "OUTCOME",
        "IMPACT",
    }
    assert InnovationType.objects.filter(**scope).count() == 5


def test_it_shows_names_in_the_active_language():
    from django.utils import translation

    dimension = Dimension.objects.get(code="SOC")
    element = Element.objects.get(dimension=dimension, code="LEA")
    with translation.override("en"):
        assert element.name == "Learning"
    with translation.override("id"):
        assert element.name == "Ekosistem belajar yang efisien"
