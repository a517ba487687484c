from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_generates_codes_from_dimension_element_and_a_running_number():
    plan = factories.make_plan()
    first = factories.programme(plan, factories.element("GOV", "SRV"))
    second = factories.programme(plan, factories.element("GOV", "SRV"))
    other = factories.programme(plan, factories.element("ENV", "WST"))
    assert [first.code, second.code, other.code] == ["GOV-SRV-01", "GOV-SRV-02", "ENV-WST-01"]
    assert first.dimension.code == "GOV"


def test_codes_are_unique_per_plan_not_globally():
    a = factories.programme(factories.make_plan())
    b = factories.programme(factories.make_plan())
    assert a.code == b.code == "GOV-SRV-01"


def test_it_continues_after_the_highest_number_when_one_was_deleted():
    plan = factories.make_plan()
    first = factories.programme(plan)
    second = factories.programme(plan)
    first.delete()
    assert factories.programme(plan).code == "GOV-SRV-03"
    assert second.code == "GOV-SRV-02"


def test_it_recodes_a_programme_moved_to_another_element():
    plan = factories.make_plan()
    programme = factories.programme(plan)
    factories.programme(plan, factories.element("SOC", "LEA"))
    programme.element = factories.element("SOC", "LEA")
    programme.save()
    programme.refresh_from_db()
    assert programme.code == "SOC-LEA-02"
    assert programme.dimension.code == "SOC"


def test_it_keeps_the_code_when_other_fields_change():
    plan = factories.make_plan()
    programme = factories.programme(plan)
    programme.name = "Nama baru"
    programme.save()
    programme.refresh_from_db()
    assert programme.code == "GOV-SRV-01"


def test_it_recodes_when_only_the_element_is_saved():
    plan = factories.make_plan()
    programme = factories.programme(plan)
    programme.element = factories.element("ENV", "NRG")
    programme.save(update_fields=["element"])
    programme.refresh_from_db()
    assert (programme.code, programme.dimension.code) == ("ENV-NRG-01", "ENV")
