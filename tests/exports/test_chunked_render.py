"""Chunked rendering agrees with the single pass on every demo book: page count, TOC
numbers, TOC link targets, outline and footers; a one-chapter change lays out one chunk."""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings

from exports import chunks
from exports.context import shared
from exports.models import ExportJob
from exports.render import RenderProcess, _plan_fetcher, build_html, render_book, use_chunks
from masterplan.models import Book
from tests.exports.conftest import Pdf, toc_entries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans")]

FOOTER = re.compile(r"Halaman \S+ dari \S+")


@pytest.fixture(scope="module")
def chunk_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("chunk-cache")


@pytest.fixture(scope="module")
def both(demo_plans, django_db_blocker, chunk_cache):
    """Each demo book rendered in one pass and in chunks; what rendering wrote is rolled back."""
    books: dict = {}
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EXPORT_CHUNK_CACHE=str(chunk_cache)),
    ):
        for book in Book.objects.filter(plan__region__slug="pekalongan").order_by("number"):
            books[book.number] = (
                Pdf(render_book(book, chunked=False).pdf),
                Pdf(render_book(book, chunked=True).pdf),
            )
        transaction.set_rollback(True)
    return books


def link_targets(pdf: Pdf) -> list[tuple[int, int]]:
    """(page, target page) of every internal link, named or explicit destinations alike."""
    reader = pdf.reader
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            destination = annotation.get("/Dest")
            if annotation.get("/Subtype") != "/Link" or destination is None:
                continue
            if isinstance(destination, list):
                target = reader.get_page_number(destination[0].get_object())
            else:
                target = reader.get_destination_page_number(
                    reader.named_destinations[str(destination)]
                )
            found.append((number, target))
    return found


def front_text(pdf: Pdf) -> str:
    first_chapter = next(page for _, title, page in pdf.outline() if title.startswith("1 "))
    return "\n".join(pdf.texts()[1 : first_chapter - 1])


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_it_agrees_with_the_single_pass_on_pages_and_footers(both, number):
    single, chunked = both[number]
    assert len(chunked.reader.pages) == len(single.reader.pages)
    footers = [FOOTER.findall(text) for text in single.texts()]
    assert any(footers)
    assert [FOOTER.findall(text) for text in chunked.texts()] == footers


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_it_agrees_with_the_single_pass_on_toc_numbers_links_and_outline(both, number):
    single, chunked = both[number]
    toc = toc_entries(front_text(single))
    assert toc
    assert toc_entries(front_text(chunked)) == toc
    assert chunked.outline() == single.outline()
    links = link_targets(single)
    assert links
    assert link_targets(chunked) == links


@pytest.mark.parametrize("number", [1, 2])
def test_it_prints_the_running_headers_of_the_single_pass(both, number):
    single, chunked = both[number]
    # the same characters on every page (text extraction may join words in another order)
    for one, other in zip(single.texts(), chunked.texts(), strict=True):
        assert Counter("".join(one.split())) == Counter("".join(other.split()))


