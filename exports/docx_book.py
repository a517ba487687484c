"""A book as a Word document (python-docx), built from the same print HTML as the PDF.

Regions finish the text in Word with their legal bureau; the portal stays the source of
truth, and the cover says so. Word's heading styles carry the structure (its own TOC
field and navigation pane work), tables keep their captions and repeat their header rows,
wide blocks sit in landscape sections, the footer numbers the pages. Raster images are
embedded; SVG charts are not (Word would need them converted) and leave their caption
with a note pointing to the PDF.
"""

from __future__ import annotations

import base64
import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import html as lxml_html

from exports.render import build_html
from masterplan.models import Book

SOURCE_NOTE = (
    "Dokumen ini diekspor dari Kota Cerdas Studio. Sumber resmi rencana tetap portal; "
    "perubahan di Word perlu dimasukkan kembali ke portal."
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHART_NOTE = "(Diagram tersedia pada versi PDF.)"
_SPACES = re.compile(r"\s+")
_RASTER = {"image/png", "image/jpeg", "image/gif"}


def _text(element) -> str:
    return _SPACES.sub(" ", element.text_content()).replace("\u200b", "").strip()


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _set_orientation(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin = section.bottom_margin = Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(20)


class WordBook:
    def __init__(self, book: Book, *, fetch=None):
        self.book = book
        self.fetch = fetch
        self.document = Document()
        self.landscape = False
        styles = self.document.styles
        styles["Normal"].font.name = "Noto Serif"
        styles["Normal"].font.size = Pt(10)

    def build(self, html: str) -> bytes:
        tree = lxml_html.fromstring(html)
        section = self.document.sections[0]
        _set_orientation(section, False)
        footer = section.footer.paragraphs[0]
        footer.add_run("Halaman ")
        _field(footer, "PAGE")
        footer.add_run(" dari ")
        _field(footer, "NUMPAGES")
        self._cover(tree)
        self.document.add_page_break()
        self.document.add_paragraph("Daftar Isi", style="Title")
        _field(self.document.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u')
        for main in tree.iter("main"):
            for child in main:
                self._block(child)
        self._update_fields_on_open()
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _cover(self, tree) -> None:
        for cls in ("cover-region", "cover-book", "cover-title", "cover-plan", "cover-period"):
            for element in tree.find_class(cls)[:1]:
                style = "Title" if cls == "cover-title" else "Subtitle"
                self.document.add_paragraph(_text(element), style=style)
        for element in tree.find_class("cover-version")[:1]:
            self.document.add_paragraph(_text(element))
        self.document.add_paragraph(SOURCE_NOTE).runs[0].italic = True

    def _block(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = set((element.get("class") or "").split())
        if "wide" in classes and not self.landscape:
            self._switch(landscape=True)
            self._children(element)
            self._switch(landscape=False)
            return
        if tag in {"h1", "h2", "h3", "h4"} and "heading" in classes:
            level = int(tag[1])
            text = _text(element)
            if level == 1:
                if self.document.paragraphs and not self.landscape:
                    self.document.add_page_break()
                text = f"BAB {text}"
            self.document.add_heading(text, level=level)
        elif tag == "table":
            self._table(element)
        elif tag == "figure":
            self._figure(element)
        elif tag in {"ul", "ol"}:
            style = "List Bullet" if tag == "ul" else "List Number"
            for item in element.iter("li"):
                self.document.add_paragraph(_text(item), style=style)
        elif tag in {"p", "blockquote", "h5", "h6"} or (tag in {"h2", "h3", "h4"}):
            text = _text(element)
            if text:
                paragraph = self.document.add_paragraph(text)
                if tag.startswith("h"):
                    paragraph.runs[0].bold = True
        elif tag == "dl":
            for term in element.iter("dt"):
                definition = term.getnext()
                line = _text(term) + (f": {_text(definition)}" if definition is not None else "")
                self.document.add_paragraph(line)
        elif tag in {"section", "div", "main", "article", "nav"}:
            self._children(element)
        elif tag:
            text = _text(element)
            if text:
                self.document.add_paragraph(text)

    def _children(self, element) -> None:
        if element.text and element.text.strip() and element.tag == "div":
            self.document.add_paragraph(_SPACES.sub(" ", element.text).strip())
        for child in element:
            self._block(child)

    def _switch(self, *, landscape: bool) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _set_orientation(section, landscape)
        self.landscape = landscape

    def _table(self, element) -> None:
        caption = element.find("caption")
        if caption is not None:
            self.document.add_paragraph(_text(caption), style="Caption")
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
        for row, is_header in rows:
            cells = table.add_row().cells
            column = 0
            for cell in row.iterchildren("th", "td"):
                span = int(cell.get("colspan") or 1)
                target = cells[column]
                if span > 1 and column + span - 1 < len(cells):
                    target = target.merge(cells[column + span - 1])
                target.text = _text(cell)
                if is_header or cell.tag == "th":
                    for run in target.paragraphs[0].runs:
                        run.bold = True
                column += span
            if is_header:
                properties = table.rows[-1]._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                properties.append(header)

    def _figure(self, element) -> None:
        for image in element.iter("img"):
            data = self._image(image.get("src") or "")
            if data:
                width = Mm(240) if self.landscape else Mm(160)
                self.document.add_picture(io.BytesIO(data), width=width)
            else:
                self.document.add_paragraph(CHART_NOTE)
        caption = element.find("figcaption")
        if caption is not None:
            self.document.add_paragraph(_text(caption), style="Caption")

    def _image(self, src: str) -> bytes | None:
        if src.startswith("data:"):
            header, _, payload = src.partition(",")
            mime = header[5:].split(";")[0]
            if mime in _RASTER and ";base64" in header:
                return base64.b64decode(payload)
            return None
        if self.fetch is None:
            return None
        try:
            response = self.fetch(src)
            try:
                body, mime = response.read(), response.content_type
            finally:
                response.close()
        except Exception:  # refused or missing: the caption stays
            return None
        return body if mime in _RASTER else None

    def _update_fields_on_open(self) -> None:
        settings = self.document.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def book_docx(book: Book, *, final: bool = False) -> bytes:
    """The book as a .docx file (Indonesian, like the PDF)."""
    from exports.render import _plan_fetcher

    fetcher = _plan_fetcher(book.plan)
    return WordBook(book, fetch=fetcher.fetch).build(build_html(book, final=final))
