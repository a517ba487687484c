"""Export jobs through the portal: permissions, history, cache, failures, progress."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exports import services
from exports.models import ExportJob
from exports.render import RenderResult
from exports.services import export_request
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_render(monkeypatch):
    """A stand-in renderer: these tests are about jobs, not layout."""
    calls = []

    def render(book, *, final=False, progress=None, time_limit=None):
        calls.append((book.pk, final))
        if progress:
            for stage in ("collecting", "layout", "writing"):
                progress(stage)
        marker = b"FINAL" if final else b"DRAF"
        return RenderResult(pdf=b"%PDF-1.7\n" + marker + b"\n%%EOF", pages=3)

    monkeypatch.setattr("exports.render.render_book", render)
    return calls


def login(client, user):
    client.force_login(user)
    return client


def start(client, book, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("exports:export_start", args=[book.pk]), **extra)


def test_the_export_page_follows_the_permission_ladder(client, world):
    book = world.plan_a.books.get(number=2)
    url = reverse("exports:book_exports", args=[book.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/akun/login/" in response["Location"]
    assert login(client, world.editor_b).get(url).status_code == 404
    assert login(client, world.outsider).get(url).status_code == 404
    response = login(client, world.viewer_a).get(url)
    assert response.status_code == 200
    finalise_url = reverse("exports:export_finalise", args=[book.pk])
    assert finalise_url not in response.content.decode()
    response = login(client, world.admin).get(url)
    assert finalise_url in response.content.decode()
    plan_url = reverse("exports:plan_exports", args=[world.plan_a.pk])
    assert login(client, world.editor_b).get(plan_url).status_code == 404
    assert login(client, world.viewer_a).get(plan_url).status_code == 200


def test_a_member_exports_and_downloads_with_a_clean_name(
    client, world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    login(client, world.editor_a)
    response = start(client, book, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    job = ExportJob.objects.get(book=book)
    assert job.state == ExportJob.State.DONE
    assert (job.pages, job.size, job.requested_by) == (
        3,
        len(b"%PDF-1.7\nDRAF\n%%EOF"),
        world.editor_a,
    )
    assert job.content_hash and job.duration is not None

    download = reverse("exports:export_download", args=[job.uuid])
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="Buku-2-Masterplan-Kab-A-2024.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Never a public URL: the file lives outside MEDIA_ROOT.
    with pytest.raises(ValueError):
        _ = job.file.url

    client.logout()
    assert client.get(download).status_code == 302
    assert login(client, world.editor_b).get(download).status_code == 404
    assert login(client, world.outsider).get(download).status_code == 404
    assert login(client, world.viewer_a).get(download).status_code == 200
    assert login(client, world.mentor_a).get(download).status_code == 200


def test_an_unchanged_book_reuses_the_stored_file(
    world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = export_request(book=book, by=world.editor_a)
    first.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        second = export_request(book=book, by=world.viewer_a)
    assert len(fake_render) == 1
    assert second.pk != first.pk
    assert second.state == ExportJob.State.DONE
    assert second.reused_from == first
    assert second.file.name == first.file.name
    assert second.content_hash == first.content_hash

    section = book.sections.order_by("order").first()
    section.body = "<p>Teks baru.</p>"
    section.save()
    with django_capture_on_commit_callbacks(execute=True):
        third = export_request(book=book, by=world.editor_a)
    third.refresh_from_db()
    assert len(fake_render) == 2
    assert third.reused_from is None
    assert third.content_hash != first.content_hash


def test_a_change_in_any_linked_record_changes_the_hash(world):
    book = world.plan_a.books.get(number=2)
    before = services.book_content_hash(book, final=False)
    assert services.book_content_hash(book, final=False) == before
    programme = factories.programme(world.plan_a)
    after_add = services.book_content_hash(book, final=False)
    assert after_add != before
    programme.name = "Nama baru"
    programme.save()
    after_edit = services.book_content_hash(book, final=False)
    assert after_edit != after_add
    programme.delete()
    assert services.book_content_hash(book, final=False) == before
    assert services.book_content_hash(book, final=True) != before


def test_a_failure_is_recorded_and_shown_and_nothing_is_served(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(book, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr("exports.render.render_book", broken)
    book = world.plan_a.books.get(number=4)
    login(client, world.coordinator_a)
    start(client, book, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get(book=book)
    assert job.state == ExportJob.State.FAILED
    assert "RuntimeError: layout exploded" in job.error
    assert not job.file
    assert client.get(reverse("exports:export_download", args=[job.uuid])).status_code == 404
    page = client.get(reverse("exports:book_exports", args=[book.pk])).content.decode()
    assert "layout exploded" in page


def test_htmx_gets_the_progress_partial(
    client, world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=3)
    login(client, world.editor_a)
    response = start(client, book, django_capture_on_commit_callbacks, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="progressbar"' in html and "<nav" not in html
    # Answered before the worker ran: the job polls itself every second...
    assert 'hx-trigger="every 1s"' in html and "0%" in html
    job = ExportJob.objects.get(book=book)
    url = reverse("exports:export_progress", args=[job.uuid])
    # ...until it is done and offers the download.
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in html and "100%" in html
    assert reverse("exports:export_download", args=[job.uuid]) in html
    assert client.get(url).status_code == 302  # without htmx: the export page
    assert login(client, world.editor_b).get(url, HTTP_HX_REQUEST="true").status_code == 404


def test_progress_moves_through_the_stages(world, monkeypatch):
    seen = []
    book = world.plan_a.books.get(number=3)
    job = ExportJob.objects.create(book=book, content_hash="x")

    def render(book, *, final=False, progress=None, time_limit=None):
        for stage in ("collecting", "layout", "writing"):
            progress(stage)
            seen.append(ExportJob.objects.get(pk=job.pk).percent)
        return RenderResult(pdf=b"%PDF-1.7\n%%EOF", pages=1)

    monkeypatch.setattr("exports.render.render_book", render)
    services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert seen == sorted(seen) and seen[0] > 0
    assert (job.state, job.percent) == (ExportJob.State.DONE, 100)


@pytest.mark.smoke
def test_the_export_page_issues_a_constant_number_of_queries(
    client, world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    login(client, world.editor_a)
    url = reverse("exports:book_exports", args=[book.pk])
    start(client, book, django_capture_on_commit_callbacks)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for index in range(12):
        ExportJob.objects.create(book=book, content_hash=f"h{index}", requested_by=world.viewer_a)
        factories.programme(world.plan_a, name=f"Program {index}")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
