"""The Word file of each demo book is the complete book: official front matter numbered
i, ii, iii…, the body from 1, charts and photos as pictures, landscape sections where the
PDF has them, numbered captions and repeating header rows, only the abbreviations used."""

from __future__ import annotations

import io

import docx
import pytest
from django.db import transaction
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from PIL import Image

from exports.context import build_print_context
from exports.context.official import document_text, glossary_for, used_abbreviations
from exports.docx import word
from exports.docx.book import END_BOOKMARK
from exports.docx.images import svg_to_png, word_picture
from exports.docx_book import SOURCE_NOTE, book_docx
from exports.models import ApprovalPage
from exports.render import build_html
from masterplan.models import Book

pytestmark = pytest.mark.django_db

DEMO_REGIONS = ("pekalongan", "batang")


class Built:
    """A book's Word file with what the print document says it should hold."""

    def __init__(self, book: Book):
        self.number = book.number
        self.data = book_docx(book)
        self.document = docx.Document(io.BytesIO(self.data))
        html = build_html(book)
        self.html = html
        self.chapters = [f"BAB {c.number} {c.title}" for c in build_print_context(book)["chapters"]]
        self.abbreviations = used_abbreviations(document_text(html), glossary_for(book.plan))
        approval = ApprovalPage.objects.filter(plan=book.plan).first()
        self.signers = [approval.head_name, approval.secretary_name] if approval else []
        self.secretary_nip = approval.secretary_nip if approval else ""


@pytest.fixture(scope="module")
def books(demo_plans, django_db_blocker):
    built: dict[tuple[str, int], Built] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        for book in Book.objects.filter(plan__region__slug__in=DEMO_REGIONS).select_related(
            "plan__region"
        ):
            built[(book.plan.region.slug, book.number)] = Built(book)
        transaction.set_rollback(True)
    return built


def _body_blocks(document):
    """(section index, element) for every paragraph and table of the body, in order."""
    section = 0
    for element in document.element.body.iterchildren():
        if element.tag in {qn("w:p"), qn("w:tbl")}:
            yield section, element
            if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                section += 1


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _style(document, element) -> str:
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is None:
        return "Normal"
    return document.styles.get_by_id(style.get(qn("w:val")), 1).name


def _numbering(section) -> tuple[str | None, str | None]:
    found = section._sectPr.find(qn("w:pgNumType"))
    if found is None:
        return None, None
    return found.get(qn("w:fmt")), found.get(qn("w:start"))


def _instructions(part_element) -> list[str]:
    return [(t.text or "").strip() for t in part_element.iter(qn("w:instrText"))]


def test_every_demo_book_opens_with_a_heading_1_per_chapter(books):
    assert len(books) == 4 * len(DEMO_REGIONS)
    for built in books.values():
        headings = [p.text for p in built.document.paragraphs if p.style.name == "Heading 1"]
        assert headings == built.chapters
        grid_tables = [t for t in built.document.tables if t.style.name == "Table Grid"]
        assert len(grid_tables) == built.html.count('<table class="data')
        for table in grid_tables:
            assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeats on every page


def test_the_cover_names_the_book_once_with_logo_period_cohort_edition_and_the_portal(books):
    built = books[("pekalongan", 2)]
    document = built.document
    cover = [element for section, element in _body_blocks(document) if section == 0]
    texts = [_text(element) for element in cover]
    assert texts.count("BUKU 2") == 1
    title = document.core_properties.title
    assert "Buku 2" in title
    assert sum(text.count("Masterplan Smart City") for text in texts) == 1  # the title once
    assert "Periode 2025–2034" in texts
    assert any(text.startswith("Edisi:") for text in texts)
    assert "Menuju Kota Cerdas 2024" in texts
    assert SOURCE_NOTE in texts
    assert cover[0].findall(f".//{qn('w:drawing')}")  # the region's logo
    assert not _instructions(document.sections[0].footer._element)  # no page number


def test_the_front_matter_is_numbered_in_roman_and_the_body_from_1(books):
    for built in books.values():
        sections = built.document.sections
        assert _numbering(sections[0]) == (None, None)
        assert _numbering(sections[1]) == ("lowerRoman", "1")
        assert _numbering(sections[2]) == ("decimal", "1")
        # landscape sections go on counting; the footer is the body's
        assert all(_numbering(s)[1] is None for s in sections[3:])
        assert all(s.footer.is_linked_to_previous for s in sections[3:])
        assert _instructions(sections[1].footer._element) == ["PAGE"]
        assert _instructions(sections[2].footer._element) == [
            "PAGE",
            f"PAGEREF {END_BOOKMARK} \\h",
        ]
        assert "Halaman" in sections[2].footer.paragraphs[0].text
        assert built.document.element.body.xpath(f'.//w:bookmarkStart[@w:name="{END_BOOKMARK}"]')
        blocks = list(_body_blocks(built.document))
        front = [_text(e) for s, e in blocks if s == 1 and _style(built.document, e) != "Normal"]
        assert front[0] == "LEMBAR PENGESAHAN"
        assert "DAFTAR ISI" in front and "DAFTAR SINGKATAN" in front
        first_chapter = next(e for s, e in blocks if _style(built.document, e) == "Heading 1")
        assert dict((id(e), s) for s, e in blocks)[id(first_chapter)] == 2


