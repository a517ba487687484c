"""The browser preview of each book: the print document of the demo plan's books, with
their chapter titles, programmes, charts and photos through checked URLs; 404 for
another region; the same number of queries for a small and a bigger plan."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from exports.context import build_print_context
from masterplan.models import Book, Membership, Plan
from programs.models import Programme
from roadmap.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db) -> Plan:
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    return Plan.objects.get(region__slug="pekalongan")


def preview_url(book: Book) -> str:
    return reverse("exports:book_preview", args=[book.pk])


def test_every_demo_book_previews_with_its_chapters_programmes_and_charts(client, demo):
    # One test over the demo plan: seeding it is the slow part.
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
