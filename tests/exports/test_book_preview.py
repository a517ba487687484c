"""The browser preview of each book: 404 for another region; the same number of queries
for a small and a bigger plan (the demo plan's books: test_book_preview_demo.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan.models import Book
from roadmap.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db


def preview_url(book: Book) -> str:
    return reverse("exports:book_preview", args=[book.pk])


def test_it_is_404_for_another_region_and_login_for_anonymous(client, world):
    book = world.plan_a.books.order_by("number").first()
    assert client.get(preview_url(book)).status_code == 302
    client.force_login(world.editor_b)
    assert client.get(preview_url(book)).status_code == 404
    for user in (world.viewer_a, world.mentor_a, world.admin):
        client.force_login(user)
        assert client.get(preview_url(book)).status_code == 200


def test_book_page_and_export_page_link_to_the_preview(client, world):
    book = world.plan_a.books.order_by("number").first()
    client.force_login(world.viewer_a)
    for page in (
        reverse("book_detail", args=[world.plan_a.pk, book.number]),
        reverse("exports:book_exports", args=[book.pk]),
    ):
        assert preview_url(book) in client.get(page).content.decode()


def test_it_costs_the_same_queries_for_a_bigger_plan(client, world):
    client.force_login(world.editor_a)
    books = list(world.plan_a.books.order_by("number"))

    def measure() -> tuple[dict[int, int], str]:
        counts, everything = {}, ""
        for book in books:
            client.get(preview_url(book))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(preview_url(book))
            assert response.status_code == 200
            counts[book.number] = len(queries)
            everything += response.content.decode()
        return counts, everything

    element = factories.element()

    def add(first: int, last: int) -> None:
        for number in range(first, last):
            programme = factories.programme(
                world.plan_a,
                element,
                name=f"Program tambahan {number}",
                is_flagship=number % 3 == 0,
            )
            for year in (2026, 2027):
                Activity.objects.create(programme=programme, name=f"Kegiatan {number}", year=year)

    add(0, 3)
    small, _ = measure()
    add(3, 30)
    bigger, everything = measure()
    assert "Program tambahan 29" in everything
    assert bigger == small
    assert max(small.values()) <= 40, small
