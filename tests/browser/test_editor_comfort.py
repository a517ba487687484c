"""A working day in the chapter editor, as an Indonesian editor lives it: the editor speaks
Indonesian, Ctrl+S saves, the outline leads to the next section, a phone shows the text
first, the navbar stays on one line at 1366 px for every role.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py.
"""

from __future__ import annotations

import re

from django.urls import reverse

from exports.render import RenderResult
from masterplan.models import Section
from tests.browser.conftest import format_violations, screenshot_dir

ENGLISH = re.compile(
    r"\b(heading|insert|bold|italic|underline|strike|paragraph|list|blockquote|rule|link|"
    r"table|column|row|merge|split|cell|undo|redo|yes|no|cancel|properties|include)\b",
    re.IGNORECASE,
)

LABELS = """() => {
  const menubar = document.querySelector(".prose-menubar");
  const labels = [];
  for (const element of menubar.querySelectorAll("[title], [aria-label]")) {
    labels.push(element.getAttribute("title"), element.getAttribute("aria-label"));
  }
  for (const option of menubar.querySelectorAll(".prose-menubar__option")) {
    labels.push(option.textContent.trim());
  }
  return labels.filter(Boolean);
}"""

DIALOG_TEXTS = """() => {
  const dialog = document.querySelector("dialog.prose-editor-dialog[open]");
  return Array.from(dialog.querySelectorAll("h3, label, option, button"))
    .map((element) => element.textContent.trim());
}"""


def open_editor(page, base_url, section):
    page.goto(base_url + reverse("section_edit", args=[section.pk]))
    editor = page.locator(".prose-editor .tiptap.ProseMirror")
    editor.wait_for()
    return editor


def chapter(world, key="pendahuluan") -> Section:
    return world.plan_a.books.get(number=1).sections.get(key=key)


def test_the_editor_speaks_indonesian(transactional_db, base_url, world, new_page, login):
    page = login(new_page(), world.editor_a)
    editor = open_editor(page, base_url, chapter(world))
    editor.click()

    labels = page.evaluate(LABELS)
    assert "Tebal" in labels and "Judul 2" in labels and "Gabungkan sel" in labels
    english = [label for label in labels if ENGLISH.search(label)]
    assert not english, english

    page.click(".prose-menubar button[data-name=table]")
    texts = page.evaluate(DIALOG_TEXTS)
    assert "Properti tabel" in texts and "Sisipkan tabel" in texts and "Ya" in texts
    assert not [text for text in texts if ENGLISH.search(text)], texts
    # The translated choice still means what it says: a header row is inserted.
    page.select_option("dialog.prose-editor-dialog select[name=withHeaderRow]", label="Ya")
    page.click("dialog.prose-editor-dialog button[type=submit]")
    assert editor.locator("table th").count() == 3
    # Inside the table the cell tools appear, in Indonesian too.
    merge = page.locator(".prose-menubar button[data-name='table:mergeCells']")
    assert merge.is_visible()
    assert merge.get_attribute("aria-label") == "Gabungkan sel"


def test_ctrl_s_saves_and_the_outline_leads_on(transactional_db, base_url, world, new_page, login):
    section = chapter(world)
    page = login(new_page(), world.editor_a)
    editor = open_editor(page, base_url, section)
    editor.click()
    page.keyboard.type("Disimpan dengan Ctrl+S.")

    prevented = page.evaluate(
        """() => {
          const event = new KeyboardEvent(
            "keydown", {key: "s", ctrlKey: true, bubbles: true, cancelable: true}
          );
          document.querySelector(".prose-editor .tiptap").dispatchEvent(event);
          return event.defaultPrevented;
        }"""
    )

    assert prevented  # no "save page as" dialog
    page.wait_for_selector("#save-status[data-state=saved]", timeout=10_000)
    section.refresh_from_db()
    assert "Disimpan dengan Ctrl+S." in section.body
    # Cmd+S on a Mac does the same.
    editor.click()
    page.keyboard.type(" Lagi.")
    page.keyboard.press("Meta+s")
    page.wait_for_function(
        "() => document.getElementById('save-status').dataset.state === 'saved'"
        " && document.getElementById('save-status').textContent.trim() !== ''"
    )
    page.wait_for_timeout(300)
    section.refresh_from_db()
    assert "Lagi." in section.body

    # The book's outline and the next section.
    nodes = [node for root in section.book.outline() for node in root.walk()]
    following = nodes[[node.section.pk for node in nodes].index(section.pk) + 1].section
    page.locator(".editor-outline summary").click()
    assert page.locator(".editor-outline li").count() == len(nodes)
    page.click("a[rel=next]")
    page.wait_for_url(base_url + reverse("section_edit", args=[following.pk]))
    assert page.locator("a[rel=prev]").is_visible()


