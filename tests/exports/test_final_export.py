"""Final export: admin only, refused on check errors, freezes the book, audited; reopening."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from exports import services
from exports.models import ExportJob
from exports.render import RenderResult
from masterplan.models import AuditEvent, Book
from masterplan.permissions import can_edit

pytestmark = pytest.mark.django_db


@dataclass
class Finding:
    severity: str
    message: str


@pytest.fixture(autouse=True)
def no_check_findings(monkeypatch):
    """The bare test plans fail the real checks (no programmes…); the refusal has its test."""
    monkeypatch.setattr(services, "book_checks", lambda book: [])


@pytest.fixture
def fake_render(monkeypatch):
    calls = []

    def render(book, *, final=False, progress=None, time_limit=None):
        calls.append(final)
        return RenderResult(pdf=b"%PDF-1.7\n" + (b"FINAL" if final else b"DRAF"), pages=2)

    monkeypatch.setattr("exports.render.render_book", render)
    return calls


def approved(book: Book) -> Book:
    """Only a book the mentor approved may become final."""
    Book.objects.filter(pk=book.pk).update(status=Book.Status.APPROVED)
    book.refresh_from_db()
    return book


def finalise(client, book, capture):
    with capture(execute=True):
        return client.post(reverse("exports:export_finalise", args=[book.pk]))


def test_only_an_admin_may_finalise_or_reopen(
    client, world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    url = reverse("exports:export_finalise", args=[book.pk])
    assert client.post(url).status_code == 302  # to the login page
    for user in (world.coordinator_a, world.editor_a, world.viewer_a, world.mentor_a):
        client.force_login(user)
        assert client.post(url).status_code == 403
    client.force_login(world.editor_b)
    assert client.post(url).status_code == 404
    client.force_login(world.coordinator_a)
    assert client.post(reverse("exports:book_reopen", args=[book.pk])).status_code == 403
    book.refresh_from_db()
    assert book.status == Book.Status.DRAFT
    assert fake_render == []


def test_a_book_not_yet_approved_cannot_become_final(
    world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    with pytest.raises(services.ExportRefused):
        services.book_finalise(book=book, by=world.admin)
    book.refresh_from_db()
    assert book.status == Book.Status.DRAFT
    assert fake_render == []


def test_final_export_freezes_the_book_without_watermark_and_audits(
    client, world, fake_render, django_capture_on_commit_callbacks
):
    book = approved(world.plan_a.books.get(number=2))
    client.force_login(world.admin)
    response = finalise(client, book, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    book.refresh_from_db()
    assert book.status == Book.Status.FINAL
    assert not can_edit(world.editor_a, book)
    assert not can_edit(world.admin, book.sections.first())
    event = AuditEvent.objects.get(action="book.finalise")
    assert (event.actor, event.target_uuid, event.region_id) == (
        world.admin,
        book.uuid,
        world.plan_a.region_id,
    )
    job = ExportJob.objects.get(book=book)
    assert job.final and job.state == ExportJob.State.DONE
    assert fake_render == [True]
    assert job.file.open("rb").read().endswith(b"FINAL")

    # A later export of the frozen book is final too, and reuses the file.
    client.force_login(world.viewer_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exports:export_start", args=[book.pk]))
    latest = ExportJob.objects.filter(book=book).first()
    assert latest.final and latest.reused_from == job
    assert fake_render == [True]


def test_the_real_checks_run_before_freezing(world, monkeypatch):
    monkeypatch.undo()
    findings = services.book_checks(world.plan_a.books.get(number=2))
    assert all(finding.severity in {"error", "warning"} for finding in findings)


def test_check_errors_refuse_the_final_export(
    client, world, fake_render, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        services,
        "book_checks",
        lambda book: [
            Finding("warning", "Forum jarang bertemu"),
            Finding("error", "Program tanpa indikator"),
        ],
    )
    book = approved(world.plan_a.books.get(number=2))
    client.force_login(world.admin)
    response = finalise(client, book, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    book.refresh_from_db()
    assert book.status == Book.Status.APPROVED
    assert not ExportJob.objects.filter(book=book).exists()
    assert not AuditEvent.objects.filter(action="book.finalise").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Program tanpa indikator" in page


def test_warnings_alone_do_not_block(
    world, fake_render, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "book_checks", lambda book: [Finding("warning", "x")])
    book = approved(world.plan_a.books.get(number=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.book_finalise(book=book, by=world.admin)
    book.refresh_from_db()
    assert book.status == Book.Status.FINAL


def test_reopening_is_an_audited_admin_action(
    client, world, fake_render, django_capture_on_commit_callbacks
):
    book = approved(world.plan_a.books.get(number=3))
    client.force_login(world.admin)
    finalise(client, book, django_capture_on_commit_callbacks)
    response = client.post(reverse("exports:book_reopen", args=[book.pk]))
    assert response.status_code == 302
    book.refresh_from_db()
    assert book.status == Book.Status.APPROVED
    assert can_edit(world.editor_a, book)
    event = AuditEvent.objects.get(action="book.reopen")
    assert event.actor == world.admin
    assert event.changes == {"status": ["final", "approved"]}
    # The next export is a draft again.
    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_request(book=book, by=world.admin)
    assert not job.final
