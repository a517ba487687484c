"""The frozen content of a book: its records (through the plan-record registry) and its
printed outline (headings, text, the cells of every table), as JSON.

The records say what the book was built from (programmes added, removed, renumbered);
the outline is what the reader saw, so the redline compares it in the book's order.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from exports.backup.exporter import _Exporter
from exports.context import build_print_context
from masterplan.models import Book
from masterplan.registry import plan_record_kinds

SNAPSHOT_VERSION = 1


class _RecordReader(_Exporter):
    """The backup's serializer, naming files instead of embedding them."""

    def file(self, field_file) -> dict | None:
        return {"name": field_file.name} if field_file else None


def book_records(book: Book) -> dict[str, list[dict]]:
    reader = _RecordReader(book.plan)
    return {kind.label: reader.rows(kind.of_book(book)) for kind in plan_record_kinds()}


class _TableCells(HTMLParser):
    """The text of every cell of an HTML table, row by row (captions left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.spans: list[list[int]] = []
        self.header_rows = 0
        self._cell: list[str] | None = None
        self._in_head = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"caption", "style", "script"}:
            self._skip += 1
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self.rows.append([])
            self.spans.append([])
            if self._in_head:
                self.header_rows += 1
        elif tag in {"td", "th"}:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            if not self.rows:
                self.rows.append([])
                self.spans.append([])
            self.spans[-1].append(int(span) if span.isdigit() else 1)
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in {"caption", "style", "script"}:
            self._skip = max(0, self._skip - 1)
        elif tag == "thead":
            self._in_head = False
        elif tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def table_cells(html: str) -> tuple[list[list[str]], int, list[list[int]]]:
    """(rows of cell texts, how many are header rows, the columns each cell spans)."""
    parser = _TableCells()
    parser.feed(html)
    parser.close()
    kept = [number for number, row in enumerate(parser.rows) if row]
    return (
        [parser.rows[number] for number in kept],
        parser.header_rows,
        [parser.spans[number] for number in kept],
    )


def book_outline(book: Book) -> list[dict[str, Any]]:
    """Every numbered section of the printed book: number, title, text and tables."""
    with translation.override("id"):
        context = build_print_context(book, final=True)
        nodes = []
        for chapter in context["chapters"]:
            for node in chapter.walk():
                blocks = []
                for block in node.blocks:
                    entry = {
                        "kind": block.kind,
                        "caption": str(block.caption),
                        "wide": block.wide,
                        "rows": [],
                    }
                    if block.kind != "figure":
                        html = render_to_string(block.template, {**context, "block": block})
                        rows, header_rows, spans = table_cells(html)
                        entry.update(rows=rows, header_rows=header_rows)
                        if any(span != 1 for row in spans for span in row):
                            entry["spans"] = spans
                    blocks.append(entry)
                nodes.append(
                    {
                        "anchor": node.anchor,
                        "number": node.number,
                        "title": str(node.title),
                        "level": node.level,
                        "body": str(node.body),
                        "blocks": blocks,
                    }
                )
    return nodes


def book_snapshot(book: Book) -> dict[str, Any]:
    return {
        "version": SNAPSHOT_VERSION,
        "book": {"number": book.number, "title": book.title},
        "outline": book_outline(book),
        "records": book_records(book),
    }
