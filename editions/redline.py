"""The redline between two editions of a book: what was inserted, deleted and changed.

Works on two snapshots (``editions.snapshot``): sections are matched by their anchor,
text is compared block by block and word by word (``masterplan.lib.textdiff``), table
rows by their first cell, and programmes by their UUID (added, removed, renumbered).
The result is plain data; templates escape it. The PDF reuses the books' renderer: the
redline becomes ``PrintNode``s, so it gets the same cover, TOC, outline and footers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from exports.context import Block, PrintNode, book_meta
from exports.context.build import STYLESHEET
from masterplan.lib.textdiff import DiffLine, _word_parts, text_lines, word_diff
from masterplan.models import Book

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"


@dataclass
class Cell:
    old: str
    new: str
    span: int = 1

    @property
    def status(self) -> str:
        if self.old == self.new:
            return SAME
        if not self.old:
            return ADDED
        if not self.new:
            return REMOVED
        return CHANGED


@dataclass
class Row:
    status: str
    cells: list[Cell]
    header: bool = False


# Tables this wide print on a landscape page, as in the book (when the snapshot does not say).
WIDE_COLUMNS = 9


@dataclass
class Table:
    caption: str
    kind: str
    status: str
    rows: list[Row] = field(default_factory=list)
    wide: bool | None = None

    @property
    def landscape(self) -> bool:
        if self.wide is not None:
            return self.wide
        return max((len(row.cells) for row in self.rows), default=0) >= WIDE_COLUMNS

    @property
    def changed_cells(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.status != SAME)


@dataclass
class Node:
    anchor: str
    number: str
    title: str
    level: int
    status: str
    title_parts: tuple = ()
    lines: list[DiffLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != SAME


@dataclass
class ProgrammeChange:
    status: str  # added, removed, renumbered
    code: str
    old_code: str
    name: str


@dataclass
class Redline:
    nodes: list[Node]
    programmes: list[ProgrammeChange]

    @property
    def changed_nodes(self) -> list[Node]:
        return [node for node in self.nodes if node.changed]

    @property
    def words_inserted(self) -> list[str]:
        return [text for node in self.nodes for text in _parts_of(node, ADDED)]

    @property
    def words_deleted(self) -> list[str]:
        return [text for node in self.nodes for text in _parts_of(node, REMOVED)]

    @property
    def changed_cells(self) -> list[Cell]:
        """The cells of rows found in both editions whose value changed."""
        return [cell for row in self._rows(CHANGED) for cell in row.cells if cell.status != SAME]

    @property
    def rows_added(self) -> list[Row]:
        return self._rows(ADDED)

    @property
    def rows_removed(self) -> list[Row]:
        return self._rows(REMOVED)

    def _rows(self, status: str) -> list[Row]:
        return [
            row
            for node in self.nodes
            for table in node.tables
            for row in table.rows
            if row.status == status
        ]


def _parts_of(node: Node, kind: str) -> list[str]:
    found = [text.strip() for part_kind, text in node.title_parts if part_kind == kind]
    for line in node.lines:
        if line.kind == CHANGED:
            found.extend(text.strip() for part_kind, text in line.parts if part_kind == kind)
        elif line.kind == kind:
            found.append(line.text)
    return [text for text in found if text]


# --- comparing ------------------------------------------------------------------------


def _spans(block: dict) -> list[list[int]]:
    return block.get("spans") or [[1] * len(row) for row in block["rows"]]


def _cells(texts: list[str], spans: list[int], *, old: bool) -> list[Cell]:
    return [
        Cell(text if old else "", "" if old else text, span)
        for text, span in zip(texts, spans, strict=True)
    ]


def _rows_diff(old_block: dict, new_block: dict) -> list[Row]:
    def key(row: list[str]) -> str:
        return row[0] if row else ""

    old, new = old_block["rows"], new_block["rows"]
    old_spans, new_spans = _spans(old_block), _spans(new_block)
    header_rows = new_block.get("header_rows", 0)
    rows: list[Row] = []
    for number in range(min(header_rows, len(new))):
        cells = [
            Cell(text, text, span)
            for text, span in zip(new[number], new_spans[number], strict=True)
        ]
        rows.append(Row(SAME, cells, header=True))
    old_body, new_body = old[header_rows:], new[header_rows:]
    old_body_spans, new_body_spans = old_spans[header_rows:], new_spans[header_rows:]
    matcher = difflib.SequenceMatcher(
        a=[key(row) for row in old_body], b=[key(row) for row in new_body], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset, (before, after) in enumerate(
                zip(old_body[i1:i2], new_body[j1:j2], strict=True)
            ):
                spans = new_body_spans[j1 + offset]
                width = max(len(before), len(after))
                cells = [
                    Cell(
                        before[n] if n < len(before) else "",
                        after[n] if n < len(after) else "",
                        spans[n] if n < len(spans) else 1,
                    )
                    for n in range(width)
                ]
                changed = any(cell.status != SAME for cell in cells)
                rows.append(Row(CHANGED if changed else SAME, cells))
            continue
        for number in range(i1, i2):
            cells = _cells(old_body[number], old_body_spans[number], old=True)
            rows.append(Row(REMOVED, cells))
        for number in range(j1, j2):
            cells = _cells(new_body[number], new_body_spans[number], old=False)
            rows.append(Row(ADDED, cells))
    return rows


def _tables_diff(old: list[dict], new: list[dict]) -> list[Table]:
    tables: list[Table] = []
    old_tables = [block for block in old if block["kind"] != "figure"]
    for number, block in enumerate(b for b in new if b["kind"] != "figure"):
        before = old_tables[number] if number < len(old_tables) else None
        if before is None:
            rows = [
                Row(ADDED, _cells(row, spans, old=False))
                for row, spans in zip(block["rows"], _spans(block), strict=True)
            ]
            tables.append(Table(block["caption"], block["kind"], ADDED, rows, block.get("wide")))
            continue
        rows = _rows_diff(before, block)
        changed = any(row.status != SAME for row in rows)
        status = CHANGED if changed else SAME
        tables.append(Table(block["caption"], block["kind"], status, rows, block.get("wide")))
    for block in old_tables[len(tables) :]:
        rows = [
            Row(REMOVED, _cells(row, spans, old=True))
            for row, spans in zip(block["rows"], _spans(block), strict=True)
        ]
        tables.append(Table(block["caption"], block["kind"], REMOVED, rows, block.get("wide")))
    return tables


def _node(old: dict | None, new: dict | None) -> Node:
    base = new or old
    assert base is not None
    if old is None or new is None:
        status = ADDED if old is None else REMOVED
        lines = [DiffLine(status, text) for text in text_lines(base["body"])]
        tables = _tables_diff([], base["blocks"]) if new else _tables_diff(base["blocks"], [])
        return Node(
            base["anchor"], base["number"], base["title"], base["level"], status, (), lines, tables
        )
    lines = word_diff(old["body"], new["body"])
    title_parts: tuple = ()
    if old["title"] != new["title"]:
        _ratio, title_parts = _word_parts(old["title"], new["title"])
    tables = _tables_diff(old["blocks"], new["blocks"])
    changed = (
        bool(title_parts)
        or any(line.kind != SAME for line in lines)
        or any(table.status != SAME for table in tables)
    )
    return Node(
        new["anchor"],
        new["number"],
        new["title"],
        new["level"],
        CHANGED if changed else SAME,
        title_parts,
        lines,
        tables,
    )


def _programmes(old: dict, new: dict) -> list[ProgrammeChange]:
    label = "programs.programme"
    before = {row["uuid"]: row for row in old.get(label, [])}
    after = {row["uuid"]: row for row in new.get(label, [])}
    changes = [
        ProgrammeChange(ADDED, row["code"], "", row["name"])
        for uuid, row in after.items()
        if uuid not in before
    ]
    changes += [
        ProgrammeChange(REMOVED, row["code"], row["code"], row["name"])
        for uuid, row in before.items()
        if uuid not in after
    ]
    changes += [
        ProgrammeChange("renumbered", row["code"], before[uuid]["code"], row["name"])
        for uuid, row in after.items()
        if uuid in before and before[uuid]["code"] != row["code"]
    ]
    order = {ADDED: 0, REMOVED: 1, "renumbered": 2}
    return sorted(changes, key=lambda change: (order[change.status], change.code))


def redline(older: dict[str, Any], newer: dict[str, Any]) -> Redline:
    """Compare two snapshots (older first)."""
    old_nodes = {node["anchor"]: node for node in older["outline"]}
    new_anchors = {node["anchor"] for node in newer["outline"]}
    nodes: list[Node] = []
    old_order = [node["anchor"] for node in older["outline"]]
    new_order = [node["anchor"] for node in newer["outline"]]
    matcher = difflib.SequenceMatcher(a=old_order, b=new_order, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for anchor in old_order[i1:i2]:
            if tag != "equal" and anchor not in new_anchors:
                nodes.append(_node(old_nodes[anchor], None))
        for new in newer["outline"][j1:j2]:
            nodes.append(_node(old_nodes.get(new["anchor"]), new))
    return Redline(nodes, _programmes(older["records"], newer["records"]))


# --- printing -------------------------------------------------------------------------


def _print_tree(result: Redline) -> list[PrintNode]:
    """The redline as the books' print nodes: numbered headings, text, tables."""
    chapters: list[PrintNode] = []
    stack: list[PrintNode] = []
    for node in result.nodes:
        body = render_to_string("editions/print/_redline_body.html", {"node": node})
        printed = PrintNode(
            anchor=f"r-{node.anchor}",
            number=node.number,
            title=node.title,
            level=node.level,
            body=body,
        )
        for table in node.tables:
            printed.blocks.append(
                Block(
                    template="editions/print/_redline_table.html",
                    data=table,
                    caption=table.caption,
                    kind="table" if table.kind == "table" else "",
                    wide=table.landscape,
                )
            )
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else chapters).append(printed)
        stack.append(printed)
    return chapters


