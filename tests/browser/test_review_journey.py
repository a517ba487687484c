"""A mentor comments on a chapter and requests changes; the editor replies, fixes and
resolves; the coordinator submits again; the mentor approves. Debian chromium only."""

from __future__ import annotations

import os
import shutil

import pytest
from django.urls import reverse

from masterplan.models import AuditEvent, Book
from masterplan.reviews.models import Comment
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
    page.fill("#id_password", factories.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home"))
    return page


def test_mentor_requests_changes_editor_fixes_mentor_approves(
    transactional_db, live_server, world, browser
):
    book = world.plan_a.books.get(number=1)
    book.sections.filter(required=True).update(body="<p>Isi bab.</p>")
    Book.objects.filter(pk=book.pk).update(status=Book.Status.SUBMITTED)
    section = book.sections.get(key="pendahuluan")
    review_url = live_server.url + reverse("reviews:book_review", args=[world.plan_a.pk, 1])

    # The mentor opens the section from the review panel and comments, without a reload.
    mentor = log_in(browser, live_server, "mentor-a")
    mentor.goto(review_url)
    mentor.click(f"#reviu-{section.pk} a")
    mentor.fill(".comment-form textarea", "Tambahkan dasar hukum terbaru, @editor-a.")
    mentor.click(".comment-form button[type=submit]")
    mentor.wait_for_selector(".comment-thread .comment-body:has-text('dasar hukum')")
    assert Comment.objects.get().author == world.mentor_a

    # …and requests changes with a note.
    mentor.goto(review_url)
    mentor.fill("#note-request_changes", "Lengkapi dasar hukum di Pendahuluan.")
    mentor.click("button[data-action=request_changes]")
    mentor.wait_for_selector(".book-status[data-status=revision]")

    # The editor sees the notification, replies, fixes the text and resolves the thread.
    editor = log_in(browser, live_server, "editor-a")
    assert editor.locator(".notification-count").count() == 1
    editor.goto(live_server.url + reverse("section_edit", args=[section.pk]))
    editor.fill(".comment-reply-form input[name=body]", "Siap, sudah ditambahkan.")
    editor.click(".comment-reply-form button[type=submit]")
    editor.wait_for_selector(".comment-reply:has-text('Siap')")
    prose = editor.locator(".prose-editor .tiptap.ProseMirror")
    prose.wait_for()
    prose.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.type(" Dasar hukum: Permenkominfo terbaru.")
    editor.click("#section-form button[type=submit]:not([name])")
    editor.wait_for_selector(".alert-success")
    editor.click(".comment-resolve")
    editor.wait_for_selector(".comment-thread[data-resolved='1']")
    assert Comment.objects.get(parent=None).resolved_by == world.editor_a

    # The coordinator submits again; the mentor approves.
    coordinator = log_in(browser, live_server, "coordinator-a")
    coordinator.goto(review_url)
    coordinator.click("button[data-action=submit]")
    coordinator.wait_for_selector(".book-status[data-status=submitted]")
    mentor.goto(review_url)
    mentor.click("button[data-action=approve]")
    mentor.wait_for_selector(".book-status[data-status=approved]")

    book.refresh_from_db()
    assert book.status == Book.Status.APPROVED
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "comment.create",
        "comment.reply",
        "comment.resolve",
        "book.request_changes",
        "book.submit",
        "book.approve",
    } <= actions
