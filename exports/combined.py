"""The complete document: the four books of a plan in one PDF.

One cover and one table of contents naming the books as parts come first; then each book
as it is exported alone (its own front matter, numbering and footers) without its cover.
The outline has one top-level bookmark per book with the book's own bookmarks under it;
every internal link is re-pointed at its page in the whole.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import timezone, translation

from exports.assets import media_url, print_url
from exports.context.build import STYLESHEET
from masterplan.models import Plan


def _front_html(plan: Plan, *, parts: list[dict], final: bool) -> str:
    with translation.override("id"):
        return render_to_string(
            "exports/complete.html",
            {
                "plan": plan,
                "region": plan.region,
                "parts": parts,
                "final": final,
                "now": timezone.localdate(),
                "stylesheet": print_url(STYLESHEET),
                "logo": media_url(plan.region.logo.name) if plan.region.logo else "",
            },
        )


def _links(reader) -> list[list[tuple[list, int]]]:
    """Per page, the internal links as (rectangle, target page index); other annotations
    stay on their page."""
    found = []
    for page in reader.pages:
        links, kept = [], []
        for annotation in page.get("/Annots") or []:
            item = annotation.get_object()
            destination = item.get("/Dest")
            action = item.get("/A")
            if destination is None and action is not None:
                action = action.get_object()
                if action.get("/S") == "/GoTo":
                    destination = action.get("/D")
            if item.get("/Subtype") != "/Link" or destination is None:
                kept.append(annotation)
                continue
            destination = (
                destination.get_object() if hasattr(destination, "get_object") else destination
            )
            try:
                if isinstance(destination, list):
                    target = reader.get_page_number(destination[0].get_object())
                else:
                    target = reader.get_destination_page_number(
                        reader.named_destinations[str(destination)]
                    )
            except (KeyError, ValueError, IndexError, AttributeError):
                continue
            if target is not None and target >= 0:
                links.append(([float(v) for v in item["/Rect"]], target))
        from pypdf.generic import ArrayObject, NameObject

        if kept:
            page[NameObject("/Annots")] = ArrayObject(kept)
        elif "/Annots" in page:
            del page["/Annots"]
        found.append(links)
    return found


def _link(writer, rectangle: list[float], target_page) -> object:
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rectangle),
                NameObject("/BS"): DictionaryObject({NameObject("/W"): NumberObject(0)}),
                NameObject("/Dest"): ArrayObject(
                    [target_page.indirect_reference, NameObject("/Fit")]
                ),
            }
        )
    )


def plan_complete_pdf(
    plan: Plan,
    *,
    final: bool = False,
    chunked: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[bytes, int]:
    """(PDF, pages) of the plan's four books in one document. ``progress`` is told the
    stages of an export job: "layout" while the books are laid out, then "writing"."""
    from pypdf import PdfReader, PdfWriter

    from exports.render import render_book, render_html

    books = list(plan.books.select_related("plan__region", "plan__cohort").order_by("number"))
    if progress:
        progress("layout")
    readers = [
        PdfReader(io.BytesIO(render_book(book, final=final, chunked=chunked).pdf)) for book in books
    ]
    if progress:
        progress("writing")
    front_pages = 2
    for _attempt in range(3):
        parts, start = [], front_pages
        for book, reader in zip(books, readers, strict=True):
            parts.append({"number": book.number, "title": book.title, "page": start + 1})
            start += len(reader.pages) - 1  # without its cover
        front_pdf, pages, _refused = render_html(
            _front_html(plan, parts=parts, final=final), plan=plan
        )
        if pages == front_pages:
            break
        front_pages = pages
    front = PdfReader(io.BytesIO(front_pdf))

    writer = PdfWriter()
    front_links = _links(front)
    for page in front.pages:
        writer.add_page(page)
    book_links, offsets = [], []
    for reader in readers:
        book_links.append(_links(reader))
        offsets.append(len(writer.pages) - 1)  # page i of the book is offsets + i
        for page in reader.pages[1:]:
            writer.add_page(page)
    pages = writer.pages
    from pypdf.generic import ArrayObject, NameObject

    def add(page_index: int, annotation) -> None:
        page = pages[page_index]
        annotations = list(page.get("/Annots") or [])
        annotations.append(annotation)
        page[NameObject("/Annots")] = ArrayObject(annotations)

    # The table of contents links to the parts: its entries are in book order.
    entries = [rect for links in front_links for rect, _target in links]
    for page_index, links in enumerate(front_links):
        for rectangle, _target in links:
            number = entries.index(rectangle)
            if number < len(parts):
                add(page_index, _link(writer, rectangle, pages[parts[number]["page"] - 1]))
    for offset, links_by_page in zip(offsets, book_links, strict=True):
        for index, links in enumerate(links_by_page[1:], start=1):
            for rectangle, target in links:
                if target >= 1:
                    add(offset + index, _link(writer, rectangle, pages[offset + target]))

    for book, reader, offset, part in zip(books, readers, offsets, parts, strict=True):
        top = writer.add_outline_item(
            title=f"Buku {book.number} {book.title}", page_number=part["page"] - 1
        )

        def walk(items, parent, reader=reader, offset=offset):
            last = None
            for item in items:
                if isinstance(item, list):
                    if last is not None:
                        walk(item, last)
                    continue
                target = reader.get_destination_page_number(item)
                if target < 1:
                    last = None
                    continue
                last = writer.add_outline_item(
                    title=item.title, page_number=offset + target, parent=parent
                )

        walk(reader.outline, top)
    if front.metadata:
        writer.add_metadata({k: v for k, v in front.metadata.items() if isinstance(k, str)})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(pages)
