"""Export jobs that are not one book: the complete document (admins) and the year's
evaluation report (whoever sees the plan), run by the runner, polled and downloaded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exports.models import ExportJob
from exports.render import RenderTimeout
from masterplan.models import AuditEvent
from tests.exports.conftest import Pdf
from tests.monitoring.builders import YEAR, reported_programme

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def complete_url(plan) -> str:
    return reverse("exports:complete_start", args=[plan.pk])


def evaluation_url(plan, year=YEAR) -> str:
    return reverse("monitoring:evaluation_report_start", args=[plan.pk, year])


def progress(job) -> str:
    return reverse("exports:export_progress", args=[job.uuid])


def download(job) -> str:
    return reverse("exports:export_download", args=[job.uuid])


def post(client, url, capture, **extra):
    with capture(execute=True):
        return client.post(url, **extra)


def test_an_admin_makes_the_complete_document_with_the_four_books_as_bookmarks(
    client, world, django_capture_on_commit_callbacks
):
    plan = world.plan_a
    client.force_login(world.admin)
    response = post(client, complete_url(plan), django_capture_on_commit_callbacks, **HTMX)

    assert response.status_code == 200
    job = ExportJob.objects.get(plan=plan, kind=ExportJob.Kind.COMPLETE)
    assert (job.state, job.book, job.requested_by) == ("done", None, world.admin)
    assert job.error == "" and job.pages and job.content_hash
    card = response.content.decode()  # answered before the job ran: the polled card
    assert f'id="job-{job.uuid}"' in card and f'hx-get="{progress(job)}"' in card
    polled = client.get(progress(job), **HTMX).content.decode()
    assert download(job) in polled and "hx-get" not in polled

    got = client.get(download(job))
    assert got.status_code == 200
    assert got["Content-Disposition"].startswith('attachment; filename="Masterplan-')
    pdf = Pdf(b"".join(got.streaming_content))
    top = [item.title for item in pdf.reader.outline if not isinstance(item, list)]
    books = plan.books.order_by("number").values_list("number", "title")
    assert top == [f"Buku {number} {title}" for number, title in books]
    assert len(pdf.reader.pages) == job.pages
    assert AuditEvent.objects.filter(action="plan.export_complete").count() == 1

    # the same four books again: the stored file, no second render
    again = post(client, complete_url(plan), django_capture_on_commit_callbacks, **HTMX)
    assert again.status_code == 200
    latest = ExportJob.objects.filter(kind=ExportJob.Kind.COMPLETE).first()
    assert latest.reused_from == job and latest.file.name == job.file.name
    # and the export page shows it to the admin
    page = client.get(reverse("exports:plan_exports", args=[plan.pk])).content.decode()
    assert complete_url(plan) in page and download(latest) in page


def test_the_complete_document_is_the_admins_alone(client, world, monkeypatch):
    monkeypatch.setattr("exports.services._enqueue", lambda job: None)
    plan = world.plan_a
    job = ExportJob.objects.create(plan=plan, kind=ExportJob.Kind.COMPLETE, content_hash="c")
    for persona in ("coordinator_a", "editor_a", "viewer_a", "mentor_a"):
        client.force_login(getattr(world, persona))
        assert client.post(complete_url(plan)).status_code == 403, persona
        assert client.get(progress(job)).status_code == 403, persona
        assert client.get(download(job)).status_code == 403, persona
        page = client.get(reverse("exports:plan_exports", args=[plan.pk])).content.decode()
        assert complete_url(plan) not in page
    client.force_login(world.editor_b)
    assert client.post(complete_url(plan)).status_code == 404
    assert client.get(progress(job)).status_code == 404
    client.force_login(world.admin)
    assert client.get(download(job)).status_code == 404  # queued: no file yet
    assert client.get(progress(job), **HTMX).status_code == 200


def test_a_coordinator_makes_the_evaluation_report_of_the_year(
    client, world, django_capture_on_commit_callbacks
):
    plan = world.plan_a
    programme = reported_programme(plan, 1)
    client.force_login(world.coordinator_a)
    response = post(client, evaluation_url(plan), django_capture_on_commit_callbacks, **HTMX)

    assert response.status_code == 200
    job = ExportJob.objects.get(plan=plan, kind=ExportJob.Kind.EVALUATION)
    assert (job.state, job.year, job.book) == ("done", YEAR, None)
    assert f'hx-get="{progress(job)}"' in response.content.decode()
    assert download(job) in client.get(progress(job), **HTMX).content.decode()
    assert AuditEvent.objects.filter(action="monitoring.report_export").count() == 1

    for persona in ("viewer_a", "mentor_a", "admin"):  # who sees the plan reads its report
        client.force_login(getattr(world, persona))
        got = client.get(download(job))
        assert got.status_code == 200, persona
        assert f"Laporan-Evaluasi-Kab-A-{YEAR}.pdf" in got["Content-Disposition"]
    pdf = Pdf(b"".join(got.streaming_content))
    text = " ".join(pdf.texts())
    assert f"Laporan Evaluasi Pelaksanaan Masterplan Tahun {YEAR}" in text
    assert programme.code in text
    client.force_login(world.editor_b)
    assert client.get(download(job)).status_code == 404
    assert client.get(progress(job)).status_code == 404
    assert client.post(evaluation_url(plan)).status_code == 404

    # the dashboard of that year shows the finished report
    client.force_login(world.coordinator_a)
    dashboard = reverse("monitoring:monitoring_dashboard", args=[plan.pk]) + f"?tahun={YEAR}"
    html = client.get(dashboard).content.decode()
    assert evaluation_url(plan) in html and download(job) in html


def test_the_old_report_url_never_renders_in_the_request(
    client, world, django_capture_on_commit_callbacks
):
    plan = world.plan_a
    url = reverse("monitoring:evaluation_report", args=[plan.pk, YEAR])
    client.force_login(world.viewer_a)
    waiting = client.get(url)  # the job is queued (it runs after the commit)
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "5"
    job = ExportJob.objects.get(kind=ExportJob.Kind.EVALUATION)
    assert job.state == "queued" and waiting["Location"].endswith(progress(job))
    ExportJob.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    ready = client.get(url)  # the same content: the stored file
    assert ready.status_code == 302 and "/unduh/" in ready["Location"]
    assert client.get(ready["Location"])["Content-Type"] == "application/pdf"
    assert (
        client.get(reverse("monitoring:evaluation_report", args=[plan.pk, 1990])).status_code == 404
    )


def test_progress_of_a_running_report_is_polled_on_the_dashboard(client, world):
    plan = world.plan_a
    job = ExportJob.objects.create(
        plan=plan,
        kind=ExportJob.Kind.EVALUATION,
        year=YEAR,
        content_hash="r",
        state=ExportJob.State.RUNNING,
        stage=ExportJob.Stage.WRITING,
    )
    client.force_login(world.mentor_a)
    dashboard = reverse("monitoring:monitoring_dashboard", args=[plan.pk]) + f"?tahun={YEAR}"
    html = client.get(dashboard).content.decode()
    assert f'hx-get="{progress(job)}"' in html and "85%" in html
    card = client.get(progress(job), **HTMX).content.decode()
    assert "Membuat PDF" in card and "85%" in card
    assert f'hx-get="{progress(job)}"' in card
    assert client.get(progress(job)).status_code == 302  # without htmx: to the dashboard


def test_a_failed_report_says_why_in_indonesian(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.EVALUATION_REPORT_PDF = "tests.exports.test_job_kinds.too_slow"
    client.force_login(world.coordinator_a)
    response = post(
        client, evaluation_url(world.plan_a), django_capture_on_commit_callbacks, **HTMX
    )
    job = ExportJob.objects.get(kind=ExportJob.Kind.EVALUATION)
    assert job.state == "failed" and not job.file
    assert "300 detik dan dihentikan" in job.error, job.error
    assert response.status_code == 200
    card = client.get(progress(job), **HTMX).content.decode()
    assert "bg-danger" in card and f"Ekspor gagal: {job.error}" in card


def too_slow(plan, year, *, progress=None):
    raise RenderTimeout(seconds=300)
