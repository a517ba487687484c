"""Low-level Word pieces python-docx has no API for: fields, bookmarks, page numbering per
section, repeating header rows, shading and borders."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

INK = RGBColor(0x1D, 0x25, 0x2C)
FONT = "Noto Serif"
HEADING_FONT = "Noto Sans"
# Paragraph styles of our own: the TOC field collects them next to the headings.
FRONT_TITLE = "Judul Bagian Depan"
TABLE_CAPTION = "Keterangan Tabel"
FIGURE_CAPTION = "Keterangan Gambar"
# The caption of a chart's second and later parts: not in the daftar gambar (like the PDF).
FIGURE_CAPTION_CONTINUED = "Keterangan Gambar Lanjutan"


def _element(tag: str, **attributes) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def field_begin(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run._r.append(_element("w:fldChar", fldCharType="separate"))


def field_end(paragraph) -> None:
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def field(paragraph, instruction: str, result: str = "") -> None:
    """A field in one paragraph, showing ``result`` until Word updates it."""
    field_begin(paragraph, instruction)
    if result:
        paragraph.add_run(result)
    field_end(paragraph)


def bookmark(paragraph, name: str, number: int) -> None:
    start = _element("w:bookmarkStart", id=number, name=name)
    end = _element("w:bookmarkEnd", id=number)
    paragraph._p.append(start)
    paragraph._p.append(end)


def set_orientation(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin = section.bottom_margin = Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.footer_distance = Mm(10)


def page_numbers(section, fmt: str | None, *, restart: bool) -> None:
    """The section's page number format (``lowerRoman``, ``decimal``); ``restart`` from 1."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    if fmt is None:
        return
    numbering = _element("w:pgNumType", fmt=fmt)
    if restart:
        numbering.set(qn("w:start"), "1")
    # w:pgNumType comes after the margins and before the columns in CT_SectPr's sequence.
    cols = sect_pr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(numbering)
    else:
        sect_pr.append(numbering)


def continue_numbering(section) -> None:
    """A section that goes on with the previous one's numbers (no restart)."""
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is not None and numbering.get(qn("w:start")) is not None:
        del numbering.attrib[qn("w:start")]


def own_footer(section):
    """The section's own footer (not the previous one's), empty."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def repeat_header(row) -> None:
    row._tr.get_or_add_trPr().append(_element("w:tblHeader", val="true"))


def fixed_widths(table, widths) -> None:
    """Column widths Word and LibreOffice both keep (the grid, the table, no autofit)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.gridCol_lst, widths, strict=False):
        col.w = width
    total = table._tbl.tblPr.find(qn("w:tblW"))
    if total is not None:
        total.set(qn("w:w"), str(int(sum(widths) / 635)))  # EMU to twips
        total.set(qn("w:type"), "dxa")


def cell_margins(table, width) -> None:
    """Left and right margins of every cell of ``table`` (Word's default is 1.9 mm)."""
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=str(int(width / 635)), type="dxa"))
    insert_before(table._tbl.tblPr, margins, ("w:tblLook", "w:tblCaption", "w:tblDescription"))


def span(tc, covered, width) -> None:
    """``tc`` spans its own and the ``covered`` grid columns (which leave the row)."""
    properties = tc.get_or_add_tcPr()
    properties.get_or_add_gridSpan().val = 1 + len(covered)
    tc.width = width
    for other in covered:
        other.getparent().remove(other)


def keep_row_together(row) -> None:
    row._tr.get_or_add_trPr().append(_element("w:cantSplit", val="true"))


def shade(cell, fill: str) -> None:
    insert_before(
        cell._tc.get_or_add_tcPr(),
        _element("w:shd", val="clear", color="auto", fill=fill),
        ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
    )


def no_borders(table) -> None:
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="nil"))
    insert_before(
        table._tbl.tblPr,
        borders,
        ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    )


def restart_numbering(document, style_name: str) -> int:
    """A new numbering of the list style's kind that starts at 1 (python-docx gives every
    "List Number" paragraph one numbering, so a second list would go on at 7)."""
    numbering = document.part.numbering_part.element
    style = document.styles[style_name].element
    num = numbering.num_having_numId(style.pPr.numPr.numId.val)
    new = numbering.add_num(num.abstractNumId.val)
    new.add_lvlOverride(ilvl=0).add_startOverride(1)
    return new.numId


def set_numbering(paragraph, num_id: int) -> None:
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def insert_before(parent, element, successors: tuple[str, ...]) -> None:
    """Append ``element`` to ``parent`` before the first of ``successors`` (the schema's order:
    Word refuses a file whose elements are out of order)."""
    for child in parent:
        if child.tag in {qn(name) for name in successors}:
            child.addprevious(element)
            return
    parent.append(element)


_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
_AFTER_HYPHENATION = (
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:characterSpacingControl",
    "w:savePreviewPicture",
    *_AFTER_UPDATE_FIELDS,
)


def update_fields_on_open(document) -> None:
    """Word asks on opening to update the fields (TOC, lists, page totals)."""
    insert_before(
        document.settings.element, _element("w:updateFields", val="true"), _AFTER_UPDATE_FIELDS
    )


def set_language(document, lang: str = "id-ID") -> None:
    """Indonesian spelling and hyphenation for the whole document (the default run style)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if language is not None:
        language.set(qn("w:val"), lang)
        language.set(qn("w:eastAsia"), lang)
    insert_before(
        document.settings.element, _element("w:autoHyphenation", val="true"), _AFTER_HYPHENATION
    )


def setup_styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 15), (2, 12.5), (3, 11), (4, 10.5)):
        style = styles[f"Heading {level}"]
        style.font.name = HEADING_FONT
        style.font.size = Pt(size)
        style.font.color.rgb = INK
        style.font.bold = True
        style.font.italic = False
        style.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    for name in ("Title", "Subtitle"):
        styles[name].font.name = HEADING_FONT
        styles[name].font.color.rgb = INK
    caption = styles["Caption"]
    caption.font.name = HEADING_FONT
    caption.font.size = Pt(9)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = INK
    for name, base in ((TABLE_CAPTION, caption), (FIGURE_CAPTION, caption)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = base
        style.next_paragraph_style = normal
    styles[TABLE_CAPTION].paragraph_format.keep_with_next = True
    styles[FIGURE_CAPTION].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    front = styles.add_style(FRONT_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    front.base_style = styles["Heading 1"]
    front.next_paragraph_style = normal
    front.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    front.paragraph_format.page_break_before = True
    listing = styles.add_style("Judul Daftar", WD_STYLE_TYPE.PARAGRAPH)
    listing.base_style = front
    listing.next_paragraph_style = normal
    continued = styles.add_style(FIGURE_CAPTION_CONTINUED, WD_STYLE_TYPE.PARAGRAPH)
    continued.base_style = styles[FIGURE_CAPTION]
    table = styles.add_style("Tabel Buku", WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    table.font.size = Pt(8.5)
    table.paragraph_format.space_after = Pt(0)
    table.paragraph_format.line_spacing = 1.0
    matrix = styles.add_style("Tabel Matriks", WD_STYLE_TYPE.PARAGRAPH)
    matrix.base_style = table
    matrix.font.size = Pt(7)
    matrix.font.name = HEADING_FONT  # as in the PDF: the narrower sans fits more per column
    for level in (1, 2, 3):
        style = styles.add_style(f"Entri Daftar {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.left_indent = Mm(6 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
