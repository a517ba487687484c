"""The action plan and the roadmap grid write their links without a reverse() per item;
the links must be the ones the URL configuration gives."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from roadmap.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db


def page_of(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_each_activity_of_the_action_plan_links_to_its_own_editor(world):
    plan = world.plan_a
    first = factories.programme(plan, factories.element("GOV", "SRV"), name="ALDINO")
    second = factories.programme(plan, factories.element("SOC", "LEA"), name="KUDU SEKOLAH")
    activities = [
        Activity.objects.create(programme=programme, name=f"Kegiatan {n}", year=2025)
        for n, programme in enumerate([first, first, second])
    ]
    body = page_of(world.coordinator_a, reverse("roadmap:action_plan", args=[plan.pk]))
    for item in activities:
        args = [plan.pk, item.programme_id, "kegiatan", item.pk]
        for action in ("edit", "move", "delete"):
            assert f'"{reverse(f"roadmap:record_{action}", args=args)}' in body, (item, action)
        assert f'hx-target="#activity-{item.pk}"' in body
    assert "Naikkan" in body and "Ubah" in body  # the labels, in the user's language

    # read-only: no buttons at all
    body = page_of(world.viewer_a, reverse("roadmap:action_plan", args=[plan.pk]))
    assert "Kegiatan 0" in body
    assert f"/kegiatan/{activities[0].pk}/ubah/" not in body


def test_each_cell_of_the_roadmap_grid_links_to_its_own_editor(world):
    plan = world.plan_a
    programme = factories.programme(plan, factories.element("GOV", "SRV"), name="ALDINO")
    body = page_of(world.coordinator_a, reverse("roadmap:roadmap_grid", args=[plan.pk]))
    for year in plan.years:
        url = reverse("roadmap:roadmap_cell", args=[plan.pk, programme.pk, year])
        assert f'href="{url}"' in body
        assert f'<td id="cell-{programme.pk}-{year}">' in body
        assert f'hx-target="#cell-{programme.pk}-{year}"' in body
        assert f"{programme.code} tahun {year}" in body  # the label, not "2.025"


def test_the_pages_have_ten_and_twenty_programmes(world):
    plan = world.plan_a
    for number in range(21):
        factories.programme(plan, factories.element("GOV", "SRV"), name=f"Program {number:02d}")
    grid = page_of(world.viewer_a, reverse("roadmap:roadmap_grid", args=[plan.pk]))
    action_plan = page_of(world.viewer_a, reverse("roadmap:action_plan", args=[plan.pk]))
    assert grid.count('<tr id="row-') == 20
    assert action_plan.count('class="card mb-3"') == 10
    assert "page=2" in grid and "page=2" in action_plan
