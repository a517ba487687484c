"""The demo editor adds a programme with two activities and fills its roadmap row; a
colleague's stale save of the same cell is refused with both values shown, and re-applied;
the programme shows in the plan's Gantt chart.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py.
"""

from __future__ import annotations

import io

from django.core.management import call_command
from django.urls import reverse

from demo.cohort import PASSWORD
from masterplan.models import Plan
from programs.models import Programme
from roadmap.models import Activity, RoadmapEntry
from tests import factories


def add_activity(page, board: str, name: str, year: int) -> None:
    page.click(f"{board} a[href*='/kegiatan/baru/']")
    form = page.locator(f"{board} form[hx-post*='/kegiatan/baru/']")
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=year]").select_option(str(year))
    form.locator("input[name=budget]").fill("Rp 25.000.000")
    form.locator("button[type=submit]").click()
    page.locator(f"{board} .list-group-item", has_text=name).wait_for()


def test_add_a_programme_with_activities_and_see_it_in_the_roadmap(
    transactional_db, base_url, new_page, login, screenshot
):
    call_command("seed_demo", stdout=io.StringIO())
    plan = Plan.objects.get(region__slug="pekalongan")
    element = factories.element("LIV", "HEA")
    editor = login(new_page(), "editor", PASSWORD)

    # a new programme, from the list
    editor.goto(base_url + reverse("programs:programme_list", args=[plan.pk]))
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
    # (the grid is paged: the editor opens the programme's dimension, as users do)
    grid = base_url + reverse("roadmap:roadmap_grid", args=[plan.pk]) + "?dimensi=LIV"
    editor.goto(grid)
    row = editor.locator(f"#row-{programme.pk}")
    assert programme.code in row.inner_text()
    cell = f"#cell-{programme.pk}-2026"
    editor.click(f"{cell} a")
    editor.locator(f"{cell} input[name=target]").wait_for()

    # meanwhile the coordinator opens the same cell in another browser
    coordinator = login(new_page(), "koordinator", PASSWORD)
    coordinator.goto(grid)
    coordinator.click(f"{cell} a")
    coordinator.locator(f"{cell} input[name=target]").fill("Versi koordinator")
    coordinator.locator(f"{cell} input[name=budget]").fill("175000000")

    editor.fill(f"{cell} input[name=target]", "30 posyandu")
    editor.fill(f"{cell} input[name=budget]", "Rp 150.000.000")
    editor.click(f"{cell} button[type=submit]")
    # the grid shows amounts short (the full amount on hover)
    editor.locator(cell, has_text="Rp 150 jt").wait_for()
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

    # the editor finds the programme in the plan's Gantt chart too, with its years
    # (the wide grid keeps the plan's menu behind its button)
    editor.goto(grid)
    editor.get_by_role("button", name="Menu rencana").click()
    editor.locator(f"a[href='{reverse('checks:plan_charts', args=[plan.pk])}']:visible").click()
    gantt = editor.locator("#chart-gantt svg")
    gantt.wait_for()
    chart_text = gantt.text_content()
    assert programme.code in chart_text
    assert "Posyandu Digital" in chart_text
    assert "2026" in chart_text
    screenshot(editor)
