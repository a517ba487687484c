"""Enter once: a programme's roadmap row follows from its yearly targets, budget lines and
activities, the plan checks do not flag what was just typed there, and the row's own text
is edited on the programme page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from checks.registry import run_checks
from programs.models import BudgetLine, Indicator, IndicatorTarget
from roadmap.models import Activity, RoadmapEntry
from roadmap.rows import roadmap_rows
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    return factories.programme(world.plan_a, factories.element("GOV", "SRV"), name="ALDINO")


def enter(programme):
    indicator = Indicator.objects.create(programme=programme, name="Fasyankes", unit="unit")
    IndicatorTarget.objects.create(indicator=indicator, year=2025, value=Decimal("29"))
    BudgetLine.objects.create(
        programme=programme,
        year=2026,
        amount=530_000_000,
        funding_source=factories.funding_source("APBD-KAB"),
    )
    Activity.objects.create(programme=programme, name="Pelatihan petugas", year=2027)


def codes(plan, programme) -> set[str]:
    return {f.code for f in run_checks(plan) if f.uuid == programme.uuid}


def test_it_derives_the_row_from_targets_budget_lines_and_activities(programme):
    enter(programme)

    row = roadmap_rows([programme.pk])[programme.pk]

    assert row.years == [2025, 2026, 2027]
    assert row.cell(2025).target == "Fasyankes 29 unit"
    assert row.cell(2025).target_derived
    assert row.cell(2026).budget == 530_000_000
    assert row.cell(2026).budget_derived
    assert row.cell(2027).activities == 1
    assert row.total == 530_000_000


def test_typed_text_and_amounts_come_first(programme):
    enter(programme)
    RoadmapEntry.objects.create(programme=programme, year=2025, target="29 fasyankes")
    RoadmapEntry.objects.create(programme=programme, year=2026, budget=600_000_000)

    row = roadmap_rows([programme.pk])[programme.pk]

    assert row.cell(2025).target == "29 fasyankes" and not row.cell(2025).target_derived
    assert row.cell(2026).budget == 600_000_000 and row.cell(2026).typed_budget_differs


def test_the_checks_do_not_flag_what_was_just_typed(world, programme):
    assert "programme_without_roadmap" in codes(world.plan_a, programme)

    enter(programme)
    found = codes(world.plan_a, programme)

    assert "programme_without_roadmap" not in found
    assert "budget_roadmap_mismatch" not in found  # no "the roadmap says Rp 0"


def test_a_typed_amount_that_disagrees_is_still_flagged(world, programme):
    enter(programme)
    RoadmapEntry.objects.create(programme=programme, year=2026, budget=600_000_000)

    assert "budget_roadmap_mismatch" in codes(world.plan_a, programme)


def test_the_grid_shows_the_derived_row(world, programme):
    enter(programme)
    client = Client()
    client.force_login(world.viewer_a)

    body = client.get(reverse("roadmap:roadmap_grid", args=[world.plan_a.pk])).content.decode()

    assert "Fasyankes 29 unit" in body
    assert "Rp 530 jt" in body


def test_the_programme_page_shows_its_row_and_edits_its_text(world, programme):
    enter(programme)
    client = Client()
    client.force_login(world.editor_a)
    page = reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk])
    cell = reverse("roadmap:roadmap_cell", args=[world.plan_a.pk, programme.pk, 2027])

    body = client.get(page).content.decode()
    assert f'id="roadmap-row-{programme.pk}"' in body
    assert "Fasyankes 29 unit" in body
    assert f'hx-get="{cell}"' in body

    response = client.post(
        cell,
        {"target": "Petugas terlatih", "budget": "", "note": "", "version": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Petugas terlatih" in response.content.decode()
    assert RoadmapEntry.objects.get(programme=programme, year=2027).target == "Petugas terlatih"
    assert "Petugas terlatih" in client.get(page).content.decode()


def test_a_viewer_sees_the_row_without_edit_links(world, programme):
    enter(programme)
    client = Client()
    client.force_login(world.viewer_a)
    page = reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk])
    cell = reverse("roadmap:roadmap_cell", args=[world.plan_a.pk, programme.pk, 2027])

    body = client.get(page).content.decode()

    assert "Fasyankes 29 unit" in body
    assert f'hx-get="{cell}"' not in body
    assert client.post(cell, {"target": "x"}).status_code == 403
