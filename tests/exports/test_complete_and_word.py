"""The complete document (four books in one PDF) and the Word file of a book."""

from __future__ import annotations

import io

import docx
import pytest
from django.db import transaction
from django.urls import reverse

from exports.combined import plan_complete_pdf
from exports.context import build_print_context
from exports.docx.word import TABLE_CAPTION
from exports.docx_book import DOCX_TYPE, book_docx
from exports.render import build_html
from masterplan.models import Book, Plan
from tests.exports.conftest import Pdf

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_plans")
def test_the_word_file_has_a_heading_1_per_chapter_and_the_tables():
    book = Book.objects.get(plan__region__slug="pekalongan", number=2)

    document = docx.Document(io.BytesIO(book_docx(book)))

    chapters = build_print_context(book)["chapters"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"BAB {c.number} {c.title}" for c in chapters]
    data_tables = [t for t in document.tables if t.style.name == "Table Grid"]
    assert len(data_tables) == build_html(book).count('<table class="data')
    first_row = data_tables[0].rows[0]._tr
    assert first_row.xpath("./w:trPr/w:tblHeader")  # the header row repeats in Word
    captions = [p.text for p in document.paragraphs if p.style.name == TABLE_CAPTION]
    assert any(text.startswith("Tabel ") for text in captions)
    assert any(s.orientation == 1 for s in document.sections)  # landscape where the PDF is
    assert "portal" in document.paragraphs[6].text or any(
        "Sumber resmi" in p.text for p in document.paragraphs[:10]
    )


def test_the_word_download_is_for_those_who_see_the_plan(client, world):
    book = world.plan_a.books.get(number=4)
    url = reverse("exports:book_word", args=[book.pk])

    assert client.get(url).status_code == 302  # to the login
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    client.force_login(world.viewer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert docx.Document(io.BytesIO(response.content)).paragraphs


@pytest.fixture(scope="module")
def complete(demo_plans, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EXPORT_CHUNK_CACHE=str(tmp_path_factory.mktemp("chunks"))),
    ):
        plan = Plan.objects.get(region__slug="pekalongan")
        data, pages = plan_complete_pdf(plan)
        books = list(plan.books.order_by("number").values_list("number", "title"))
        transaction.set_rollback(True)
    return Pdf(data), pages, books


@pytest.mark.usefixtures("demo_plans")
def test_the_complete_document_has_the_four_books_as_top_level_bookmarks(complete):
    pdf, pages, books = complete
    reader = pdf.reader
    assert len(reader.pages) == pages
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == [f"Buku {n} {title}" for n, title in books]
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert len(nested) == 4 and all(nested)  # each book's own bookmarks under its part
    starts = [reader.get_destination_page_number(item) for item in top]
    assert starts == sorted(starts) and starts[0] == 2  # after the one cover and the TOC
    toc = pdf.texts()[1]
    for (number, _title), start in zip(books, starts, strict=True):
        assert f"BUKU {number}" in toc
        assert str(start + 1) in toc
    # one cover: the books come without theirs
    assert sum("DOKUMENLENGKAP" in "".join(text.split()) for text in pdf.texts()) == 1
    toc_links = {
        reader.get_page_number(a.get_object()["/Dest"][0].get_object())
        for a in reader.pages[1].get("/Annots") or []
    }
    assert toc_links == set(starts)
