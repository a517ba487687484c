"""The demo editor types a word that only an activity's name holds into the navbar
search, opens the result and lands on that activity on its programme's page; then opens
the preview of Buku 3 from the book page. Axe finds nothing serious on either new page.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py.
"""

from __future__ import annotations

import io

from django.core.management import call_command
from django.urls import reverse

from demo.cohort import PASSWORD
from masterplan.models import Plan
from programs.models import Programme
from roadmap.models import Activity
from tests.browser.conftest import format_violations, screenshot_dir

WORD = "Zebrakopi"


def test_search_an_activity_open_it_and_preview_the_book(
    transactional_db, base_url, new_page, login, screenshot, axe
):
    call_command("seed_demo", stdout=io.StringIO())
    plan = Plan.objects.get(region__slug="pekalongan")
    programme = Programme.objects.filter(plan=plan).order_by("pk").first()
    activity = Activity.objects.create(
        programme=programme, name=f"Pelatihan kader {WORD} kelurahan", year=2026
    )
    editor = login(new_page(bypass_csp=True), "editor", PASSWORD)

    # the navbar search, from the dashboard
    editor.fill("#navbar-search", WORD.lower())
    editor.press("#navbar-search", "Enter")
    editor.wait_for_url("**/cari/?q=*")
    results = editor.locator("#hasil-kegiatan")
    assert results.locator("mark").first.inner_text() == WORD
    assert editor.locator("section[id^=hasil-]").count() == 1
    screenshot(editor)
    editor.locator("#hasil-kegiatan a").first.wait_for()
    violations = axe(editor)
    assert violations == [], format_violations(violations)

    # the result opens the activity on its programme's page
    results.locator("a", has_text=WORD).click()
    activities = reverse("roadmap:programme_activities", args=[plan.pk, programme.pk])
    editor.wait_for_url(f"**{activities}*")
    assert editor.url.endswith(f"#activity-{activity.pk}")
    assert WORD in editor.locator(f"#activity-{activity.pk}").inner_text()

    # the book page's Pratinjau button: the print document in the browser
    editor.goto(base_url + reverse("book_detail", args=[plan.pk, 3]))
    editor.click("#book-preview")
    editor.wait_for_url(f"**{reverse('exports:book_preview', args=[plan.books.get(number=3).pk])}")
    assert "Pratinjau" in editor.locator(".preview-bar").inner_text()
    assert editor.locator(".cover").is_visible()
    assert editor.locator("#daftar-isi").is_visible()
    assert editor.locator("h1.heading").count() >= 3
    broken = editor.evaluate(
        "Array.from(document.images).filter(i => i.complete && i.naturalWidth === 0).length"
    )
    assert broken == 0
    violations = axe(editor)
    assert violations == [], format_violations(violations)
    # the whole book is too tall for one image: the first screen, then a flagship page
    folder = screenshot_dir()
    editor.screenshot(path=str(folder / "book-preview-buku-3-cover.png"))
    editor.locator("h2.heading").nth(1).scroll_into_view_if_needed()
    editor.screenshot(path=str(folder / "book-preview-buku-3-flagship.png"))
    editor.click(".preview-back")
    editor.wait_for_url(f"**{reverse('book_detail', args=[plan.pk, 3])}")
