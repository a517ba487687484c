"""The book: its outline walked into numbered print nodes, each with the blocks of the
records its section names, and the tables and figures numbered per chapter."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils import timezone

from exports.assets import media_url, print_url
from exports.context.book1 import (
    blocks_gaps,
    blocks_innovations,
    blocks_profile,
    blocks_readiness,
    blocks_strategic_issues,
    blocks_swot,
)
from exports.context.book2 import (
    blocks_action_plan,
    blocks_financing,
    blocks_goals,
    blocks_institutions,
    blocks_programmes,
    blocks_risks,
    blocks_roadmap,
    blocks_strategies,
    blocks_vision,
)
from exports.context.book3 import blocks_quick_wins, children_flagship_detail
from exports.context.book4 import (
    blocks_commitment,
    blocks_dimension_summary,
    blocks_readiness_summary,
)
from exports.context.official import approval_page, split_front_matter
from exports.context.shared import Block, PlanData, PrintNode, section_body
from masterplan.models import Book, OutlineNode

STYLESHEET = "book.css"

# Book number -> template; a cohort with more books prints them with the generic one.
BOOK_TEMPLATES = {n: f"exports/book_{n}.html" for n in (1, 2, 3, 4)}
GENERIC_TEMPLATE = "exports/_book.html"


BLOCK_BUILDERS: dict[str, Callable[..., list[Block]]] = {
    "profile": blocks_profile,
    "readiness": blocks_readiness,
    "gaps": blocks_gaps,
    "swot": blocks_swot,
    "strategic_issues": blocks_strategic_issues,
    "innovations": blocks_innovations,
    "vision": blocks_vision,
    "goals": blocks_goals,
    "strategies": blocks_strategies,
    "programmes": blocks_programmes,
    "action_plan": blocks_action_plan,
    "roadmap": blocks_roadmap,
    "financing": blocks_financing,
    "institutions": blocks_institutions,
    "risks": blocks_risks,
    "quick_wins": blocks_quick_wins,
    "flagship_detail": lambda node, data, book: [],
    "readiness_summary": blocks_readiness_summary,
    "dimension_summary": blocks_dimension_summary,
    "commitment": blocks_commitment,
}
# Per-dimension parents whose children show the records: the parent shows none (or a chart).
PARENT_SKIPS_RECORDS = {"swot", "strategic_issues", "strategies"}


def _print_nodes(outline: list[OutlineNode], data: PlanData, book: Book) -> list[PrintNode]:
    nodes = []
    for item in outline:
        section = item.section
        node = PrintNode(
            anchor=f"s-{section.pk}",
            number=item.number,
            title=section.title,
            key=section.key,
            level=item.depth,
            body=section_body(section.body),
            dimension=section.dimension,
        )
        node.children = _print_nodes(item.children, data, book)
        kind = section.records
        if kind and not (kind in PARENT_SKIPS_RECORDS and section.dimension_id is None):
            node.blocks = BLOCK_BUILDERS.get(kind, lambda *a: [])(node, data, book)
        if kind == "flagship_detail":
            node.children += children_flagship_detail(node, data)
        nodes.append(node)
    return nodes


def _number_blocks(chapters: list[PrintNode]) -> tuple[list[Block], list[Block]]:
    tables, figures = [], []
    for chapter in chapters:
        counts = {"table": 0, "figure": 0}
        for node in chapter.walk():
            for block in node.blocks:
                if block.kind not in counts:
                    continue
                counts[block.kind] += 1
                block.number = f"{chapter.number}.{counts[block.kind]}"
                prefix = "tab" if block.kind == "table" else "fig"
                block.anchor = f"{prefix}-{block.number}"
                (tables if block.kind == "table" else figures).append(block)
    return tables, figures


def book_meta(book: Book, *, final: bool, now: datetime | None = None) -> dict[str, str]:
    plan = book.plan
    now = timezone.localtime(now or timezone.now())
    return {
        "title": f"Buku {book.number} – {book.title} – {plan.region.name}",
        "author": plan.region.name,
        "subject": plan.title,
        "keywords": ", ".join(
            ["smart city", "masterplan", plan.region.name, plan.cohort.name, f"Buku {book.number}"]
        ),
        "created": now.isoformat(timespec="seconds"),
        "date": now.date(),
    }


def build_print_context(book: Book, *, final: bool = False, now=None) -> dict[str, Any]:
    book = Book.objects.select_related("plan__region", "plan__cohort", "plan__framework").get(
        pk=book.pk
    )
    plan = book.plan
    data = PlanData(plan)
    front, chapters = split_front_matter(_print_nodes(book.outline(), data, book))
    # After the landscape roadmap (and its portrait Gantt) or Buku 3's flagships (a page
    # each) a chapter starts a page too: the page names change there anyway, and the
    # chunked renderer cuts there.
    # The body's first page group (numbered from 1, `page: body-start`) takes at most the
    # two chapters after the first (book.css names them); a longer run starts a page.
    opening_run = 0
    for before, chapter in itertools.pairwise(chapters):
        chapter.may_follow = not before.opens_wide and not any(
            node.own_page for node in before.walk()
        )
        if opening_run is None:
            continue
        if chapter.follows_on and opening_run == 2:
            chapter.may_follow = False
        opening_run = opening_run + 1 if chapter.follows_on else None
    tables, figures = _number_blocks(chapters)
    toc = [node for chapter in chapters for node in chapter.walk() if node.level <= 3]
    return {
        "book": book,
        "plan": plan,
        "region": plan.region,
        "final": final,
        "meta": book_meta(book, final=final, now=now),
        "stylesheet": print_url(STYLESHEET),
        "logo": media_url(plan.region.logo.name) if plan.region.logo else "",
        "front_chapters": front,
        "chapters": chapters,
        "approval": approval_page(plan),
        "toc": toc,
        "tables": tables,
        "figures": figures,
        "years": data.years,
    }


def book_template(book: Book) -> str:
    return BOOK_TEMPLATES.get(book.number, GENERIC_TEMPLATE)
