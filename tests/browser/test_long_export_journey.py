"""Long exports that are not one book run as background jobs: the admin makes the complete
document from the plan's export page, a coordinator the year's evaluation report from the
monitoring dashboard. Each sees the job's card polled (progress), then downloads the PDF.

No broker and no synchronous exports here: the job runs in the portal's background thread,
as in a deployment without Celery, and the page polls it (tests/browser/conftest.py for
the set-up).
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from exports.models import ExportJob
from masterplan.celery import app as celery_app
from tests.monitoring.builders import YEAR, reported_programme

JOB_TIMEOUT_MS = 180_000


@pytest.fixture
def background_jobs(settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path / "exports"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_SYNCHRONOUS = False  # the background thread, never the request
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def download_pdf(page, card) -> tuple[str, bytes]:
    link = card.locator("a[href$='/unduh/']")
    link.wait_for(timeout=JOB_TIMEOUT_MS)
    with page.expect_download() as pending:
        link.click()
    download = pending.value
    with open(download.path(), "rb") as handle:
        return download.suggested_filename, handle.read()


def test_admin_makes_the_complete_document_in_the_background(
    transactional_db, background_jobs, world, base_url, new_page, login, screenshot
):
    plan = world.plan_a
    admin = login(new_page(accept_downloads=True), world.admin)
    admin.goto(base_url + reverse("exports:plan_exports", args=[plan.pk]))
    admin.get_by_role("button", name="Unduh dokumen lengkap (PDF)").click()

    card = admin.locator("#complete-export .export-job")
    card.wait_for()  # the request answered at once: the job's card, polled
    assert card.locator("[role=progressbar]").count() == 1
    first_state = card.get_attribute("data-state")
    assert first_state in {"queued", "running", "done"}
    screenshot_path = screenshot(admin)
    card.locator(".progress-bar.bg-success").wait_for(timeout=JOB_TIMEOUT_MS)
    name, data = download_pdf(admin, card)

    assert name.startswith("Masterplan-") and name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(data))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [f"Buku {book.number} {book.title}" for book in plan.books.order_by("number")]
    job = ExportJob.objects.get(kind=ExportJob.Kind.COMPLETE)
    assert job.state == "done" and job.pages == len(reader.pages)
    screenshot_path.rename(screenshot_path.with_name("complete-document-progress.png"))
    screenshot(admin)


def test_coordinator_makes_the_evaluation_report_from_the_dashboard(
    transactional_db, background_jobs, world, base_url, new_page, login, screenshot
):
    plan = world.plan_a
    programme = reported_programme(plan, 1)
    coordinator = login(new_page(accept_downloads=True), world.coordinator_a)
    dashboard = reverse("monitoring:monitoring_dashboard", args=[plan.pk]) + f"?tahun={YEAR}"
    coordinator.goto(base_url + dashboard)
    coordinator.get_by_role("button", name=f"Buat laporan evaluasi {YEAR}").click()

    card = coordinator.locator("#evaluation-export .export-job")
    card.wait_for()
    assert card.locator("[role=progressbar]").count() == 1
    card.locator(".progress-bar.bg-success").wait_for(timeout=JOB_TIMEOUT_MS)
    name, data = download_pdf(coordinator, card)

    assert name == f"Laporan-Evaluasi-Kab-A-{YEAR}.pdf"
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    assert f"Laporan Evaluasi Pelaksanaan Masterplan Tahun {YEAR}" in text
    assert programme.code in text
    # back on the dashboard later, the finished report is there to download
    coordinator.goto(base_url + dashboard)
    coordinator.locator("#evaluation-export a[href$='/unduh/']").wait_for()
    screenshot(coordinator)