def test_the_foreword_is_unnumbered_front_matter(books):
    document = books[("pekalongan", 4)].document
    blocks = list(_body_blocks(document))
    foreword = [
        (s, _text(e))
        for s, e in blocks
        if _style(document, e) == word.FRONT_TITLE and "KATA PENGANTAR" in _text(e)
    ]
    assert foreword and foreword[0][0] == 1
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert not any("Pengantar" in text for text in chapters)


def test_the_approval_page_carries_the_coordinators_names(books):
    for (slug, _number), built in books.items():
        if slug != "pekalongan":
            continue
        assert all(built.signers) and built.secretary_nip
        cells = [
            cell.text
            for table in built.document.tables
            if table.style.name != "Table Grid"
            for row in table.rows
            for cell in row.cells
        ]
        for name in built.signers:
            assert any(cell.startswith(name) for cell in cells)
        assert any(f"NIP {built.secretary_nip}" in cell for cell in cells)
        assert any("Peraturan Bupati" in p.text for p in built.document.paragraphs[:40])


def test_the_lists_are_word_fields_and_the_captions_are_numbered(books):
    built = books[("pekalongan", 2)]
    document = built.document
    instructions = _instructions(document.element.body)
    assert f'TOC \\o "1-3" \\h \\z \\t "{word.FRONT_TITLE},1"' in instructions
    assert f'TOC \\h \\z \\t "{word.TABLE_CAPTION},1"' in instructions
    assert f'TOC \\h \\z \\t "{word.FIGURE_CAPTION},1"' in instructions
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    tables = [p.text for p in document.paragraphs if p.style.name == word.TABLE_CAPTION]
    figures = [p.text for p in document.paragraphs if p.style.name == word.FIGURE_CAPTION]
    assert len(tables) == built.html.count('<table class="data')
    assert tables[0].startswith("Tabel 2.1 ")
    assert figures and figures[0].startswith("Gambar 4.1 ")


def test_charts_and_photos_are_pictures(books):
    for built in books.values():
        expected = built.html.count("<img")
        assert len(built.document.inline_shapes) == expected
    document = books[("pekalongan", 2)].document
    assert len(document.inline_shapes) > 1  # the logo and the charts
    chart = document.inline_shapes[1]
    blob = document.part.related_parts[chart._inline.graphic.graphicData.pic.blipFill.blip.embed]
    with Image.open(io.BytesIO(blob.blob)) as image:
        assert image.format == "PNG" and image.width >= 1000  # sharp enough to print
    assert chart.width <= word.Mm(252)


def test_buku_2_has_a_landscape_section_for_the_roadmap_matrix(books):
    document = books[("pekalongan", 2)].document
    landscape = {i for i, s in enumerate(document.sections) if s.orientation == WD_ORIENT.LANDSCAPE}
    assert landscape
    for index in landscape:
        section = document.sections[index]
        assert section.page_width > section.page_height
    blocks = list(_body_blocks(document))
    roadmap = next(
        s
        for s, e in blocks
        if _style(document, e) == word.TABLE_CAPTION and "Peta jalan" in _text(e)
    )
    assert roadmap in landscape
    # the chapter opens on that landscape page, not alone on a portrait one
    chapter = next(
        s for s, e in blocks if _style(document, e) == "Heading 1" and "Peta Jalan" in _text(e)
    )
    assert chapter == roadmap


def test_the_abbreviations_are_the_glossary_entries_the_book_uses(books):
    for built in books.values():
        blocks = list(_body_blocks(built.document))
        titles = [i for i, (_s, e) in enumerate(blocks) if _text(e) == "DAFTAR SINGKATAN"]
        if not built.abbreviations:
            assert not titles
            continue
        listing = blocks[titles[0] + 1][1]
        assert listing.tag == qn("w:tbl")
        rows = [
            tuple(_text(cell) for cell in row.iter(qn("w:tc"))) for row in listing.iter(qn("w:tr"))
        ]
        assert rows == built.abbreviations


