"""The admin freezes the approved Buku 2 of the demo plan and exports it as final: the
progress bar ends in "done" with a download link, the PDF has no DRAF mark; the Word file
comes through its own progress card; and the editor finds the book read-only.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py. Celery runs
in-process here (no broker), so the export is done before the page comes back.
"""

from __future__ import annotations

import io

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from demo.cohort import PASSWORD
from exports.models import ExportJob
from exports.services import blocking_findings, book_checks
from masterplan.celery import app as celery_app
from masterplan.models import Book, Plan, User
from reviews import workflow
from reviews.services import book_transition
from tests.browser.conftest import screenshot_dir

RENDER_TIMEOUT_MS = 180_000  # WeasyPrint renders the whole book inside the request


@pytest.fixture
def eager_celery():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def approved_book_2(settings, tmp_path) -> Book:
    """The demo plan's Buku 2, submitted by the coordinator and approved by the mentor."""
    settings.EXPORT_ROOT = tmp_path / "exports"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    plan = Plan.objects.get(region__slug="pekalongan")
    book = plan.books.get(number=2)
    book_transition(book=book, action=workflow.SUBMIT, by=User.objects.get(username="koordinator"))
    book_transition(book=book, action=workflow.APPROVE, by=User.objects.get(username="mentor"))
    book.refresh_from_db()
    assert book.status == Book.Status.APPROVED
    assert blocking_findings(book_checks(book)) == []
    return book


def test_admin_exports_the_final_book_and_it_is_frozen(
    transactional_db, eager_celery, approved_book_2, base_url, new_page, login, screenshot
):
    book = approved_book_2
    admin = login(new_page(accept_downloads=True), "admin", PASSWORD)

    # From the plan's export page to Buku 2, then freeze it and export the final PDF.
    admin.goto(base_url + reverse("exports:plan_exports", args=[book.plan_id]))
    admin.click(f"a[href='{reverse('exports:book_exports', args=[book.pk])}']")
    finalise = f"form[action='{reverse('exports:export_finalise', args=[book.pk])}'] button"
    admin.click(finalise, timeout=RENDER_TIMEOUT_MS)
    admin.wait_for_selector(".alert-success", timeout=RENDER_TIMEOUT_MS)
    book.refresh_from_db()
    assert book.status == Book.Status.FINAL
    job = ExportJob.objects.get(book=book)
    assert job.final and job.state == ExportJob.State.DONE

    # The export button now makes the final PDF: the progress bar comes back done.
    admin.click(f"form[action='{reverse('exports:export_start', args=[book.pk])}'] button")
    progress = admin.locator("#current-export [role=progressbar]")
    progress.wait_for()
    assert progress.get_attribute("aria-valuenow") == "100"
    assert admin.locator("#current-export .progress-bar.bg-success").count() == 1
    download_link = admin.locator("#current-export a[href$='/unduh/']")
    download_link.wait_for()

    with admin.expect_download() as pending:
        download_link.click()
    download = pending.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    assert len(texts) > 5
    assert "Masterplan" in " ".join(texts)
    assert not [number for number, text in enumerate(texts, 1) if "DRAF" in text]

    # The Word file: an export job too, with its own card and download.
    admin.click("#book-word")
    word_link = admin.locator("#word-export a[href$='/unduh/']")
    word_link.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert admin.locator("#word-export .export-job[data-kind=docx]").count() == 1
    admin.screenshot(path=str(screenshot_dir() / "export-journey-word-card.png"), full_page=True)
    with admin.expect_download() as pending:
        word_link.click()
    word = pending.value
    assert (
        word.suggested_filename == f"Buku-2-Masterplan-Kab-Pekalongan-{book.plan.cohort.year}.docx"
    )
    paragraphs = [p.text for p in docx.Document(word.path()).paragraphs]
    assert any("Masterplan" in text for text in paragraphs)
    assert ExportJob.objects.get(kind=ExportJob.Kind.DOCX, book=book).final

    # The book is frozen: the editor can read a chapter but no longer edit it.
    editor = login(new_page(), "editor", PASSWORD)
    section = book.sections.exclude(body="").order_by("order", "pk").first()
    editor.goto(base_url + reverse("section_edit", args=[section.pk]))
    editor.locator(".alert-secondary").wait_for()
    assert editor.locator(".rich-text").count() == 1
    assert editor.locator("#section-form").count() == 0
    assert editor.locator(".prose-editor").count() == 0
    assert editor.locator("#id_title, #id_body, [contenteditable=true]").count() == 0
    screenshot(editor)
