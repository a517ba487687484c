"""The demo editor adds a programme with two activities and fills its roadmap row; a
colleague's stale save of the same cell is refused with both values shown, and re-applied.

Playwright drives Debian's chromium (never a downloaded browser build).
"""

from __future__ import annotations

import io
import os
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.cohort import PASSWORD
from masterplan.models import Plan
from programs.models import Programme
from roadmap.models import Activity, RoadmapEntry
from tests import factories

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM) or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def log_in(browser, live_server, username):
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home"))
    return page


def add_activity(page, board: str, name: str, year: int) -> None:
    page.click(f"{board} a[href*='/kegiatan/baru/']")
    form = page.locator(f"{board} form[hx-post*='/kegiatan/baru/']")
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=year]").select_option(str(year))
    form.locator("input[name=budget]").fill("Rp 25.000.000")
    form.locator("button[type=submit]").click()
    page.locator(f"{board} .list-group-item", has_text=name).wait_for()


def test_add_a_programme_with_activities_and_see_it_in_the_roadmap(
    transactional_db, live_server, browser
):
    call_command("seed_demo", stdout=io.StringIO())
    plan = Plan.objects.get(region__slug="pekalongan")
    element = factories.element("LIV", "HEA")
    editor = log_in(browser, live_server, "editor")

    # a new programme, from the list
    editor.goto(live_server.url + reverse("programs:programme_list", args=[plan.pk]))
    editor.click("a[href$='/program/baru/']")
    editor.fill("#id_name", "Posyandu Digital")
    editor.select_option("#id_element", str(element.pk))
    editor.click("#programme-form button[type=submit]")
    editor.wait_for_url("**/program/*/")
    programme = Programme.objects.get(plan=plan, name="Posyandu Digital")
    assert programme.code.startswith("LIV-HEA-")

    # two activities, added inline without leaving the page
    board = f"#board-kegiatan-{programme.pk}"
    url_before = editor.url
    add_activity(editor, board, "Pendataan posyandu", 2025)
    add_activity(editor, board, "Aplikasi pencatatan balita", 2026)
    assert editor.url == url_before
    assert editor.locator(f"{board} .list-group-item").count() == 2
    assert Activity.objects.filter(programme=programme).count() == 2

    # the roadmap grid has its row; a cell is filled in place
    grid = live_server.url + reverse("roadmap:roadmap_grid", args=[plan.pk])
    editor.goto(grid)
    row = editor.locator(f"#row-{programme.pk}")
    assert programme.code in row.inner_text()
    cell = f"#cell-{programme.pk}-2026"
    editor.click(f"{cell} a")
    editor.locator(f"{cell} input[name=target]").wait_for()

    # meanwhile the coordinator opens the same cell in another browser
    coordinator = log_in(browser, live_server, "koordinator")
    coordinator.goto(grid)
    coordinator.click(f"{cell} a")
    coordinator.locator(f"{cell} input[name=target]").fill("Versi koordinator")
    coordinator.locator(f"{cell} input[name=budget]").fill("175000000")

    editor.fill(f"{cell} input[name=target]", "30 posyandu")
    editor.fill(f"{cell} input[name=budget]", "Rp 150.000.000")
    editor.click(f"{cell} button[type=submit]")
    editor.locator(cell, has_text="Rp 150.000.000").wait_for()
    assert "30 posyandu" in editor.locator(cell).inner_text()

    # the coordinator's save was based on an empty cell: refused, both values shown
    coordinator.click(f"{cell} button[type=submit]")
    conflict = coordinator.locator(f"{cell} [data-conflict]")
    conflict.wait_for()
    assert "30 posyandu" in conflict.inner_text()
    assert "Versi koordinator" in conflict.inner_text()
    assert RoadmapEntry.objects.get(programme=programme, year=2026).target == "30 posyandu"
    assert coordinator.locator(f"{cell} input[name=target]").input_value() == "Versi koordinator"

    # re-applied on top of the editor's version, nothing silently lost
    coordinator.click(f"{cell} button[type=submit]")
    coordinator.locator(f"{cell} form").wait_for(state="detached")
    assert "Versi koordinator" in coordinator.locator(cell).inner_text()
    entry = RoadmapEntry.objects.get(programme=programme, year=2026)
    assert (entry.target, entry.budget) == ("Versi koordinator", 175_000_000)
