"""PDF exports through the API: start, poll, download, with the portal's permissions."""

from __future__ import annotations

import pytest

from exports.models import ExportJob
from exports.render import RenderResult
from masterplan.celery import app as celery_app
from tests.api.conftest import client_for, url

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\nDRAF\n%%EOF"


@pytest.fixture(autouse=True)
def _exports_in_process(settings, tmp_path):
    """Private storage in a temporary folder, and the export task run in-process."""
    settings.EXPORT_ROOT = tmp_path / "exports"
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def fake_render(monkeypatch):
    calls = []

    def render(book, *, final=False, progress=None, time_limit=None):
        calls.append(book.pk)
        if progress:
            for stage in ("collecting", "layout", "writing"):
                progress(stage)
        return RenderResult(pdf=PDF, pages=3)

    monkeypatch.setattr("exports.render.render_book", render)
    return calls


def test_a_viewer_starts_polls_and_downloads_an_export(
    world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    client = client_for(world.viewer_a, token=True)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url("export-jobs"), {"book": book.pk}, format="json")
    assert started.status_code == 201, started.data
    assert started.data["book"] == book.pk
    assert started.data["requested_by"] == world.viewer_a.pk

    job = client.get(url("export-jobs", started.data["id"]))
    assert job.status_code == 200
    assert {key: job.data[key] for key in ("state", "stage", "percent", "pages", "bytes")} == {
        "state": "done",
        "stage": "done",
        "percent": 100,
        "pages": 3,
        "bytes": len(PDF),
    }
    assert job.data["error"] == ""
    download = f"{url('export-jobs', started.data['id'])}download/"
    assert job.data["download"] == f"http://testserver{download}"

    response = client.get(download, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="Buku-2-Masterplan-Kab-A-2024.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF

    assert client_for(None).get(download).status_code == 401
    for outsider in (world.editor_b, world.outsider):
        assert client_for(outsider).get(download).status_code == 404
        assert client_for(outsider).get(url("export-jobs", started.data["id"])).status_code == 404

    # an unchanged book reuses the stored file
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url("export-jobs"), {"book": book.pk}, format="json")
    assert again.status_code == 201
    assert again.data["state"] == "done"
    assert len(fake_render) == 1


def test_a_running_export_has_no_file_yet(world, records):
    job = records["A"]["export-job"]
    client = client_for(world.editor_a)
    polled = client.get(url("export-jobs", job.pk))
    assert (polled.data["state"], polled.data["percent"], polled.data["download"]) == (
        "queued",
        0,
        None,
    )
    response = client.get(f"{url('export-jobs', job.pk)}download/")
    assert response.status_code == 409
    assert response.json()["detail"]


def test_a_failed_export_says_why(world, records, monkeypatch, django_capture_on_commit_callbacks):
    def broken(book, **kwargs):
        raise RuntimeError("font missing")

    monkeypatch.setattr("exports.render.render_book", broken)
    client = client_for(world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url("export-jobs"), {"book": records["A"]["book"].pk}, format="json")
    job = client.get(url("export-jobs", started.data["id"]))
    assert (job.data["state"], job.data["error"]) == ("failed", "RuntimeError: font missing")
    assert client.get(f"{url('export-jobs', job.data['id'])}download/").status_code == 409


def test_a_file_gone_from_disk_is_404(world, fake_render, django_capture_on_commit_callbacks):
    book = world.plan_a.books.get(number=1)
    client = client_for(world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url("export-jobs"), {"book": book.pk}, format="json")
    job = ExportJob.objects.get(pk=started.data["id"])
    job.file.storage.delete(job.file.name)
    assert client.get(f"{url('export-jobs', job.pk)}download/").status_code == 404


def test_another_regions_book_is_not_exported(world, records):
    before = ExportJob.objects.count()
    response = client_for(world.editor_a).post(
        url("export-jobs"), {"book": records["B"]["book"].pk}, format="json"
    )
    assert response.status_code == 400
    assert "book" in response.data
    assert ExportJob.objects.count() == before


def test_lists_of_jobs_filter_by_book_and_plan(world, records):
    client = client_for(world.admin)
    book = records["A"]["book"]
    by_book = client.get(url("export-jobs"), {"book": book.pk})
    assert [item["id"] for item in by_book.data["results"]] == [records["A"]["export-job"].pk]
    by_plan = client.get(url("export-jobs"), {"plan": world.plan_b.pk})
    assert [item["id"] for item in by_plan.data["results"]] == [records["B"]["export-job"].pk]


def test_the_complete_document_and_the_evaluation_report_through_the_api(
    world, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """The other kinds of job, with the portal's rules: the complete document for admins,
    the year's evaluation report for whoever sees the plan."""

    def complete(plan, *, final=False, progress=None, chunked=None):
        return PDF, 9

    monkeypatch.setattr("exports.combined.plan_complete_pdf", complete)
    settings.EVALUATION_REPORT_PDF = "tests.api.test_exports_api.report"
    plan = world.plan_a
    body = {"kind": "complete", "plan": plan.pk}
    for persona in ("coordinator_a", "viewer_a", "mentor_a"):
        refused = client_for(getattr(world, persona)).post(url("export-jobs"), body, format="json")
        assert refused.status_code == 403, persona
    assert (
        client_for(world.editor_b).post(url("export-jobs"), body, format="json").status_code == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        started = client_for(world.admin).post(url("export-jobs"), body, format="json")
    assert started.status_code == 201, started.data
    assert (started.data["kind"], started.data["book"], started.data["plan"]) == (
        "complete",
        None,
        plan.pk,
    )
    complete_id = started.data["id"]
    done = client_for(world.admin).get(url("export-jobs", complete_id))
    assert (done.data["state"], done.data["pages"]) == ("done", 9)
    # not the coordinator's: it does not exist for them
    assert client_for(world.coordinator_a).get(url("export-jobs", complete_id)).status_code == 404

    body = {"kind": "evaluation", "plan": plan.pk, "year": 2026}
    wrong_year = client_for(world.viewer_a).post(
        url("export-jobs"), {**body, "year": 1990}, format="json"
    )
    assert wrong_year.status_code == 400 and "year" in wrong_year.data
    with django_capture_on_commit_callbacks(execute=True):
        started = client_for(world.viewer_a).post(url("export-jobs"), body, format="json")
    assert started.status_code == 201, started.data
    assert (started.data["kind"], started.data["year"]) == ("evaluation", 2026)
    response = client_for(world.mentor_a).get(f"{url('export-jobs', started.data['id'])}download/")
    assert response.status_code == 200
    assert "Laporan-Evaluasi-Kab-A-2026.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert client_for(world.editor_b).get(url("export-jobs", started.data["id"])).status_code == 404

    listed = client_for(world.coordinator_a).get(url("export-jobs"), {"plan": plan.pk})
    assert [item["kind"] for item in listed.data["results"]] == ["evaluation"]
    kinds = client_for(world.admin).get(url("export-jobs"), {"plan": plan.pk, "kind": "complete"})
    assert [item["id"] for item in kinds.data["results"]] == [complete_id]


def report(plan, year, *, progress=None):
    return PDF, 2
