"""The roadmap grid at 1366 × 768: the year header row and the programme column stay in
view while the grid scrolls, and the ten years of the plan are on screen at once; the
navbar stays on one line at 1280 and 1366 px for every role.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roadmap.models import RoadmapEntry
from tests import factories
from tests.browser.conftest import screenshot_dir


def fill_the_roadmap(plan):
    element = factories.element("GOV", "SRV")
    for number in range(12):
        programme = factories.programme(plan, element, name=f"Program layanan digital {number}")
        for year in plan.years:
            RoadmapEntry.objects.create(
                programme=programme,
                year=year,
                target=f"{10 * number + year - 2020} layanan terintegrasi di seluruh kecamatan",
                budget=1_250_000_000,
            )


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_the_grid_keeps_its_header_and_programme_column_in_view(
    transactional_db, base_url, world, new_page, login
):
    plan = world.plan_a
    fill_the_roadmap(plan)
    page = login(new_page(viewport={"width": 1366, "height": 768}), world.editor_a)
    page.goto(base_url + reverse("roadmap:roadmap_grid", args=[plan.pk]))
    page.locator(".roadmap-grid table").wait_for()

    # ten year columns, all on the first screen
    years = page.locator(".roadmap-grid thead th.roadmap-year")
    assert years.count() == 10
    for index in range(10):
        year = years.nth(index).bounding_box()
        assert year["x"] >= 0 and year["x"] + year["width"] <= 1366, (index, year)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1366

    grid = box(page, ".roadmap-grid")
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "roadmap-grid-1366.png"))

    page.locator(".roadmap-grid").evaluate("(grid) => grid.scrollBy(600, 900)")
    page.wait_for_timeout(100)
    assert page.locator(".roadmap-grid").evaluate("(grid) => grid.scrollTop") > 300
    header = box(page, ".roadmap-grid thead th.roadmap-year")
    corner = box(page, ".roadmap-grid thead th.roadmap-programme")
    first_column = box(page, ".roadmap-grid tbody th.roadmap-programme >> nth=8")
    assert abs(header["y"] - grid["y"]) <= 2, (header, grid)
    assert abs(corner["x"] - grid["x"]) <= 2 and abs(corner["y"] - grid["y"]) <= 2
    assert abs(first_column["x"] - grid["x"]) <= 2, (first_column, grid)
    page.screenshot(path=str(folder / "roadmap-grid-1366-scrolled.png"))

    # narrower, the years scroll sideways under the programme column
    page.set_viewport_size({"width": 1024, "height": 768})
    page.locator(".roadmap-grid").evaluate("(grid) => grid.scrollBy(500, 0)")
    page.wait_for_timeout(100)
    assert page.locator(".roadmap-grid").evaluate("(grid) => grid.scrollLeft") > 200
    grid = box(page, ".roadmap-grid")
    first_column = box(page, ".roadmap-grid tbody th.roadmap-programme >> nth=8")
    assert abs(first_column["x"] - grid["x"]) <= 2, (first_column, grid)
    page.screenshot(path=str(folder / "roadmap-grid-1024-sideways.png"))


@pytest.mark.parametrize("width", [1280, 1366])
def test_the_navbar_is_one_line_for_every_role(
    transactional_db, base_url, world, new_page, login, width
):
    for user in (world.editor_a, world.coordinator_a, world.mentor_a, world.admin):
        user.full_name = "Siti Nur Aisyah Rahmawati"
        user.save()
        page = login(new_page(viewport={"width": width, "height": 768}), user)
        page.goto(base_url + reverse("roadmap:roadmap_grid", args=[world.plan_a.pk]))
        height = box(page, "nav.navbar")["height"]
        assert height <= 64, (user.username, width, height)
        # the language switch (and the admin link) are in the user menu
        assert not page.locator("#language").is_visible()
        page.locator("nav.navbar .user-menu .dropdown-toggle").click()
        assert page.locator("#language").is_visible()
        assert page.locator(".user-menu a", has_text="Administrasi").count() == (
            1 if user.is_staff else 0
        )
        page.context.close()
