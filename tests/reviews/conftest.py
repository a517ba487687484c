from __future__ import annotations

import pytest

from masterplan.models import Book, Section


@pytest.fixture
def book_a(world) -> Book:
    return world.plan_a.books.get(number=1)


@pytest.fixture
def section_a(book_a) -> Section:
    return book_a.sections.get(key="pendahuluan")


@pytest.fixture
def section_b(world) -> Section:
    return world.plan_b.books.get(number=1).sections.get(key="pendahuluan")


def fill_required(book: Book) -> None:
    """Write every required section, so the book may be submitted."""
    book.sections.filter(required=True).update(body="<p>Isi bab.</p>")
