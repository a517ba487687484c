"""Comments the way people know them: a mentor selects text in the book, clicks
"Komentari", mentions a person picked from the @ autocomplete; the passage is highlighted;
the person opens the notification and lands on the highlighted comment. axe-core finds no
serious or critical violation on the pages of the journey.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py.
"""

from __future__ import annotations

from django.urls import reverse

from reviews.models import Comment
from tests.browser.conftest import format_violations

TEXT = (
    "<p>Kabupaten A menyiapkan layanan terpadu untuk warga.</p>"
    "<p>Layanan terpadu ALDINO menyatukan kesehatan dan kependudukan dalam satu loket.</p>"
)
QUOTE = "menyatukan kesehatan dan kependudukan"


def select_text(page, container: str, text: str) -> None:
    """Select ``text`` inside ``container`` as a mouse would, then release the mouse."""
    page.evaluate(
        """([selector, text]) => {
            const root = document.querySelector(selector);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.nodeValue.indexOf(text);
                if (at === -1) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + text.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                const rect = range.getBoundingClientRect();
                node.parentElement.dispatchEvent(new MouseEvent("mouseup", {
                    bubbles: true, clientX: rect.right, clientY: rect.bottom}));
                return;
            }
            throw new Error("text not found: " + text);
        }""",
        [container, text],
    )


def test_select_comment_mention_and_open_the_notification(
    transactional_db, base_url, world, new_page, login, screenshot, axe
):
    world.editor_a.full_name = "Siti Nur Aisyah"
    world.editor_a.save(update_fields=["full_name"])
    world.mentor_a.full_name = "Dewi Lestari"
    world.mentor_a.save(update_fields=["full_name"])
    book = world.plan_a.books.get(number=1)
    section = book.sections.get(key="pendahuluan")
    section.body = TEXT
    section.save()

    # The mentor selects a passage in the book view: "Komentari" floats by the selection.
    mentor = login(
        new_page(bypass_csp=True, viewport={"width": 1366, "height": 900}), world.mentor_a
    )
    mentor.goto(base_url + reverse("book_detail", args=[world.plan_a.pk, 1]))
    select_text(mentor, f'[data-comment-text="{section.uuid}"]', QUOTE)
    mentor.locator(".comment-float").wait_for()
    screenshot_path = screenshot(mentor)
    assert screenshot_path.exists()
    mentor.click(".comment-float")

    # It opens the section's comment form with the quote; @ lists people by name.
    mentor.wait_for_url(f"**{reverse('reviews:section_review', args=[section.pk])}**")
    form = mentor.locator(f"#comments-{section.uuid} .comment-form")
    assert form.locator("input[name=quote]").input_value() == QUOTE
    assert (
        form.locator("input[name=quote_prefix]")
        .input_value()
        .strip()
        .endswith("Layanan terpadu ALDINO")
    )
    box = form.locator("textarea[name=body]")
    box.click()
    box.type("Sumber datanya apa, @Sit")
    option = mentor.locator(".mention-option", has_text="Siti Nur Aisyah")
    option.wait_for()
    assert mentor.locator(".mention-option", has_text="editor-a").count() == 0
    mentor.keyboard.press("Enter")
    box.type("?")
    assert box.input_value() == "Sumber datanya apa, @Siti Nur Aisyah ?"
    form.locator("button[type=submit]").click()

    # The thread is saved with its quote and mention; the passage is highlighted.
    thread = mentor.locator(".comment-thread").first
    thread.locator(".mention", has_text="@Siti Nur Aisyah").wait_for()
    comment = Comment.objects.get()
    assert (comment.quote, comment.quote_suffix.strip()[:10]) == (QUOTE, "dalam satu")
    assert list(comment.mentions.all()) == [world.editor_a]
    mark = mentor.locator(f'[data-comment-text="{section.uuid}"] mark.comment-mark')
    mark.first.wait_for()
    assert " ".join(mark.all_inner_texts()).split() == QUOTE.split()
    mark.first.click()
    mentor.wait_for_selector(f"#komentar-{comment.uuid}.is-active")
    violations = axe(mentor)
    assert not violations, format_violations(violations)

    # Back in the book view, the section counts one open thread, the passage is marked.
    mentor.goto(base_url + reverse("book_detail", args=[world.plan_a.pk, 1]))
    mentor.locator(f"#bagian-{section.pk} .section-open-count").wait_for()
    mentor.locator(f"#bagian-{section.pk} mark.comment-mark").first.wait_for()
    violations = axe(mentor)
    assert not violations, format_violations(violations)

    # The person mentioned opens the notification and lands on the highlighted comment.
    editor = login(
        new_page(bypass_csp=True, viewport={"width": 1366, "height": 900}), world.editor_a
    )
    editor.goto(base_url + reverse("reviews:notification_list"))
    editor.click(".notification-list a >> nth=0")
    editor.wait_for_url(f"**#komentar-{comment.uuid}")
    landed = editor.locator(f"#komentar-{comment.uuid}")
    landed.wait_for()
    assert (
        editor.evaluate("() => document.querySelector(':target').id") == f"komentar-{comment.uuid}"
    )
    editor.wait_for_selector(f"#komentar-{comment.uuid}.is-active")
    editor.locator(f'[data-comment-text="{section.uuid}"] mark.comment-mark').first.wait_for()
    screenshot(editor)
    violations = axe(editor)
    assert not violations, format_violations(violations)


def test_komentari_from_the_editor_with_the_keyboard(
    transactional_db, base_url, world, new_page, login, screenshot
):
    book = world.plan_a.books.get(number=1)
    section = book.sections.get(key="pendahuluan")
    section.body = TEXT
    section.save()
    editor = login(new_page(viewport={"width": 1366, "height": 900}), world.editor_a)
    editor.goto(base_url + reverse("section_edit", args=[section.pk]))
    prose = editor.locator(".prose-editor .tiptap.ProseMirror")
    prose.wait_for()
    select_text(editor, ".prose-editor .tiptap.ProseMirror", "layanan terpadu untuk warga")
    editor.keyboard.press("Control+Alt+KeyM")
    form = editor.locator(f"#comments-{section.uuid} .comment-form")
    editor.wait_for_function(
        "() => document.querySelector('.comment-form input[name=quote]').value !== ''"
    )
    assert form.locator("input[name=quote]").input_value() == "layanan terpadu untuk warga"
    form.locator("textarea[name=body]").fill("Siapa penanggung jawabnya?")
    form.locator("button[type=submit]").click()
    editor.locator(".comment-thread .comment-quote").wait_for()
    comment = Comment.objects.get()
    assert comment.quote == "layanan terpadu untuk warga"
    assert comment.quote_prefix.strip().endswith("Kabupaten A menyiapkan")
    # The editor's text is painted with the CSS Highlight API, its DOM left to the editor.
    editor.wait_for_function("() => CSS.highlights.has('komentar')")
    assert editor.locator(".ProseMirror mark").count() == 0
    screenshot(editor)
