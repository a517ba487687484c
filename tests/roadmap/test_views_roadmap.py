"""The action plan (activities) and the roadmap grid."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from masterplan.models import DeletedRecord, Revision
from programs.models import BudgetLine
from roadmap.models import Activity, RoadmapEntry
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def activity_url(action: str, programme, pk: int | None = None) -> str:
    args = [programme.plan_id, programme.pk, "kegiatan"] + ([pk] if pk is not None else [])
    return reverse(f"roadmap:record_{action}", args=args)


def cell_url(programme, year: int) -> str:
    return reverse("roadmap:roadmap_cell", args=[programme.plan_id, programme.pk, year])


def activity(programme, name="Sosialisasi", year=2025, **fields) -> Activity:
    return Activity.objects.create(programme=programme, name=name, year=year, **fields)


# --- The action plan ------------------------------------------------------------------------


def test_it_shows_the_action_plan_grouped_by_dimension_element_and_programme(world):
    plan = world.plan_a
    aldino = factories.programme(plan, factories.element("GOV", "SRV"), name="ALDINO")
    sekolah = factories.programme(plan, factories.element("SOC", "LEA"), name="KUDU SEKOLAH")
    activity(aldino, "Perjanjian kerja sama", budget=75_000_000)
    activity(sekolah, "Pendataan anak putus sekolah")
    page = reverse("roadmap:action_plan", args=[plan.pk])
    assert client_for(None).get(page).status_code == 302
    assert client_for(world.editor_b).get(page).status_code == 404
    body = client_for(world.viewer_a).get(page).content.decode()
    body = body[body.index('id="ap-gov"') :]  # after the dimension filter
    order = [
        body.index(text)
        for text in (
            "Smart Governance",
            "ALDINO",
            "Perjanjian kerja sama",
            "Smart Society",
            "KUDU SEKOLAH",
            "Pendataan anak putus sekolah",
        )
    ]
    assert order == sorted(order)
    assert "Rp 75.000.000" in body
    assert activity_url("create", aldino) not in body  # readers get no add button
    assert activity_url("create", aldino) in client_for(world.editor_a).get(page).content.decode()


@pytest.mark.smoke
def test_it_filters_the_action_plan_by_dimension(world):
    factories.programme(world.plan_a, factories.element("GOV", "SRV"), name="ALDINO")
    factories.programme(world.plan_a, factories.element("SOC", "LEA"), name="KUDU SEKOLAH")
    page = reverse("roadmap:action_plan", args=[world.plan_a.pk])
    body = client_for(world.viewer_a).get(page, {"dimensi": "soc"}).content.decode()
    assert "KUDU SEKOLAH" in body and "ALDINO" not in body


def test_it_adds_an_activity_inline_and_returns_the_programmes_board(world):
    programme = factories.programme(world.plan_a)
    agency = factories.AgencyFactory(region=world.region_a)
    response = client_for(world.editor_a).post(
        activity_url("create", programme),
        {
            "name": "Pengadaan perangkat",
            "year": 2026,
            "quarter": 2,
            "agency": agency.pk,
            "budget": "Rp 480.000.000",
            "funding_source": factories.funding_source().pk,
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#board-kegiatan-{programme.pk}"
    assert "Pengadaan perangkat" in response.content.decode()
    created = Activity.objects.get()
    assert (created.year, created.quarter, created.budget) == (2026, 2, 480_000_000)
    assert Revision.objects.for_object(created).exists()


def test_without_javascript_it_goes_back_to_the_page_it_came_from(world):
    programme = factories.programme(world.plan_a)
    action_plan = reverse("roadmap:action_plan", args=[world.plan_a.pk])
    response = client_for(world.editor_a).post(
        activity_url("create", programme) + f"?next={action_plan}",
        {"name": "Pelatihan", "year": 2025},
    )
    assert response["Location"] == action_plan
    offsite = client_for(world.editor_a).post(
        activity_url("create", programme),
        {"name": "X", "year": 2025, "next": "https://evil.example/"},
    )
    assert offsite["Location"] == reverse(
        "roadmap:programme_activities", args=[world.plan_a.pk, programme.pk]
    )


def test_it_checks_activities(world):
    programme = factories.programme(world.plan_a)
    foreign = factories.AgencyFactory(region=world.region_b)
    response = client_for(world.editor_a).post(
        activity_url("create", programme), {"name": "X", "year": 2040, "agency": foreign.pk}
    )
    assert {"year", "agency"} <= set(response.context["form"].errors)
    assert not Activity.objects.exists()


def test_it_edits_moves_and_deletes_activities(world):
    programme = factories.programme(world.plan_a)
    first, second = activity(programme, "Pertama", order=1), activity(programme, "Kedua", order=2)
    client = client_for(world.editor_a)
    edited = client.post(
        activity_url("edit", programme, first.pk),
        {"name": "Pertama (revisi)", "year": 2025, "version": 1},
        **HTMX,
    )
    assert edited.content.decode().lstrip().startswith(f'<div id="activity-{first.pk}"')
    client.post(activity_url("move", programme, second.pk), {"direction": "up"})
    assert [a.name for a in programme.activities.all()] == ["Kedua", "Pertama (revisi)"]
    client.post(activity_url("delete", programme, second.pk))
    assert [a.name for a in programme.activities.all()] == ["Pertama (revisi)"]
    assert DeletedRecord.objects.get().target_uuid == second.uuid


# --- The roadmap grid -----------------------------------------------------------------------


def test_it_shows_the_grid_with_the_budget_lines_beside(world):
    plan = world.plan_a
    programme = factories.programme(plan, name="ALDINO")
    RoadmapEntry.objects.create(programme=programme, year=2026, target="29 fasyankes", budget=985)
    BudgetLine.objects.create(
        programme=programme, year=2026, funding_source=factories.funding_source(), amount=1000
    )
    grid = reverse("roadmap:roadmap_grid", args=[plan.pk])
    assert client_for(None).get(grid).status_code == 302
    assert client_for(world.editor_b).get(grid).status_code == 404
    body = client_for(world.mentor_a).get(grid).content.decode()
    assert "ALDINO" in body and "29 fasyankes" in body
    assert "Rp 985" in body and "Σ Rp 1.000" in body
    for year in plan.years:
        assert f">{year}</th>" in body
    assert cell_url(programme, 2026) not in body
    assert cell_url(programme, 2026) in client_for(world.editor_a).get(grid).content.decode()


def test_it_edits_a_cell_inline(world):
    programme = factories.programme(world.plan_a)
    cell = cell_url(programme, 2027)
    client = client_for(world.editor_a)
    form = client.get(cell, **HTMX)
    assert form.content.decode().lstrip().startswith(f'<td id="cell-{programme.pk}-2027"')

    saved = client.post(cell, {"target": "Uji coba 5 desa", "budget": "Rp 1.250.000.000"}, **HTMX)

    assert saved.status_code == 200
    assert "Rp 1.250.000.000" in saved.content.decode()
    entry = RoadmapEntry.objects.get()
    assert (entry.year, entry.target, entry.budget) == (2027, "Uji coba 5 desa", 1_250_000_000)
    client.post(cell, {"target": "Uji coba 8 desa", "budget": "", "version": 1})
    entry.refresh_from_db()
    assert (entry.target, entry.budget, entry.version) == ("Uji coba 8 desa", None, 2)


def test_a_blank_cell_stays_without_a_row(world):
    programme = factories.programme(world.plan_a)
    response = client_for(world.editor_a).post(cell_url(programme, 2026), {"target": ""}, **HTMX)
    assert response.status_code == 200
    assert not RoadmapEntry.objects.exists()


def test_a_stale_cell_is_refused_with_both_values(world):
    programme = factories.programme(world.plan_a)
    RoadmapEntry.objects.create(programme=programme, year=2026, target="Versi Bu Rina")
    stale = client_for(world.editor_a).post(
        cell_url(programme, 2026), {"target": "Versi Pak Budi", "version": ""}, **HTMX
    )
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Versi Bu Rina" in body and "Versi Pak Budi" in body
    assert RoadmapEntry.objects.get().target == "Versi Bu Rina"


def test_cells_are_refused_to_readers_and_outside_the_period(world):
    programme = factories.programme(world.plan_a)
    assert client_for(world.viewer_a).post(cell_url(programme, 2026), {}).status_code == 403
    assert client_for(world.mentor_a).get(cell_url(programme, 2026)).status_code == 403
    assert client_for(world.editor_b).get(cell_url(programme, 2026)).status_code == 404
    assert client_for(world.editor_a).get(cell_url(programme, 2040)).status_code == 404
    eco = factories.programme(world.plan_a, factories.element("ECO", "IND"))
    assert client_for(world.economy_editor_a).get(cell_url(eco, 2026)).status_code == 200
    assert client_for(world.economy_editor_a).get(cell_url(programme, 2026)).status_code == 403


def test_without_javascript_a_cell_is_a_page(world):
    programme = factories.programme(world.plan_a)
    client = client_for(world.editor_a)
    assert "<html" in client.get(cell_url(programme, 2026)).content.decode()
    response = client.post(cell_url(programme, 2026), {"target": "Mulai"})
    grid = reverse("roadmap:roadmap_grid", args=[world.plan_a.pk])
    assert response["Location"] == f"{grid}#cell-{programme.pk}-2026"