def phone_screenshot(page, name: str):
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"phone-375-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# What sticks out of a 375 px screen, for the assertion's message.
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > 380)
    .slice(0, 8)
    .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)"""


def test_a_phone_shows_the_text_first(transactional_db, base_url, world, new_page, login):
    page = login(new_page(viewport={"width": 375, "height": 812}), world.editor_a)
    shots = {}
    pages = {
        "editor": (reverse("section_edit", args=[chapter(world).pk]), ".prose-editor .tiptap"),
        "plan": (reverse("plan_detail", args=[world.plan_a.pk]), "main h1"),
    }
    for name, (url, content) in pages.items():
        page.goto(base_url + url)
        page.locator(content).first.wait_for()
        assert not page.locator("#plan-nav").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, page.evaluate(
            WIDER_THAN_THE_SCREEN
        )
        content_top = page.locator(content).first.bounding_box()["y"]
        assert content_top < 812, f"{name}: the content starts below the first screen"
        shots[name] = phone_screenshot(page, name)
        # The plan navigation is one tap away.
        page.get_by_role("button", name="Menu rencana").click()
        page.locator("#plan-nav.show").wait_for()
        assert page.locator("#plan-nav a", has_text="Buku 1").first.is_visible()
    page.goto(base_url + reverse("home"))
    page.locator("main").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    shots["dashboard"] = phone_screenshot(page, "dashboard")
    assert all(path.exists() for path in shots.values())


def test_the_navbar_fits_on_one_line_for_every_role(
    transactional_db, base_url, world, new_page, login
):
    heights = {}
    for user in (world.admin, world.coordinator_a, world.mentor_a):
        user.full_name = "Siti Nur Aisyah Rahmawati"
        user.save()
        page = login(new_page(viewport={"width": 1366, "height": 800}), user)
        navbar = page.locator("nav.navbar")
        heights[user.username] = navbar.bounding_box()["height"]
        tops = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                 "nav.navbar .navbar-brand, nav.navbar .nav-link, nav.navbar select"))
               .filter((element) => element.getClientRects().length)
               .map((element) => Math.round(element.getBoundingClientRect().top))"""
        )
        assert max(tops) - min(tops) <= 8, (user.username, tops)
        # The user menu is a dropdown holding the profile, password and logout.
        assert not page.get_by_role("button", name="Keluar").is_visible()
        page.locator("nav.navbar .user-menu .dropdown-toggle").click()
        assert page.get_by_role("button", name="Keluar").is_visible()
        assert page.locator("link[rel=icon]").get_attribute("href").endswith("favicon.svg")
    print("navbar heights at 1366 px:", heights)
    assert max(heights.values()) <= 64, heights


def test_the_editor_page_has_no_serious_accessibility_violation(
    transactional_db, base_url, world, new_page, login, axe
):
    page = login(new_page(bypass_csp=True), world.editor_a)
    open_editor(page, base_url, chapter(world))
    page.locator(".prose-menubar button[title=Tebal]").wait_for()
    violations = axe(page)
    assert not violations, format_violations(violations)


def test_the_export_history_follows_the_job(
    transactional_db, base_url, world, new_page, login, monkeypatch, settings, tmp_path
):
    settings.EXPORT_ROOT = tmp_path / "exports"

    def render(book, *, final=False, progress=None, time_limit=None):
        return RenderResult(pdf=b"%PDF-1.7\n%%EOF", pages=2)

    monkeypatch.setattr("exports.render.render_book", render)
    book = world.plan_a.books.get(number=2)
    page = login(new_page(), world.editor_a)
    page.goto(base_url + reverse("exports:book_exports", args=[book.pk]))
    assert page.locator("#export-history tr[data-state]").count() == 0

    page.click(f"form[action='{reverse('exports:export_start', args=[book.pk])}'] button")

    page.locator("#export-history tr[data-state=done]").wait_for()
    assert page.locator("#current-export a[href$='/unduh/']").count() == 1
    card_time = page.locator("#current-export time").text_content()
    assert page.locator("#export-history time").first.text_content() == card_time
    assert page.locator("#export-history code").count() == 0  # the hash is for admins
