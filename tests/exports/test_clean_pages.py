"""Clean pages: an unwritten section shows a marker in drafts, an empty chapter gets no
page of its own, and the final export refuses a book that would print bare headings."""

from __future__ import annotations

import itertools

import pytest

from exports.context.official import document_text
from exports.render import build_html
from masterplan.models import Section

pytestmark = pytest.mark.django_db


def test_an_unwritten_section_is_marked_in_drafts_and_silent_in_the_final(world):
    book = world.plan_a.books.get(number=2)
    Section.objects.create(
        book=book, key="lampiran-kosong", title="Lampiran Kosong", required=False, order=999
    )
    draft = build_html(book)
    assert "[Belum ditulis]" in document_text(draft)
    chapter = draft.split('id="s-', 1)[0]  # the front matter has no marker of its own
    assert "[Belum ditulis]" not in document_text(chapter)
    final = build_html(book, final=True)
    assert "[Belum ditulis]" not in document_text(final)


def test_an_empty_chapter_is_marked_to_follow_on_without_a_page_of_its_own(world):
    book = world.plan_a.books.get(number=2)
    empty = Section.objects.create(
        book=book, key="lampiran-kosong", title="Lampiran Kosong", required=False, order=999
    )
    Section.objects.create(
        book=book, parent=empty, key="lampiran-a", title="Lampiran A", required=False
    )
    html = build_html(book)
    opening = html.split(f'id="s-{empty.pk}"', 1)[0].rsplit("<section", 1)[1]
    assert "chapter empty" in opening


def test_chapters_go_on_where_the_one_before_ends_unless_long(world):
    """A chapter starts a page of its own only when it is long (a table printed in parts,
    where the chunked renderer may cut); the others follow on, so that no page holds only
    the last lines of a chapter."""
    from exports.context.build import build_print_context
    from exports.context.shared import Block, PrintNode

    book = world.plan_a.books.get(number=2)
    chapters = build_print_context(book)["chapters"]
    assert not chapters[0].follows_on or chapters[0].is_short
    assert all(
        c.follows_on for c in chapters[1:] if c.may_follow and not c.is_long and not c.opens_wide
    )
    assert any(c.follows_on and not (c.is_short or c.is_empty) for c in chapters)
    # after the landscape roadmap a chapter starts a page (the chunked renderer cuts there)
    after_wide = [b for a, b in itertools.pairwise(chapters) if a.opens_wide]
    assert all(not c.may_follow for c in after_wide)
    parts = PrintNode(anchor="x", number="9", title="Lampiran", level=1, may_follow=True)
    parts.blocks = [
        Block("exports/blocks/action_plan.html", [], "a", "table"),
        Block("exports/blocks/action_plan.html", [], "b", "table", new_page=True),
    ]
    assert parts.is_long and not parts.follows_on
    many = PrintNode(anchor="y", number="10", title="Risiko", level=1, may_follow=True)
    many.blocks = [Block("exports/blocks/risks.html", list(range(200)), "r", "table")]
    assert many.is_long and not many.follows_on
    few = PrintNode(anchor="z", number="11", title="Risiko", level=1, may_follow=True)
    few.blocks = [Block("exports/blocks/risks.html", list(range(5)), "r", "table")]
    assert few.follows_on


def test_a_short_table_of_one_row_per_record_is_never_split(world):
    from exports.context.shared import KEEP_TOGETHER_ROWS, Block

    assert Block("exports/blocks/goals.html", [1] * KEEP_TOGETHER_ROWS, "g", "table").keep
    assert not Block("exports/blocks/goals.html", [1] * 30, "g", "table").keep
    # grouped rows (programmes per element) may split: their groups are tall
    assert not Block("exports/blocks/programmes.html", {"groups": [1]}, "p", "table").keep
    html = build_html(world.plan_a.books.get(number=2))
    assert 'class="block keep"' in html or "keep" not in html
