"""What the print templates show: the book's numbered outline with its text and blocks.

``build_print_context(book)`` walks ``Book.outline()`` and gives every section the blocks
(tables, figures, lists) of the linked records named by ``Section.records``. Records are
read once per kind for the whole plan (a fixed number of queries whatever its size) and
grouped in Python. Tables and figures are numbered per chapter here, so the lists of
tables and figures and the captions always agree.

``shared`` holds the building blocks and ``PlanData``; ``book1`` … ``book4`` the block
builders of each record kind, in the module of the book that first shows it; ``build``
the outline walk, the numbering and the book's metadata.
"""

from __future__ import annotations

from exports.context.build import (
    BLOCK_BUILDERS,
    BOOK_TEMPLATES,
    GENERIC_TEMPLATE,
    PARENT_SKIPS_RECORDS,
    STYLESHEET,
    book_meta,
    book_template,
    build_print_context,
)
from exports.context.shared import GANTT_ROWS, Block, PlanData, PrintNode, section_body, svg_image

__all__ = [
    "BLOCK_BUILDERS",
    "BOOK_TEMPLATES",
    "GANTT_ROWS",
    "GENERIC_TEMPLATE",
    "PARENT_SKIPS_RECORDS",
    "STYLESHEET",
    "Block",
    "PlanData",
    "PrintNode",
    "book_meta",
    "book_template",
    "build_print_context",
    "section_body",
    "svg_image",
]