def redline_print_context(
    book: Book, *, older: dict, newer: dict, older_label: str, newer_label: str
) -> dict[str, Any]:
    from exports.assets import print_url
    from exports.context.build import _number_blocks

    result = redline(older, newer)
    with translation.override("id"):
        summary = PrintNode(
            anchor="ringkasan-perubahan",
            number="",
            title=gettext("Summary of changes"),
            level=1,
            body=render_to_string("editions/print/_summary.html", {"redline": result}),
        )
    chapters = [summary, *_print_tree(result)]
    tables, figures = _number_blocks(chapters)
    meta = book_meta(book, final=True)
    meta["title"] = f"Redline {meta['title']}: {older_label} → {newer_label}"
    return {
        "book": book,
        "plan": book.plan,
        "region": book.plan.region,
        "final": True,
        "meta": meta,
        "stylesheet": print_url(STYLESHEET),
        "logo": "",
        "chapters": chapters,
        "toc": [node for chapter in chapters for node in chapter.walk() if node.level <= 3],
        "tables": tables,
        "figures": figures,
        "redline": result,
        "older_label": older_label,
        "newer_label": newer_label,
    }


def render_redline_pdf(
    book: Book,
    *,
    older: dict,
    newer: dict,
    older_label: str,
    newer_number: int | None = None,
    newer_label: str = "",
):
    """The redline as a PDF, rendered like a book (bounded child process)."""
    from exports.render import RenderResult, break_long_words, render_html

    with translation.override("id"):
        if not newer_label:
            newer_label = gettext("Edition %(number)s") % {"number": newer_number}
        context = redline_print_context(
            book, older=older, newer=newer, older_label=older_label, newer_label=newer_label
        )
        html = break_long_words(render_to_string("editions/print/redline.html", context))
    pdf, pages, refused = render_html(html, plan=book.plan)
    headings = [
        (node.number, node.title) for chapter in context["chapters"] for node in chapter.walk()
    ]
    return RenderResult(pdf=pdf, pages=pages, html=html, refused=refused, headings=headings)


def redline_for_book(book: Book, *, older: int, newer: int | None = None):
    """``export_book --redline-from``: edition ``older`` against edition ``newer``, or
    against the book as it is now. LookupError when an edition does not exist."""
    from editions.models import Edition
    from editions.snapshot import book_snapshot

    editions = {edition.number: edition for edition in Edition.objects.filter(book=book)}
    if older not in editions or (newer is not None and newer not in editions):
        known = ", ".join(str(number) for number in sorted(editions)) or "none"
        raise LookupError(f"Buku {book.number} has no such edition (editions: {known}).")
    with translation.override("id"):
        older_label = editions[older].label
        if newer is None:
            newer_snapshot = book_snapshot(book)
            newer_label = gettext("Current text (version %(version)s)") % {"version": book.version}
        else:
            newer_snapshot = editions[newer].snapshot
            newer_label = editions[newer].label
    return render_redline_pdf(
        book,
        older=editions[older].snapshot,
        newer=newer_snapshot,
        older_label=older_label,
        newer_label=newer_label,
    )
