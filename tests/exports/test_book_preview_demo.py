"""The browser preview of each book: the print document of the demo plan's books, with
their chapter titles, programmes, charts and photos through checked URLs.

A file of its own: its test reads the demo plans seeded once per process for all the
tests that use them (tests/conftest.py runs those one after the other); the other
preview tests build their own world, which cannot sit beside the demo's users.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from exports.context import build_print_context
from masterplan.models import Book, Membership, Plan
from programs.models import Programme
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans")]


@pytest.fixture
def demo() -> Plan:
    return Plan.objects.get(region__slug="pekalongan")


def preview_url(book: Book) -> str:
    return reverse("exports:book_preview", args=[book.pk])


def test_every_demo_book_previews_with_its_chapters_programmes_and_charts(client, demo):
    viewer = factories.UserFactory(username="pembaca")
    factories.member(viewer, demo.region, Membership.Role.VIEWER)
    client.force_login(viewer)
    programme = Programme.objects.filter(plan=demo).order_by("pk").first()
    flagships = list(Programme.objects.filter(plan=demo, is_flagship=True)[:3])
    assert flagships
    contents = {}
    for book in demo.books.order_by("number"):
        response = client.get(preview_url(book))
        assert response.status_code == 200, book.number
        assert response["Cache-Control"] == "private, no-store"
        content = contents[book.number] = response.content.decode()
        assert reverse("book_detail", args=[demo.pk, book.number]) in content  # the way back
        assert 'class="cover"' in content
        assert 'id="daftar-isi"' in content  # front matter
        for chapter in build_print_context(book)["chapters"]:
            assert escape(chapter.title) in content, chapter.title
        assert "/static/print/book.css" in content
        assert "kcs://" not in content
    assert sorted(contents) == [1, 2, 3, 4]
    assert sum(escape(programme.name) in content for content in contents.values()) >= 2
    for flagship in flagships:  # Buku 3: a page per flagship programme
        assert escape(flagship.name) in contents[3]
    charts = [n for n, content in contents.items() if "data:image/svg+xml;base64," in content]
    assert len(charts) >= 2, charts
