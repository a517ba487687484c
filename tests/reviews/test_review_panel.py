"""The review panel: counts per section, buttons per role, constant queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_ladder_and_the_buttons_per_role(client, world, book_a):
    url = reverse("reviews:book_review", args=[book_a.plan_id, 1])
    assert reverse("login") in client.get(url)["Location"]
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    client.force_login(world.viewer_a)
    page = client.get(url).text
    assert 'data-action="submit"' not in page
    client.force_login(world.coordinator_a)
    assert 'data-action="submit"' in client.get(url).text
    client.force_login(world.mentor_a)
    assert 'data-action="approve"' not in client.get(url).text


def test_counts_per_section_and_the_open_filter(client, world, book_a):
    first, second = book_a.sections.order_by("order", "pk")[:2]
    services.comment_create(target=first, by=world.mentor_a, body="Satu")
    done = services.comment_create(target=second, by=world.mentor_a, body="Dua")
    services.comment_resolve(comment=done, by=world.editor_a)
    client.force_login(world.mentor_a)
    url = reverse("reviews:book_review", args=[book_a.plan_id, 1])
    page = client.get(url + "?open=1").text
    assert f'id="reviu-{first.pk}"' in page and f'id="reviu-{second.pk}"' not in page


def _queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(60) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.smoke
def test_the_panel_costs_the_same_queries_with_more_comments(
    client, world, book_a, django_assert_max_num_queries
):
    client.force_login(world.mentor_a)
    first = book_a.sections.first()
    # One thread first: with none at all, the replies' prefetch query is skipped.
    services.comment_create(target=first, by=world.mentor_a, body="Awal")
    url = reverse("reviews:book_review", args=[book_a.plan_id, 1])
    section_url = reverse("reviews:section_review", args=[book_a.sections.first().pk])
    few = _queries(client, url, django_assert_max_num_queries)
    few_section = _queries(client, section_url, django_assert_max_num_queries)
    for section in book_a.sections.all():
        thread = services.comment_create(target=section, by=world.mentor_a, body="Catatan")
        services.comment_create(target=section, by=world.editor_a, body="Oke", parent=thread)
    services.section_approve(section=book_a.sections.first(), by=world.mentor_a)
    factories.programme(world.plan_a)
    assert _queries(client, url, django_assert_max_num_queries) == few
    assert _queries(client, section_url, django_assert_max_num_queries) == few_section
