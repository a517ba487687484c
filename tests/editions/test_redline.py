"""The redline of a seeded pair of editions marks exactly the changed words and cells,
lists the programmes added, removed and renumbered first, and prints like a book."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from editions.models import Edition
from editions.redline import redline, render_redline_pdf
from editions.snapshot import book_snapshot
from masterplan.editing import record_save
from programs.models import BudgetLine
from tests import factories
from tests.editions.conftest import finalise, reopen
from tests.exports.conftest import Pdf

pytestmark = pytest.mark.django_db

BEFORE = "<p>Buku ini disusun oleh Diskominfo bersama seluruh OPD pada tahun 2025.</p>"
AFTER = "<p>Buku ini disusun oleh Bappeda bersama seluruh OPD dan akademisi pada tahun 2026.</p>"


@pytest.fixture
def pair(world):
    """Buku 2 of region A before and after a revision: one sentence, one budget, one
    programme moved to another element (renumbered), one added, one removed."""
    plan = world.plan_a
    book = plan.books.get(number=2)
    section = book.sections.get(key="pendahuluan")
    section.body = BEFORE
    record_save(section, by=world.editor_a)
    kept = factories.programme(plan, name="Mal Pelayanan Publik")
    moved = factories.programme(plan, name="Satu Data Kabupaten")
    gone = factories.programme(plan, name="Kios Informasi Desa")
    budget = BudgetLine.objects.create(
        programme=kept, year=2027, funding_source=factories.funding_source(), amount=850_000_000
    )
    older = book_snapshot(book)

    section.body = AFTER
    record_save(section, by=world.editor_a)
    budget.amount = 1_100_000_000
    record_save(budget, by=world.editor_a)
    old_code = moved.code
    moved.element = factories.element("GOV", "POL")
    record_save(moved, by=world.editor_a)
    gone.delete()
    added = factories.programme(plan, name="Pekalongan Command Center")
    newer = book_snapshot(book)
    return {
        "book": book,
        "older": older,
        "newer": newer,
        "moved": (old_code, moved.code),
        "added": added.code,
        "gone": gone.code,
    }


def test_it_marks_exactly_the_changed_words(pair):
    result = redline(pair["older"], pair["newer"])
    assert result.words_deleted == ["Diskominfo", "2025."]
    assert result.words_inserted == ["Bappeda", "dan akademisi", "2026."]
    intro = next(node for node in result.nodes if node.number == "1")
    assert intro.changed
    assert [line.kind for line in intro.lines] == ["changed"]


def test_it_marks_exactly_the_changed_cells(pair):
    """Rows are matched by their first cell (the code): GOV-SRV-02 went to the new
    programme when its old holder moved, so its row reads as a change of name."""
    result = redline(pair["older"], pair["newer"])
    changed = [
        (node.number, (cell.old, cell.new))
        for node in result.nodes
        for table in node.tables
        for row in table.rows
        if row.status == "changed"
        for cell in row.cells
        if cell.status != "same"
    ]
    renamed = ("Satu Data Kabupaten", "Pekalongan Command Center")
    assert changed == [
        ("4.1", ("850", "1.100")),  # the programme's budget (juta Rp)
        ("4.1", renamed),
        ("4.1", ("850", "1.100")),  # the table's total
        ("7", ("850", "1.100")),  # the roadmap: the 2027 cell and the row's total
        ("7", ("850", "1.100")),
        ("7", renamed),
        ("8", ("850", "1.100")),  # financing: the source's 2027 cell and its total
        ("8", ("850", "1.100")),
        ("8", ("850", "1.100")),
        ("8", ("850", "1.100")),
    ]
    assert len(result.changed_cells) == len(changed)
    removed = {row.cells[0].old for row in result.rows_removed}
    added = {row.cells[0].new for row in result.rows_added}
    assert removed == {pair["gone"]}
    assert added == {pair["moved"][1], "Efisiensi kebijakan publik"}


def test_it_lists_programmes_added_removed_and_renumbered(pair):
    result = redline(pair["older"], pair["newer"])
    old_code, new_code = pair["moved"]
    assert [(c.status, c.old_code, c.code) for c in result.programmes] == [
        ("added", "", pair["added"]),
        ("removed", pair["gone"], pair["gone"]),
        ("renumbered", old_code, new_code),
    ]


def test_two_equal_snapshots_show_no_change(pair):
    result = redline(pair["older"], pair["older"])
    assert result.changed_nodes == []
    assert result.programmes == []
    assert result.words_inserted == result.words_deleted == []


def test_the_redline_pdf_reads_like_a_book(pair):
    result = render_redline_pdf(
        pair["book"],
        older=pair["older"],
        newer=pair["newer"],
        older_label="Edisi 1 — Perbup No. 12/2025, 3 Maret 2025",
        newer_label="Edisi 2",
    )
    pdf = Pdf(result.pdf)
    text = "\n".join(pdf.texts())
    assert result.pages == len(pdf.texts()) > 3
    assert "Ringkasan perubahan" in pdf.texts()[3] or "Ringkasan perubahan" in pdf.texts()[2]
    for word in ("Bappeda", "Diskominfo", "akademisi", pair["added"], pair["moved"][1]):
        assert word in text
    assert "Edisi 1 — Perbup No. 12/2025, 3 Maret 2025 → Edisi 2" in pdf.texts()[0]
    titles = [title for _depth, title, _page in pdf.outline()]
    summary = next(n for n, title in enumerate(titles) if "Ringkasan perubahan" in title)
    first_chapter = next(n for n, title in enumerate(titles) if "Pendahuluan" in title)
    assert summary < first_chapter
    # body pages are counted from the summary on, as a book's from its first chapter
    last = re.search(r"Halaman (\d+) dari (\d+)", pdf.texts()[-1])
    assert last and last[1] == last[2] and int(last[1]) < result.pages
    assert "Halaman" not in pdf.texts()[0]  # the cover
    assert all(font_embedded for font_embedded in pdf.fonts().values())


def test_the_browser_page_shows_the_pair_with_constant_queries(
    world, fake_render, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    book = world.plan_a.books.get(number=2)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    reopen(book, world.admin)
    section = book.sections.get(key="pendahuluan")
    section.body = AFTER
    record_save(section, by=world.editor_a)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    assert Edition.objects.filter(book=book).count() == 2
    url = reverse("editions:edition_redline", args=[book.pk, 1, 2])
    client.force_login(world.viewer_a)
    client.get(url)  # warm the caches (session, access)
    # the editions for the form to pick another pair, then the two snapshots
    with django_assert_num_queries(10) as small:
        page = client.get(url)
    assert page.status_code == 200
    assert '<ins class="rl">' in page.text
    assert "Unduh PDF redline" in page.text
    for _ in range(30):
        factories.programme(world.plan_a, name="Program tambahan")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
    assert client.get(reverse("editions:edition_redline", args=[book.pk, 2, 1])).status_code == 404
    assert client.get(reverse("editions:edition_redline", args=[book.pk, 1, 3])).status_code == 404