def font_files(pdf: Pdf) -> Counter:
    """Typeface -> how many font files embed it, over the pages and their forms."""
    files: dict[str, set] = {}

    def scan(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object()["/FontDescriptor"]
                name = str(descriptor["/FontName"]).split("+", 1)[-1]
                files.setdefault(name, set()).add(descriptor.raw_get("/FontFile2").idnum)
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get_object().get("/Subtype") == "/Form":
                scan(xobject.get_object().get("/Resources"))

    for page in pdf.reader.pages:
        scan(page.get("/Resources"))
    return Counter({name: len(ids) for name, ids in files.items()})


@pytest.mark.parametrize("number", [2, 3])
def test_each_typeface_is_embedded_once(both, number):
    single, chunked = both[number]
    assert font_files(chunked) == font_files(single)
    assert set(font_files(chunked).values()) == {1}
    # one font file per typeface took Buku 2 from 2.2 × the single pass's size to 1.5 ×;
    # the rest is pypdf writing its dictionaries without object streams
    assert len(chunked.data) < 1.75 * len(single.data)


def test_a_big_chapter_cut_at_its_parts_agrees_with_the_single_pass(
    monkeypatch, settings, tmp_path
):
    """A large plan starts each dimension of the action plan and the roadmap on a new page
    and the renderer may cut there; with small thresholds the demo's Buku 2 is cut so."""
    settings.EXPORT_CHUNK_CACHE = str(tmp_path / "cache")
    monkeypatch.setattr(shared, "ACTION_PLAN_PAGE_PER_DIMENSION", 50)
    monkeypatch.setattr(shared, "ROADMAP_PAGE_PER_DIMENSION", 10)
    monkeypatch.setattr(chunks, "PIECES_PER_PROCESS", 10)
    book = Book.objects.get(plan__region__slug="pekalongan", number=2)
    split = chunks.split_document(build_html(book), parts=2)
    assert sum(piece.continued for piece in split.pieces) >= 2
    single = Pdf(render_book(book, chunked=False).pdf)
    chunked = Pdf(render_book(book, chunked=True).pdf)
    assert len(chunked.reader.pages) == len(single.reader.pages)
    assert [FOOTER.findall(t) for t in chunked.texts()] == [
        FOOTER.findall(t) for t in single.texts()
    ]
    assert toc_entries(front_text(chunked)) == toc_entries(front_text(single))
    assert chunked.outline() == single.outline()
    assert link_targets(chunked) == link_targets(single)
    for one, other in zip(single.texts(), chunked.texts(), strict=True):
        assert Counter("".join(one.split())) == Counter("".join(other.split()))


def test_a_one_chapter_change_lays_out_one_chunk(settings, tmp_path):
    settings.EXPORT_CHUNK_CACHE = str(tmp_path / "cache")
    book = Book.objects.get(plan__region__slug="pekalongan", number=3)
    html = build_html(book)
    fetch = _plan_fetcher(book.plan).fetch
    first = chunks.render_chunked(html, fetch=fetch)
    assert first.rendered == first.chunks > 1

    time.sleep(1.1)  # a later export: another creation time in the document's head
    again = chunks.render_chunked(build_html(book), fetch=fetch)
    assert again.rendered == 0
    assert again.skeleton_cached
    assert again.pdf.startswith(b"%PDF-")
    assert (
        Pdf(again.pdf).reader.metadata["/CreationDate"]
        != Pdf(first.pdf).reader.metadata["/CreationDate"]
    )

    last_chapter = html.rindex('<section class="section level-1')
    changed = html[:last_chapter] + html[last_chapter:].replace("<p>", "<p>Diubah. ", 1)
    after_change = chunks.render_chunked(changed, fetch=fetch)
    assert after_change.rendered == 1
    assert "Diubah." in "".join(Pdf(after_change.pdf).texts())


def test_each_process_lays_out_its_chunks_before_writing_and_the_skeleton_is_beside(
    settings, monkeypatch
):
    """The skeleton needs every chunk's pages, not their PDFs: it is laid out by a process
    of its own while the workers write."""
    settings.EXPORT_CHUNK_CACHE = ""
    calls = []
    real = RenderProcess.render

    def spy(self, html, **kwargs):
        calls.append((self.process.pid, kwargs.get("render_function")))
        return real(self, html, **kwargs)

    monkeypatch.setattr(RenderProcess, "render", spy)
    book = Book.objects.get(plan__region__slug="pekalongan", number=3)
    result = chunks.render_chunked(
        build_html(book), fetch=_plan_fetcher(book.plan).fetch, workers=2
    )
    assert Pdf(result.pdf).reader.pages
    (skeleton,) = [pid for pid, function in calls if function == chunks.RENDER_FUNCTION]
    workers = {pid for pid, function in calls if function != chunks.RENDER_FUNCTION}
    assert len(workers) == 2
    assert skeleton not in workers
    for pid in workers:
        steps = [function for one, function in calls if one == pid]
        laid_out = steps.count(chunks.LAYOUT_FUNCTION)
        assert laid_out
        assert steps == [chunks.LAYOUT_FUNCTION] * laid_out + [chunks.WRITE_FUNCTION] * laid_out
    assert sum(function == chunks.WRITE_FUNCTION for _, function in calls) == result.chunks


def test_it_cuts_the_document_at_each_chapter():
    book = Book.objects.get(plan__region__slug="pekalongan", number=2)
    html = build_html(book)
    split = chunks.split_document(html)
    # a chapter that follows on (empty, or a short closing one) stays with the one before
    opening = re.findall(r'<section class="section level-1[^"]*"', html)
    assert len(split.chapters) == sum("follows-on" not in tag for tag in opening)
    assert len(split.chapters) < len(opening)
    assert "".join(split.chapters) in html
    assert chunks.split_document("<html><body><p>no chapters</p></body></html>") is None


def test_large_books_are_chunked_by_their_last_export(settings):
    book = Book.objects.get(plan__region__slug="pekalongan", number=2)
    settings.EXPORT_CHUNKED_MIN_PAGES = 60
    assert not use_chunks(book)  # never exported: its size is unknown
    job = ExportJob.objects.create(book=book, state=ExportJob.State.DONE, pages=59)
    assert not use_chunks(book)
    ExportJob.objects.filter(pk=job.pk).update(pages=156)
    assert use_chunks(book)
    settings.EXPORT_CHUNKED = False
    assert not use_chunks(book)
