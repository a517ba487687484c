"""Comments in the chapter editor and mentions of people whose names hold brackets: a
click on a highlighted passage in the editor scrolls to its thread (as in the book view);
"Siti (Bappeda)" and "Rudi [TIK]" picked from the @ autocomplete are both mentioned.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py.
"""

from __future__ import annotations

from django.urls import reverse

from reviews.models import Comment
from tests.browser.conftest import screenshot_dir

TEXT = (
    "<p>Kabupaten A menyiapkan layanan terpadu untuk warga.</p>"
    "<p>Layanan terpadu ALDINO menyatukan kesehatan dan kependudukan dalam satu loket.</p>"
)
QUOTE = "menyatukan kesehatan dan kependudukan"


def test_a_click_on_a_highlighted_passage_in_the_editor_opens_its_thread(
    transactional_db, base_url, world, new_page, login, request
):
    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    section.body = TEXT
    section.save()
    thread = Comment.objects.create(
        region=world.region_a,
        book=section.book,
        target_type="masterplan.section",
        target_uuid=section.uuid,
        target_version=section.version,
        author=world.mentor_a,
        body="<p>Sumber datanya?</p>",
        quote=QUOTE,
        quote_prefix="Layanan terpadu ALDINO ",
        quote_suffix=" dalam satu loket.",
    )
    page = login(new_page(viewport={"width": 1280, "height": 700}), world.editor_a)
    page.goto(base_url + reverse("section_edit", args=[section.pk]))
    page.locator(".prose-editor .tiptap.ProseMirror").wait_for()
    selector = f"#komentar-{thread.uuid}"
    page.wait_for_function(
        "() => CSS.highlights && CSS.highlights.get('komentar') "
        "&& CSS.highlights.get('komentar').size > 0"
    )
    assert not page.evaluate(f"() => document.querySelector('{selector}').matches('.is-active')")
    point = page.evaluate(
        """(quote) => {
            const prose = document.querySelector(".prose-editor .tiptap.ProseMirror");
            const walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.nodeValue.indexOf(quote);
                if (at === -1) continue;
                const range = document.createRange();
                range.setStart(node, at + 3);
                range.setEnd(node, at + 8);
                const rect = range.getBoundingClientRect();
                return [rect.left + rect.width / 2, rect.top + rect.height / 2];
            }
            return null;
        }""",
        QUOTE,
    )
    assert point is not None
    page.mouse.click(point[0], point[1])
    page.wait_for_selector(f"{selector}.is-active")
    page.wait_for_function(
        f"""() => {{
            const box = document.querySelector('{selector}').getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight + box.height;
        }}"""
    )
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{request.node.name}.png"))

    # a click beside the passage leaves the thread alone
    page.evaluate(
        "() => document.querySelector('.comment-thread.is-active').classList.remove('is-active')"
    )
    page.evaluate("() => window.scrollTo(0, 0)")
    first = page.locator(".prose-editor .tiptap.ProseMirror p").first.bounding_box()
    page.mouse.click(first["x"] + 10, first["y"] + first["height"] / 2)
    page.wait_for_timeout(300)
    assert page.locator(".comment-thread.is-active").count() == 0


def test_names_with_brackets_survive_the_mention_token(
    transactional_db, base_url, world, new_page, login, request
):
    world.editor_a.full_name = "Siti (Bappeda)"
    world.editor_a.save(update_fields=["full_name"])
    world.coordinator_a.full_name = "Rudi [TIK]"
    world.coordinator_a.save(update_fields=["full_name"])
    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    section.body = TEXT
    section.save()
    mentor = login(new_page(viewport={"width": 1280, "height": 900}), world.mentor_a)
    mentor.goto(base_url + reverse("reviews:section_review", args=[section.pk]))
    box = mentor.locator(f"#comments-{section.uuid} .comment-form textarea[name=body]")
    box.click()
    box.type("Mohon dicek @Siti")
    mentor.locator(".mention-option", has_text="Siti (Bappeda)").click()
    box.type("dan @Rudi")
    mentor.locator(".mention-option", has_text="Rudi [TIK]").click()
    assert box.input_value() == "Mohon dicek @Siti (Bappeda) dan @Rudi [TIK] "
    mentor.locator(f"#comments-{section.uuid} .comment-form button[type=submit]").click()
    mentor.locator(".comment-thread .mention", has_text="@Rudi [TIK]").wait_for()
    names = mentor.locator(".comment-thread .mention").all_inner_texts()
    assert names == ["@Siti (Bappeda)", "@Rudi [TIK]"]
    comment = Comment.objects.get()
    assert set(comment.mentions.all()) == {world.editor_a, world.coordinator_a}
    assert "user:" not in mentor.locator(".comment-thread").first.inner_text()
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    mentor.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=True)