def test_a_chart_may_not_load_anything():
    outside = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        '<image href="file:///etc/passwd" width="10" height="10"/></svg>'
    )
    assert word_picture(outside.encode(), "image/svg+xml") is None
    plain = '<svg xmlns="http://www.w3.org/2000/svg" width="72pt" height="36pt"></svg>'
    with Image.open(io.BytesIO(svg_to_png(plain))) as image:
        assert image.size == (200, 100)  # CHART_DPI pixels per inch
    assert word_picture(b"not an image", "image/webp") is None


def test_buku_4_key_figures_sit_in_one_row_and_the_matrix_is_small_print(books):
    document = books[("pekalongan", 4)].document
    cards = [
        [cell.text for cell in table.rows[0].cells]
        for table in document.tables
        if len(table.rows) == 1 and table.style.name != "Table Grid"
    ]
    assert cards and all(len(row) == 4 for row in cards)
    assert cards[0][0].split("\n")[1] == "program"
    matrix = books[("pekalongan", 2)].document
    styles = {p.style.name for t in matrix.tables for c in t.rows[-1].cells for p in c.paragraphs}
    assert "Tabel Matriks" in styles


def _pictures(document) -> list[tuple[int, int]]:
    sizes = []
    for shape in document.inline_shapes:
        embed = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        with Image.open(io.BytesIO(document.part.related_parts[embed].blob)) as image:
            sizes.append(image.size)
    return sizes


def test_a_programme_photo_is_embedded_with_its_numbered_caption(world):
    from tests.exports.test_fetcher import add_photo

    add_photo(world.plan_a)
    book = world.plan_a.books.get(number=3)

    document = docx.Document(io.BytesIO(book_docx(book)))

    assert (40, 30) in _pictures(document)
    captions = [p.text for p in document.paragraphs if p.style.name == word.FIGURE_CAPTION]
    assert any(c.startswith("Gambar ") and "Dokumentasi peluncuran" in c for c in captions)


def test_a_section_image_is_embedded_and_another_regions_is_not(world):
    from masterplan.models import Section
    from tests.exports.test_section_images_print import SIZE, image_url, region_image

    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    own = region_image(world.region_a, "blue")
    other = region_image(world.region_b)
    # Written past the sanitiser (which keeps only the region's own images) on purpose.
    Section.objects.filter(pk=section.pk).update(
        body=f'<p>Peta wilayah layanan<img src="{image_url(own)}"></p>'
        f'<img src="{image_url(other)}">'
    )

    document = docx.Document(io.BytesIO(book_docx(section.book)))

    assert _pictures(document).count(SIZE) == 1
    texts = [p.text for p in document.paragraphs]
    assert "Peta wilayah layanan" in texts
    assert texts[texts.index("Peta wilayah layanan") + 2].startswith("(Gambar tidak dapat dimuat")


def test_each_numbered_list_starts_at_1(world):
    from masterplan.models import Section

    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    Section.objects.filter(pk=section.pk).update(
        body="<ol><li>Satu</li><li>Dua</li></ol><p>Antara</p><ol><li>Lagi satu</li></ol>"
    )

    document = docx.Document(io.BytesIO(book_docx(section.book)))

    numbers = {}
    for paragraph in document.paragraphs:
        if paragraph.text in {"Satu", "Dua", "Lagi satu"}:
            numbers[paragraph.text] = paragraph._p.pPr.numPr.numId.val
    assert numbers["Satu"] == numbers["Dua"] != numbers["Lagi satu"]
    definitions = document.part.numbering_part.element
    for num_id in (numbers["Satu"], numbers["Lagi satu"]):
        override = definitions.num_having_numId(num_id).find(qn("w:lvlOverride"))
        assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_the_roadmap_matrix_gives_the_years_the_width_and_breaks_no_word(books):
    """Word breaks a word that does not fit its cell: every year column is wider than its
    longest word (at the matrix's 7 pt), the code and total columns narrow, the programme
    column readable, and the columns fill the landscape page."""
    from exports.docx.book import MATRIX_CELL_MARGIN, TEXT_WIDTH, text_width

    document = books[("pekalongan", 2)].document
    matrices = [
        table
        for table in document.tables
        if table.rows[0].cells[1].text == "Program" and table.rows[0].cells[2].text.isdigit()
    ]
    assert matrices
    for table in matrices:
        widths = [column.width for column in table.columns]
        assert abs(sum(widths) - TEXT_WIDTH[True]) < word.Mm(1)
        code, name, *years, total = widths
        assert word.Mm(30) <= name <= word.Mm(41)
        assert code < min(years) and total < min(years)
        for row in table.rows[1:]:
            cells = row.cells
            if len({id(cell._tc) for cell in cells}) < len(cells):
                continue  # a group row spans the table
            for cell, width in zip(cells, widths, strict=True):
                room = width - 2 * MATRIX_CELL_MARGIN
                for piece in cell.text.split():
                    assert text_width(piece) < room, (piece, cell.text)
