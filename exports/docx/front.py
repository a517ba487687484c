"""The official front matter in Word, read from the same print HTML as the PDF: the cover
(logo, title once, book, period, cohort, edition), the lembar pengesahan with its signature
block, the forewords, the table of contents and the lists of tables and figures as Word
fields (Word fills in the page numbers), and the daftar singkatan."""

from __future__ import annotations

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from exports.docx import word
from exports.docx.text import add_runs, text_of

SOURCE_NOTE = (
    "Dokumen ini diekspor dari Kota Cerdas Studio. Sumber resmi rencana tetap portal; "
    "perubahan di Word perlu dimasukkan kembali ke portal."
)
FIELD_HINT = "Nomor halaman diisi oleh Word: klik kanan pada daftar ini → Perbarui bidang."
LIST_TITLE = "Judul Daftar"
GREY = RGBColor(0x6B, 0x72, 0x78)
# The lists of the front matter and the caption style each one collects.
LISTINGS = {
    "toc": f'TOC \\o "1-3" \\h \\z \\t "{word.FRONT_TITLE},1"',
    "lot": f'TOC \\h \\z \\t "{word.TABLE_CAPTION},1"',
    "lof": f'TOC \\h \\z \\t "{word.FIGURE_CAPTION},1"',
}


class FrontMatter:
    """Mixed into WordBook: needs ``document``, ``picture(src)`` and ``_block(element)``."""

    def _first(self, tree, cls: str) -> str:
        found = tree.find_class(cls)
        return text_of(found[0]) if found else ""

    def cover(self, element) -> None:
        document = self.document
        logos = [img for img in element.iter("img") if "cover-logo" in (img.get("class") or "")]
        if logos and (data := self.picture(logos[0].get("src") or "")):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Mm(10)
            paragraph.add_run().add_picture(io.BytesIO(data), height=Mm(32))
        title = self._first(element, "cover-title")
        lines = [
            ("cover-region", 16, True, Mm(6)),
            ("cover-province", 12, False, 0),
            ("cover-book", 20, True, Mm(40)),
            ("cover-title", 26, True, Mm(4)),
            ("cover-period", 13, False, Mm(6)),
            ("cover-cohort", 11, False, Mm(50)),
            ("cover-version", 11, False, 0),
        ]
        for cls, size, bold, space in lines:
            text = self._first(element, cls)
            if cls == "cover-period":  # the title once: "Masterplan Smart City · Periode …"
                text = " · ".join(p for p in text.split(" · ") if p.strip() != title)
            if not text:
                continue
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = space
            run = paragraph.add_run(text)
            run.font.size, run.bold = Pt(size), bold
            run.font.name = word.HEADING_FONT
        note = document.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        note.paragraph_format.space_before = Mm(12)
        run = note.add_run(SOURCE_NOTE)
        run.italic, run.font.size, run.font.color.rgb = True, Pt(9), GREY

    def front_title(self, element, style: str = word.FRONT_TITLE):
        title = element.find(".//h1")
        text = text_of(title) if title is not None else ""
        paragraph = self.document.add_paragraph(text.upper(), style=style)
        if self._front_started:
            paragraph.paragraph_format.page_break_before = True
        else:  # the first page of the front matter section is a new page already
            paragraph.paragraph_format.page_break_before = False
            self._front_started = True
        return title

    def approval(self, element) -> None:
        heading = self.front_title(element)
        for child in element:
            if child is heading:
                continue
            if child.tag == "table":
                self._signatures(child)
                continue
            paragraph = self.document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(12)
            add_runs(paragraph, child)

    def _signatures(self, element) -> None:
        rows = list(element.iter("tr"))
        columns = max(len(row.findall("td")) for row in rows)
        table = self.document.add_table(rows=0, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        word.no_borders(table)
        widths = [Mm(160) // columns] * columns
        word.fixed_widths(table, widths)
        for row in rows:
            space = "approval-space" in (row.get("class") or "")
            cells = table.add_row().cells
            if space:
                table.rows[-1].height = Mm(30)
            for cell, source in zip(cells, row.findall("td"), strict=False):
                cell.width = widths[0]
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                add_runs(paragraph, source)
                if space:
                    for run in paragraph.runs:
                        run.font.color.rgb, run.font.size = GREY, Pt(8)
                for run in paragraph.runs:
                    if source.find(".//strong") is not None and run.bold:
                        run.underline = True

    def foreword(self, element) -> None:
        heading = self.front_title(element)
        for child in element:
            if child is not heading:
                self._block(child)

    def listing(self, element, kind: str) -> None:
        """Daftar isi / tabel / gambar: a Word TOC field showing our entries until updated."""
        self.front_title(element, style=LIST_TITLE if kind == "toc" else word.FRONT_TITLE)
        entries = []
        for item in element.iter("li"):
            classes = item.get("class") or ""
            level = int(classes.rsplit("-", 1)[-1]) if "toc-level-" in classes else 1
            entries.append((min(level, 3), text_of(item)))
        first = self.document.add_paragraph(style="Entri Daftar 1")
        word.field_begin(first, LISTINGS[kind])
        run = first.add_run(FIELD_HINT)
        run.italic, run.font.size, run.font.color.rgb = True, Pt(8), GREY
        last = first
        for level, text in entries:
            last = self.document.add_paragraph(text, style=f"Entri Daftar {level}")
        word.field_end(last)

    def glossary(self, element) -> None:
        self.front_title(element)
        table = self.document.add_table(rows=0, cols=2)
        word.no_borders(table)
        word.fixed_widths(table, [Mm(35), Mm(130)])
        for term in element.iter("dt"):
            meaning = term.getnext()
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Mm(35), Mm(130)
            for cell in cells:
                cell.paragraphs[0].paragraph_format.space_after = Pt(2)
            run = cells[0].paragraphs[0].add_run(text_of(term))
            run.bold = True
            cells[1].paragraphs[0].add_run(text_of(meaning) if meaning is not None else "")
        self.glossary_table = table
