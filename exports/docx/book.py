"""A book as a Word document (python-docx), built from the same print HTML as the PDF.

Regions finish the text in Word with their legal bureau; the portal stays the source of
truth, and the cover says so. The document has three kinds of Word sections: the cover
(no page number), the front matter numbered i, ii, iii… (lembar pengesahan, kata
pengantar, daftar isi/tabel/gambar as Word fields, daftar singkatan) and the body from 1,
its footer "Halaman X dari Y" (Y is the page of the book's last paragraph, so the front
matter does not count). Word's heading styles carry the structure (its own TOC and the
navigation pane work); tables keep their numbered captions and repeat their header rows;
blocks the PDF prints on landscape pages sit in landscape sections; the SVG charts are
converted to PNG and embedded with their captions, like the photos.
"""

from __future__ import annotations

import base64
import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell
from lxml import html as lxml_html

from exports.docx import word
from exports.docx.front import SOURCE_NOTE, FrontMatter
from exports.docx.images import word_picture
from exports.docx.text import add_runs, text_of
from masterplan.models import Book

__all__ = ["DOCX_TYPE", "SOURCE_NOTE", "WordBook", "book_docx"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHART_NOTE = "(Gambar tidak dapat dimuat; lihat versi PDF.)"
END_BOOKMARK = "AkhirBuku"
HEADER_FILL = "E8ECEF"
GROUP_FILL = "F3F5F6"
# Usable width of a page (A4 minus the margins of word.set_orientation).
TEXT_WIDTH = {False: Mm(165), True: Mm(252)}
_FRONT = ("approval", "foreword", "toc", "lot", "lof", "glossary")


# The roadmap matrix in Word: narrow cell margins, a name column that stays readable, the
# years share the rest. Widths are estimated for its 7 pt Noto Sans (average advance about
# 0.55 em; digits, capitals and "m"/"w" are wider, hence 0.62 em per character here).
MATRIX_CELL_MARGIN = Mm(0.8)
MATRIX_CHAR = Pt(7 * 0.62)
MATRIX_NAME = (Mm(30), Mm(40))  # the programme column: least, most


def text_width(text: str) -> int:
    return len(text) * MATRIX_CHAR


def longest_word(cells) -> int:
    return max((text_width(word) for cell in cells for word in text_of(cell).split()), default=0)


def matrix_widths(element, classes: list[str], total: int) -> list[int]:
    """Column widths of the roadmap matrix: code and total as wide as their longest entry,
    the programme name between its least and most, the years share what is left; no year
    column narrower than its longest word (Word breaks a word that does not fit a cell)."""
    padding = 2 * MATRIX_CELL_MARGIN + Mm(0.4)
    columns: dict[int, list] = {index: [] for index in range(len(classes))}
    for row in element.iter("tr"):
        cells = list(row.iterchildren("th", "td"))
        if len(cells) == len(classes):
            for index, cell in enumerate(cells):
                columns[index].append(cell)
    name = classes.index("name")
    fixed = {
        index: max(longest_word(columns[index]), text_width("0000")) + padding
        for index, kind in enumerate(classes)
        if kind in {"code", "total"}
    }
    years = [index for index, kind in enumerate(classes) if index not in fixed and index != name]
    year_least = max((longest_word(columns[index]) for index in years), default=0) + padding
    room = total - sum(fixed.values())
    name_width = max(MATRIX_NAME[0], min(MATRIX_NAME[1], room - year_least * len(years)))
    year_width = (room - name_width) // max(len(years), 1)
    if year_width > Mm(30):  # few years (Buku 3's flagships): the name takes its most
        name_width = MATRIX_NAME[1]
        year_width = (room - name_width) // max(len(years), 1)
    widths = [fixed.get(index, year_width) for index in range(len(classes))]
    widths[name] = room - year_width * len(years)
    return [int(width) for width in widths]


def _tag(element) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _opens_wide(section) -> bool:
    """A section whose first block (before any sub-section) is printed landscape: its
    heading and lead text go on that landscape page, not alone on a portrait one."""
    for child in section:
        tag, classes = _tag(child), _classes(child)
        if tag == "section":
            return False
        if tag == "div" and "block" in classes:
            return "wide" in classes
    return False


class WordBook(FrontMatter):
    def __init__(self, book: Book, *, fetch=None, final: bool = False):
        self.book = book
        self.fetch = fetch
        self.final = final
        self.document = Document()
        self.landscape = False
        self.wanted_landscape = False
        self.in_body = False
        self._front_started = False
        self.glossary_table = None
        self.pictures = 0
        word.setup_styles(self.document)
        word.set_language(self.document)

    # -- the document -------------------------------------------------------------------

    def build(self, html: str) -> bytes:
        tree = lxml_html.fromstring(html)
        body = tree.find("body")
        cover = self.document.sections[0]
        word.set_orientation(cover, False)
        word.page_numbers(cover, None, restart=False)
        word.own_footer(cover)
        if not self.final:
            header = cover.header.paragraphs[0]
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = header.add_run("DRAF")
            run.bold, run.font.size = True, Pt(9)
        for element in body if body is not None else tree:
            classes = _classes(element)
            if "cover" in classes:
                self.cover(element)
            elif "front-matter" in classes:
                if not self._front_started:
                    self._front_section()
                kind = next((k for k in _FRONT if k in classes), "")
                if kind == "approval":
                    self.approval(element)
                elif kind in {"toc", "lot", "lof"}:
                    self.listing(element, kind)
                elif kind == "glossary":
                    self.glossary(element)
                else:
                    self.foreword(element)
            elif _tag(element) == "main":
                self._body_section()
                for child in element:
                    self._block(child)
        end = self.document.add_paragraph()
        end.paragraph_format.space_after = Pt(0)
        word.bookmark(end, END_BOOKMARK, 1)
        word.update_fields_on_open(self.document)
        self._properties(tree)
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _properties(self, tree) -> None:
        properties = self.document.core_properties
        title = tree.find(".//title")
        properties.title = text_of(title) if title is not None else ""
        properties.author = self.book.plan.region.name
        properties.language = "id-ID"
        properties.comments = SOURCE_NOTE

    def _front_section(self) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        word.page_numbers(section, "lowerRoman", restart=True)
        footer = word.own_footer(section)
        word.field(footer, "PAGE", "i")

    def _body_section(self) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        word.page_numbers(section, "decimal", restart=True)
        footer = word.own_footer(section)
        footer.add_run("Halaman ")
        word.field(footer, "PAGE", "1")
        footer.add_run(" dari ")
        word.field(footer, f"PAGEREF {END_BOOKMARK} \\h", "1")
        self.in_body = True
        self.pending_heading = True  # the section break already starts a page

    def _orient(self) -> None:
        """Before each block: a new section when the block needs the other orientation."""
        if self.wanted_landscape == self.landscape:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        word.set_orientation(section, self.wanted_landscape)
        word.continue_numbering(section)
        self.landscape = self.wanted_landscape
        self.pending_heading = True

    # -- the body -----------------------------------------------------------------------

    def _block(self, element) -> None:
        tag = _tag(element)
        classes = _classes(element)
        if not tag:
            return
        if tag == "section":
            wide = _opens_wide(element)
            for child in element:
                if _tag(child) == "div" and "block" in _classes(child):
                    wide = False  # from the first block on, each block says for itself
                self.wanted_landscape = wide
                self._block(child)
            self.wanted_landscape = False
            return
        if tag == "div" and "block" in classes:
            self.wanted_landscape = "wide" in classes
            self._children(element)
            self.wanted_landscape = False
            return
        if tag == "div" and "watermark" in classes:
            return
        self._orient()
        if tag == "div" and "key-figures" in classes:
            self._key_figures(element)
            self.pending_heading = False
            return
        if tag in {"h1", "h2", "h3", "h4"} and "heading" in classes:
            self._heading(element, int(tag[1]))
        elif tag == "table":
            self._table(element)
        elif tag == "figure":
            self._figure(element)
        elif tag in {"ul", "ol"}:
            self._list(element, ordered=tag == "ol")
        elif tag == "dl":
            for term in element.iter("dt"):
                paragraph = self.document.add_paragraph()
                paragraph.add_run(text_of(term)).bold = True
                definition = term.getnext()
                if definition is not None and _tag(definition) == "dd":
                    paragraph.add_run(": ")
                    add_runs(paragraph, definition)
        elif tag in {"div", "main", "article", "nav", "aside", "header", "footer"}:
            self._children(element)
        else:
            self._paragraph(element, tag, classes)
        self.pending_heading = False

    def _children(self, element) -> None:
        if element.text and element.text.strip():
            self._orient()
            self.document.add_paragraph(element.text.strip())
        for child in element:
            self._block(child)
            if child.tail and child.tail.strip():
                self.document.add_paragraph(child.tail.strip())

    def _heading(self, element, level: int) -> None:
        text = text_of(element)
        if level == 1:
            text = f"BAB {text}"
        paragraph = self.document.add_heading(text, level=level)
        if level == 1 and self.pending_heading:
            # The section break has started the page; a page break before would add one.
            paragraph.paragraph_format.page_break_before = False

    def _paragraph(self, element, tag: str, classes: set[str]) -> None:
        if tag == "img":
            self._picture(element.get("src") or "")
            return
        images = list(element.iter("img"))
        if text_of(element):
            paragraph = self.document.add_paragraph()
            heading = tag in {"h2", "h3", "h4", "h5", "h6"}
            add_runs(paragraph, element, bold=heading, italic="unwritten" in classes)
            if heading or "lead-in" in classes:
                word.keep_with_next(paragraph)
            if "lead-in" in classes:
                for run in paragraph.runs:
                    run.bold = True
            if tag == "blockquote" or "vision-text" in classes:
                paragraph.paragraph_format.left_indent = Mm(10)
                paragraph.paragraph_format.right_indent = Mm(10)
                for run in paragraph.runs:
                    run.italic = True
        # Images in the section text (uploaded or imported from Word) follow their paragraph.
        for image in images:
            self._picture(image.get("src") or "")

    def _list(self, element, *, ordered: bool, depth: int = 1) -> None:
        style = ("List Number" if ordered else "List Bullet") + (" 2" if depth > 1 else "")
        number = word.restart_numbering(self.document, style) if ordered else None
        for item in element.iterchildren("li"):
            paragraph = self.document.add_paragraph(style=style)
            if number is not None:
                word.set_numbering(paragraph, number)
            nested = [child for child in item if _tag(child) in {"ul", "ol"}]
            for child in nested:
                item.remove(child)
            add_runs(paragraph, item)
            for child in nested:
                self._list(child, ordered=_tag(child) == "ol", depth=depth + 1)

    # -- tables ---------------------------------------------------------------------------

    def _table(self, element) -> None:
        caption = element.find("caption")
        if caption is not None and text_of(caption):
            self.document.add_paragraph(text_of(caption), style=word.TABLE_CAPTION)
        rows = [
            (row, row.getparent().tag == "thead")
            for row in element.iter("tr")
            if row.getparent().tag in {"thead", "tbody", "tfoot", "table"}
        ]
        if not rows:
            return
        width = max(
            sum(int(cell.get("colspan") or 1) for cell in row.iterchildren("th", "td"))
            for row, _ in rows
        )
        table = self.document.add_table(rows=0, cols=max(width, 1))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = self._column_widths(element, max(width, 1))
        matrix = "matrix" in _classes(element)
        table_style = self.document.styles["Tabel Matriks" if matrix else "Tabel Buku"].style_id
        word.fixed_widths(table, widths)
        if matrix:
            word.cell_margins(table, MATRIX_CELL_MARGIN)
        for row, is_header in rows:
            added = table.add_row()  # its cells take the grid's widths
            tcs = list(added._tr.tc_lst)
            group = "group" in _classes(row)
            column = 0
            for cell in row.iterchildren("th", "td"):
                span = min(int(cell.get("colspan") or 1), len(tcs) - column)
                if span < 1:
                    break
                tc = tcs[column]
                if span > 1:  # python-docx's merge costs a scan of the table per call
                    covered = tcs[column + 1 : column + span]
                    word.span(tc, covered, sum(widths[column : column + span]))
                target = _Cell(tc, table)
                paragraph = target.paragraphs[0]
                paragraph._p.style = table_style  # by id: python-docx's name lookup is slow
                add_runs(paragraph, cell, bold=is_header or cell.tag == "th")
                if "num" in _classes(cell):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if is_header:
                    word.shade(target, HEADER_FILL)
                elif group:
                    word.shade(target, GROUP_FILL)
                column += span
            word.keep_row_together(added)
            if row.find("td[@class='sign']") is not None:
                added.height = Mm(12)  # room to sign, like the PDF
            if is_header:
                word.repeat_header(added)
        self.document.add_paragraph().paragraph_format.space_after = Pt(2)

    def _column_widths(self, element, count: int) -> list:
        """Widths from the print colgroup's percentages, or equal shares of the page."""
        total = TEXT_WIDTH[self.landscape]
        shares = []
        for col in element.iter("col"):
            style = (col.get("style") or "").replace(" ", "")
            if style.startswith("width:") and style.endswith("%"):
                try:
                    shares.append(float(style[6:-1]) / 100)
                except ValueError:
                    shares.append(0)
            else:
                shares.append(0)
        if len(shares) != count or not all(shares):
            classes = [(col.get("class") or "") for col in element.iter("col")]
            if len(classes) == count and "name" in classes:
                return matrix_widths(element, classes, total)
            shares = [1 / count] * count
        return [int(total * share) for share in shares]

    def _key_figures(self, element) -> None:
        """The key-figure cards of Buku 4 in one row: a big number over its label each."""
        boxes = [box for box in element if "figure-box" in _classes(box)]
        if not boxes:
            return
        table = self.document.add_table(rows=1, cols=len(boxes))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        word.no_borders(table)
        width = TEXT_WIDTH[self.landscape] // len(boxes)
        word.fixed_widths(table, [width] * len(boxes))
        for cell, box in zip(table.rows[0].cells, boxes, strict=True):
            cell.width = width
            word.shade(cell, GROUP_FILL)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for index, part in enumerate(box):
                if index:
                    paragraph.add_run().add_break()
                run = paragraph.add_run(text_of(part))
                if "big" in _classes(part):
                    run.bold, run.font.size = True, Pt(16)
                else:
                    run.font.size = Pt(8.5)
        self.document.add_paragraph().paragraph_format.space_after = Pt(2)

    # -- figures --------------------------------------------------------------------------

    def _figure(self, element) -> None:
        continued = "chart-part" in _classes(element) and element.get("id") is None
        for image in element.iter("img"):
            self._picture(image.get("src") or "")
        caption = element.find("figcaption")
        if caption is not None and text_of(caption):
            style = word.FIGURE_CAPTION_CONTINUED if continued else word.FIGURE_CAPTION
            self.document.add_paragraph(text_of(caption), style=style)

    def _picture(self, src: str) -> None:
        data = self.picture(src)
        if not data:
            self.document.add_paragraph(CHART_NOTE).alignment = WD_ALIGN_PARAGRAPH.CENTER
            return
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        word.keep_with_next(paragraph)
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(data))
        # As wide as the text at most, and never taller than the page leaves room for.
        width = TEXT_WIDTH[self.landscape]
        height = Mm(140) if self.landscape else Mm(215)
        scale = min(1.0, width / shape.width, height / shape.height)
        shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
        self.pictures += 1

    def picture(self, src: str) -> bytes | None:
        """The image behind ``src`` as bytes Word embeds (data URL or the plan's own file)."""
        if src.startswith("data:"):
            header, _, payload = src.partition(",")
            if ";base64" not in header:
                return None
            try:
                data = base64.b64decode(payload)
            except ValueError:
                return None
            return word_picture(data, header[5:].split(";")[0])
        if self.fetch is None or not src:
            return None
        try:
            response = self.fetch(src)
            try:
                body, mime = response.read(), response.content_type
            finally:
                response.close()
        except Exception:  # refused or missing: the caption stays
            return None
        return word_picture(body, mime)


def book_docx(book: Book, *, final: bool = False) -> bytes:
    """The book as a .docx file (Indonesian, like the PDF)."""
    from exports.render import _plan_fetcher, build_html

    fetcher = _plan_fetcher(book.plan)
    html = build_html(book, final=final)
    return WordBook(book, fetch=fetcher.fetch, final=final).build(html)
