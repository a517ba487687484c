"""The print document of a book, shown in the browser: same context, same templates.

``build_print_context`` and the book's print template make the HTML, exactly as for the
PDF; only the addresses change. The print stylesheet and the programme photos are served
over HTTP (``static/print/book.css``, the permission-checked photo view) instead of the
``kcs://`` scheme of the PDF fetcher; section images already point at the checked image
view and charts are ``data:`` URLs. Region logos have no view, so the cover goes without.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from exports.context import STYLESHEET, book_template, build_print_context
from exports.context.official import complete_document
from masterplan.models import Book

PREVIEW_TEMPLATE = "exports/book_preview.html"
PHOTO_BLOCK = "exports/blocks/photo.html"


def preview_html(book: Book, *, request=None) -> str:
    with translation.override("id"):
        context = build_print_context(book)
        plan = context["plan"]
        context.update(
            print_template=book_template(book),
            stylesheet=static(f"print/{STYLESHEET}"),
            logo="",
            preview=True,
        )
        for chapter in context["chapters"]:
            for node in chapter.walk():
                for block in node.blocks:
                    if block.template == PHOTO_BLOCK:
                        photo = block.data["photo"]
                        block.data["src"] = reverse(
                            "programs:programme_photo",
                            args=[plan.pk, photo.programme_id, photo.pk],
                        )
        return complete_document(render_to_string(PREVIEW_TEMPLATE, context, request=request), plan)
