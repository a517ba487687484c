"""A mentor comments on a chapter and requests changes; the editor replies, fixes and
resolves; the coordinator submits again; the mentor approves.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py.
"""

from __future__ import annotations

from django.urls import reverse

from masterplan.models import AuditEvent, Book
from reviews.models import Comment


def test_mentor_requests_changes_editor_fixes_mentor_approves(
    transactional_db, base_url, world, new_page, login, screenshot
):
    book = world.plan_a.books.get(number=1)
    book.sections.filter(required=True).update(body="<p>Isi bab.</p>")
    Book.objects.filter(pk=book.pk).update(status=Book.Status.SUBMITTED)
    section = book.sections.get(key="pendahuluan")
    review_url = base_url + reverse("reviews:book_review", args=[world.plan_a.pk, 1])

    # The mentor opens the section from the review panel and comments, without a reload.
    mentor = login(new_page(), world.mentor_a)
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
    editor = login(new_page(), world.editor_a)
    assert editor.locator(".notification-count").count() == 1
    editor.goto(base_url + reverse("section_edit", args=[section.pk]))
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
    coordinator = login(new_page(), world.coordinator_a)
    coordinator.goto(review_url)
    coordinator.click("button[data-action=submit]")
    coordinator.wait_for_selector(".book-status[data-status=submitted]")
    mentor.goto(review_url)
    mentor.click("button[data-action=approve]")
    mentor.wait_for_selector(".book-status[data-status=approved]")
    screenshot(mentor)

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
