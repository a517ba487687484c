"""The redline between any two versions of a book: edition 1 → 3 of a seeded trio, in the
browser (with the form to pick the pair), as a PDF and from ``export_book``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from editions.models import Edition
from exports.render import RenderResult
from masterplan.editing import record_save
from tests.editions.conftest import finalise, reopen

pytestmark = pytest.mark.django_db

TEXTS = (
    "<p>Buku ini disusun oleh Diskominfo pada tahun 2025.</p>",
    "<p>Buku ini disusun oleh Diskominfo bersama OPD pada tahun 2025.</p>",
    "<p>Buku ini disusun oleh Bappeda bersama OPD pada tahun 2026.</p>",
)


@pytest.fixture
def rendered(monkeypatch):
    """The redline PDFs asked for: their two labels (the renderer has its own tests)."""
    calls = []

    def render(book, **kwargs):
        calls.append((kwargs["older_label"], kwargs.get("newer_label", "")))
        return RenderResult(pdf=b"%PDF-1.7\n% redline\n", pages=1)

    monkeypatch.setattr("editions.redline.render_redline_pdf", render)
    return calls


@pytest.fixture
def trio(world, fake_render, rendered, django_capture_on_commit_callbacks):
    """Buku 2 of region A frozen three times, its introduction rewritten in between."""
    book = world.plan_a.books.get(number=2)
    section = book.sections.get(key="pendahuluan")
    for number, text in enumerate(TEXTS, start=1):
        if number > 1:
            reopen(book, world.admin)
        section.refresh_from_db()
        section.body = text
        record_save(section, by=world.editor_a)
        finalise(book, world.admin, django_capture_on_commit_callbacks)
    assert list(Edition.objects.filter(book=book).values_list("number", flat=True)) == [1, 2, 3]
    rendered.clear()
    return book


def _page(client, book, **query):
    return client.get(reverse("editions:book_redline", args=[book.pk]), query)


def test_edition_1_against_3_marks_what_changed_over_both_revisions(world, trio, client):
    client.force_login(world.viewer_a)
    page = _page(client, trio, dari=1, ke=3)
    assert page.status_code == 200
    result = page.context["redline"]
    assert " ".join(result.words_deleted) == "Diskominfo 2025."
    assert " ".join(result.words_inserted) == "Bappeda bersama OPD 2026."
    assert "Edisi 1 → Edisi 3" in page.text
    # the form shows the pair, the PDF link follows it
    assert page.context["form"]["dari"].value() == "1"
    assert page.context["form"]["ke"].value() == "3"
    pdf_url = f"{reverse('editions:redline_pdf', args=[trio.pk])}?dari=1&amp;ke=3"
    assert pdf_url in page.text


def test_the_pair_may_be_picked_either_way_round_but_not_twice_the_same(world, trio, client):
    client.force_login(world.viewer_a)
    swapped = _page(client, trio, dari=3, ke=1)
    assert swapped.context["older"].number == 1 and swapped.context["newer"].number == 3
    same = _page(client, trio, dari=2, ke=2)
    assert same.status_code == 200 and "redline" not in same.context
    assert "Pilih dua edisi yang berbeda" in same.text
    unknown = _page(client, trio, dari=1, ke=7)
    assert "redline" not in unknown.context


def test_without_a_choice_it_shows_the_newest_two_and_their_stored_pdf(world, trio, client):
    client.force_login(world.viewer_a)
    page = _page(client, trio)
    assert page.context["older"].number == 2 and page.context["newer"].number == 3
    edition = Edition.objects.get(book=trio, number=3)
    assert reverse("editions:edition_redline_pdf", args=[edition.uuid]) in page.text
    assert " ".join(page.context["redline"].words_inserted) == "Bappeda 2026."


def test_an_edition_against_the_current_draft(world, trio, client):
    reopen(trio, world.admin)
    section = trio.sections.get(key="pendahuluan")
    section.body = "<p>Buku ini disusun oleh Bappeda bersama OPD pada tahun 2027.</p>"
    record_save(section, by=world.editor_a)
    client.force_login(world.viewer_a)
    page = _page(client, trio, dari=1, ke="draf")
    assert page.context["newer"] is None
    assert " ".join(page.context["redline"].words_inserted) == "Bappeda bersama OPD 2027."
    assert "Draf saat ini" in page.text
    editions = client.get(reverse("editions:book_editions", args=[trio.pk]))
    assert f"{reverse('editions:book_redline', args=[trio.pk])}?dari=3&amp;ke=draf" in editions.text


def test_the_pdf_of_edition_1_against_3_is_rendered_on_request(world, trio, client, rendered):
    client.force_login(world.viewer_a)
    response = client.get(reverse("editions:redline_pdf", args=[trio.pk]), {"dari": 1, "ke": 3})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:4]
        == b"%PDF"
    )
    assert 'filename="Redline-Buku-2-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-Edisi-1-3.pdf"')
    assert rendered == [("Edisi 1", "Edisi 3")]
    client.force_login(world.editor_b)  # another region's people see nothing of it
    other = client.get(reverse("editions:redline_pdf", args=[trio.pk]), {"dari": 1, "ke": 3})
    assert other.status_code in {403, 404}


def test_export_book_writes_the_redline_of_edition_1_against_3(world, trio, rendered, tmp_path):
    out = tmp_path / "redline.pdf"
    call_command(
        "export_book", "region-a", "2", "--redline-from", "1", "--redline-to", "3",
        "--out", str(out), stdout=StringIO(),
    )  # fmt: skip
    assert out.read_bytes().startswith(b"%PDF")
    assert rendered == [("Edisi 1", "Edisi 3")]
