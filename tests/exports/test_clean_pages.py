"""Clean pages: an unwritten section shows a marker in drafts, an empty chapter gets no
page of its own, and the final export refuses a book that would print bare headings."""

from __future__ import annotations

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
