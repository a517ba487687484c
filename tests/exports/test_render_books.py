"""The four demo books as PDF: structure, TOC page numbers, bookmarks, fonts, watermark."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from exports.context.official import document_text, glossary_for
from exports.render import render_book
from masterplan.models import Book
from tests.exports.conftest import Pdf, toc_entries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans")]


@pytest.fixture(scope="module")
def demo_books(demo_plans, django_db_blocker):
    """Render the demo's four books (and Buku 3 final) once; what rendering wrote is
    rolled back."""
    books: dict = {}
    with django_db_blocker.unblock(), transaction.atomic():
        for book in Book.objects.filter(plan__region__slug="pekalongan").order_by("number"):
            result = render_book(book)
            books[book.number] = {
                "pdf": Pdf(result.pdf),
                "pages": result.pages,
                "headings": result.headings,
                "html": result.html,
            }
        books["final-3"] = Pdf(
            render_book(Book.objects.get(plan__region__slug="pekalongan", number=3), final=True).pdf
        )
        transaction.set_rollback(True)
    return books


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_it_renders_each_book_of_the_demo_plan(demo_books, number):
    book = demo_books[number]
    assert book["pdf"].data.startswith(b"%PDF-")
    assert 10 <= book["pages"] <= 200
    assert len(book["pdf"].reader.pages) == book["pages"]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_it_prints_toc_page_numbers_where_the_headings_land(demo_books, number):
    pdf = demo_books[number]["pdf"]
    texts = pdf.texts()
    first_chapter = next(page for depth, title, page in pdf.outline() if title.startswith("1 "))
    toc = toc_entries("\n".join(texts[1 : first_chapter - 1]))
    bookmarks = {title.split(" ", 1)[0]: page for _, title, page in pdf.outline()}
    expected = [number for number, _ in demo_books[number]["headings"] if number.count(".") < 3]
    assert set(toc) == set(expected)
    # The body is numbered from 1 after the front matter (i, ii, iii…).
    front = first_chapter - 1
    for section_number, page in toc.items():
        assert page + front == bookmarks[section_number], section_number
        title = dict(demo_books[number]["headings"])[section_number]
        flat = " ".join(texts[page + front - 1].split())
        assert " ".join(title.split())[:30] in flat, (section_number, page)


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_it_has_one_bookmark_per_chapter_and_section(demo_books, number):
    pdf = demo_books[number]["pdf"]
    headings = demo_books[number]["headings"]
    bookmarks = [(depth, title) for depth, title, _ in pdf.outline()]
    section_marks = [(d, t) for d, t in bookmarks if t[:1].isdigit()]
    assert [t for _, t in section_marks] == [f"{n} {title}" for n, title in headings]
    assert [d for d, _ in section_marks] == [n.count(".") + 1 for n, _ in headings]
    # Besides the sections, only the front matter (approval page, foreword, contents,
    # lists of tables, figures and abbreviations).
    assert len(bookmarks) - len(section_marks) <= 6


def test_it_embeds_every_font(demo_books):
    for number in (1, 2, 3, 4):
        fonts = demo_books[number]["pdf"].fonts()
        assert fonts, number
        assert all(fonts.values()), (number, fonts)
        assert any("Noto-Serif" in name for name in fonts)


def test_it_marks_every_draft_page_and_no_final_page(demo_books):
    draft = demo_books[3]["pdf"].texts()
    assert all("DRAF" in text for text in draft)
    final = demo_books["final-3"].texts()
    assert len(final) == len(draft)
    assert not any("DRAF" in text for text in final)


def test_it_writes_metadata_header_footer_and_no_attachment(demo_books):
    pdf = demo_books[2]["pdf"]
    reader = pdf.reader
    meta = reader.metadata
    assert meta.title.startswith("Buku 2")
    assert meta.author == "Kabupaten Pekalongan"
    assert "Masterplan" in meta.subject
    assert meta.creation_date is not None
    assert reader.trailer["/Root"]["/Lang"] == "id"
    texts = pdf.texts()
    first_chapter = next(page for depth, title, page in pdf.outline() if title.startswith("1 "))
    body = len(texts) - first_chapter + 1
    assert f"Halaman 5 dari {body}" in texts[first_chapter + 3]
    assert f"Halaman {body} dari {body}" in texts[-1]
    assert "Halaman" not in texts[0]  # the cover has no header or footer
    assert "Masterplan Smart City" in texts[6]  # running header: the book title
    assert not pdf.has_embedded_files()


def test_buku_2_has_roadmap_on_landscape_pages_and_the_charts(demo_books):
    pdf = demo_books[2]["pdf"]
    reader = pdf.reader
    landscape = [
        index
        for index, page in enumerate(reader.pages)
        if float(page.mediabox.width) > float(page.mediabox.height)
    ]
    assert landscape
    texts = pdf.texts()
    assert any("ALDINO" in texts[index] and "2025" in texts[index] for index in landscape)
    # The Gantt chart and the other charts are vector drawings with their own text.
    assert any("Gantt" in text for text in texts)


ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def first_chapter_page(pdf) -> int:
    return next(page for depth, title, page in pdf.outline() if title.startswith("1 "))


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_the_front_matter_is_numbered_in_roman_and_the_body_from_1(demo_books, number):
    pdf = demo_books[number]["pdf"]
    texts = pdf.texts()
    first = first_chapter_page(pdf)
    assert first >= 4  # cover, approval page, table of contents at least
    for index in range(1, first - 1):
        assert ROMAN[index] in lines(texts[index]), (number, index)
        assert "Halaman" not in texts[index]
    assert "Lembar pengesahan".upper() in texts[1].upper()
    assert "Fadia A. Rafik" in texts[1] and "Muhammad Yulian Akbar" in texts[1]
    assert "Halaman 1 dari" in texts[first - 1]
    assert "BAB 1" in texts[first - 1]


def test_buku_4_prints_the_foreword_as_unnumbered_front_matter(demo_books):
    pdf = demo_books[4]["pdf"]
    titles = [title for _, title, _ in pdf.outline()]
    assert "Kata Pengantar Kepala Daerah" in titles
    assert not any(t.startswith("1 Kata Pengantar") for t in titles)
    assert "BAB 1 Kata Pengantar" not in " ".join(pdf.texts())


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_the_list_of_abbreviations_holds_exactly_the_terms_the_book_uses(demo_books, number):
    html = demo_books[number]["html"]
    head, glossary_section = html.split('id="daftar-singkatan"', 1)
    glossary_section, tail = glossary_section.split("</section>", 1)
    listed = set(re.findall(r"<dt>(.*?)</dt>", glossary_section))
    text = document_text(head + tail)
    plan = Book.objects.get(plan__region__slug="pekalongan", number=number).plan
    used = {
        term
        for term in glossary_for(plan)
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text)
    }
    assert listed == used
    assert {"OPD", "ALDINO"} <= listed or number != 2


def text_depth(page) -> float:
    """How far down the page its text reaches (0 top, 1 bottom), footer and draft mark
    left out."""
    height = float(page.mediabox.height)
    lowest = height

    def visit(text, cm, tm, font, size):
        nonlocal lowest
        text = text.strip()
        if not text or text.startswith("Halaman ") or text in {"DRAF", "D", "R", "A", "F"}:
            return
        lowest = min(lowest, tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return (height - lowest) / height


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_no_page_is_mostly_blank(demo_books, number):
    """Every page after the cover and the approval page has a few lines of text, and its
    text reaches past the top third of the page (past the top quarter on the last one):
    no chapter opening alone before a landscape table, no table's last rows alone before
    the next chapter (Buku 2's goals, strategies and Tim Pelaksana once were), no closing
    chapter alone on the last page (Buku 1's BAB 8 once was), no chart alone under a
    third of a page."""
    pdf = demo_books[number]["pdf"]
    texts = pdf.texts()
    noise = {"DRAF", "D", "R", "A", "F", "AF", *ROMAN}
    for index, text in enumerate(texts[2:], start=3):
        body = [
            line
            for line in lines(text)[1:]  # the running header
            if line not in noise and not line.startswith("Halaman ")
        ]
        assert len(body) >= 3, (number, index, body)
        least = 0.33 if index < len(texts) else 0.25
        assert text_depth(pdf.reader.pages[index - 1]) >= least, (number, index, body[:3])


def test_buku_3_prints_the_flagship_roadmap_with_its_years_on_portrait_pages(demo_books):
    """The quick wins run in 2025–2026: a matrix of two year columns needs no landscape
    page, and the closing chapter follows it instead of sitting alone on one."""
    pdf = demo_books[3]["pdf"]
    assert all(
        float(page.mediabox.width) < float(page.mediabox.height) for page in pdf.reader.pages
    )
    roadmap = [text for text in pdf.texts() if "Peta jalan program unggulan" in text][-1]
    assert "2025" in roadmap and "2026" in roadmap and "2034" not in roadmap
    assert "Penutup" in pdf.texts()[-1] and "Jadwal" in " ".join(pdf.texts()[-2:])


def test_buku_2_ends_with_the_signature_of_the_head_of_region(demo_books):
    last = demo_books[2]["pdf"].texts()[-1]
    assert "Bupati Pekalongan" in last and "Fadia A. Rafik" in last
