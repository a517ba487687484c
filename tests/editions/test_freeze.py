"""A final export freezes an edition: the records, the printed outline, the PDF, who and
when; reopening and exporting again makes the next edition."""

from __future__ import annotations

import pytest
from django.urls import reverse

from editions.models import Edition
from masterplan.editing import record_save
from masterplan.models import AuditEvent
from tests import factories
from tests.editions.conftest import PDF, finalise, reopen

pytestmark = pytest.mark.django_db


def test_it_freezes_an_edition_on_the_final_export(
    world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    programme = factories.programme(world.plan_a, name="Mal Pelayanan Publik")
    finalise(book, world.admin, django_capture_on_commit_callbacks)

    edition = Edition.objects.get(book=book)
    assert edition.number == 1
    assert edition.frozen_by == world.admin
    assert edition.export_job.final
    assert edition.pdf.read() == PDF
    frozen = edition.snapshot["records"]["programs.programme"]
    assert [(row["uuid"], row["name"]) for row in frozen] == [
        (str(programme.uuid), "Mal Pelayanan Publik")
    ]
    assert edition.snapshot["records"]["masterplan.section"]  # the book's own sections
    assert [node["number"] for node in edition.snapshot["outline"]][:2] == ["1", "1.1"]
    assert AuditEvent.objects.filter(action="edition.freeze").count() == 1
    assert fake_render == []  # the first edition has nothing to redline against


def test_reopening_starts_the_next_edition_and_the_first_stays_as_it_was(
    world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    programme = factories.programme(world.plan_a, name="Mal Pelayanan Publik")
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    reopen(book, world.admin)
    programme.name = "Mal Pelayanan Publik Digital"
    record_save(programme, by=world.editor_a)
    finalise(book, world.admin, django_capture_on_commit_callbacks)

    first, second = Edition.objects.filter(book=book).order_by("number")
    assert (first.number, second.number) == (1, 2)
    names = [
        edition.snapshot["records"]["programs.programme"][0]["name"] for edition in (first, second)
    ]
    assert names == ["Mal Pelayanan Publik", "Mal Pelayanan Publik Digital"]
    assert fake_render == ["Edisi 1"]  # edition 2 carries its redline against edition 1
    assert second.redline_pdf


def test_an_unchanged_book_exported_again_makes_no_new_edition(
    world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=1)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    reopen(book, world.admin)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    assert Edition.objects.filter(book=book).count() == 1


def test_a_draft_export_freezes_nothing(world, fake_render, client):
    book = world.plan_a.books.get(number=1)
    client.force_login(world.editor_a)
    client.post(reverse("exports:export_start", args=[book.pk]))
    assert not Edition.objects.exists()


def test_the_book_page_and_the_editions_page_list_the_editions(
    world, fake_render, client, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    edition = Edition.objects.get(book=book)
    client.force_login(world.coordinator_a)
    page = reverse("editions:book_editions", args=[book.pk])
    response = client.post(
        reverse("editions:edition_regulation", args=[edition.uuid]),
        {"e1-regulation_number": "Perbup No. 12/2025", "e1-regulation_date": "2025-03-03"},
    )
    assert response.status_code == 302
    assert response["Location"] == page
    client.force_login(world.viewer_a)
    book_page = client.get(reverse("book_detail", args=[world.plan_a.pk, 2]))
    assert "Edisi 1 — Perbup No. 12/2025, 3 Maret 2025" in book_page.text
    listing = client.get(page)
    assert "Edisi 1 — Perbup No. 12/2025, 3 Maret 2025" in listing.text
    assert "Masukkan peraturan" not in listing.text  # a viewer cannot enter it
    download = client.get(reverse("editions:edition_download", args=[edition.uuid]))
    assert b"".join(download.streaming_content) == PDF
    assert AuditEvent.objects.filter(action="edition.adopt").count() == 1


def test_only_coordinators_and_admins_enter_the_regulation(
    world, fake_render, client, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    edition = Edition.objects.get(book=book)
    url = reverse("editions:edition_regulation", args=[edition.uuid])
    data = {"e1-regulation_number": "Perbup No. 1/2025", "e1-regulation_date": "2025-01-02"}
    for user, status in ((world.editor_a, 403), (world.mentor_a, 403), (world.editor_b, 404)):
        client.force_login(user)
        assert client.post(url, data).status_code == status
    edition.refresh_from_db()
    assert edition.regulation_number == ""


def test_the_editions_page_issues_a_constant_number_of_queries(
    world, fake_render, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    book = world.plan_a.books.get(number=2)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    url = reverse("editions:book_editions", args=[book.pk])
    client.force_login(world.coordinator_a)
    client.get(url)
    with django_assert_num_queries(9) as one:
        assert client.get(url).status_code == 200
    for _ in range(3):
        reopen(book, world.admin)
        factories.programme(world.plan_a, name="Program tambahan")
        finalise(book, world.admin, django_capture_on_commit_callbacks)
    assert Edition.objects.filter(book=book).count() == 4
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert page.text.count('<tr id="edition-') == 4
