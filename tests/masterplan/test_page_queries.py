"""The dashboard and the book page issue the same queries for the demo and the large plan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import Membership, Plan, User
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans"), pytest.mark.smoke]


@pytest.fixture
def plans():
    small = Plan.objects.get(region__name__icontains="Pekalongan")
    large = Plan.objects.get(region__slug="kota-besar")
    assert large.programmes.count() >= 300 > small.programmes.count()
    return small, large


def count_queries(client, url, django_assert_max_num_queries) -> int:
    client.get(url)  # warm caches that are not per request (content types, templates)
    with django_assert_max_num_queries(100) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_costs_the_same_for_a_small_and_a_large_plan(
    client, plans, django_assert_max_num_queries
):
    small, large = plans
    small_member = factories.UserFactory(username="anggota-kecil")
    large_member = factories.UserFactory(username="anggota-besar")
    Membership.objects.create(user=small_member, region=small.region, role="editor")
    Membership.objects.create(user=large_member, region=large.region, role="editor")
    client.force_login(small_member)
    few = count_queries(client, reverse("home"), django_assert_max_num_queries)
    client.force_login(large_member)
    many = count_queries(client, reverse("home"), django_assert_max_num_queries)
    assert few == many
    client.force_login(User.objects.get(username="admin"))
    everything = count_queries(client, reverse("home"), django_assert_max_num_queries)
    assert everything <= few  # admins skip the membership look-ups


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_the_book_page_costs_the_same_for_a_small_and_a_large_plan(
    client, plans, number, django_assert_max_num_queries
):
    small, large = plans
    client.force_login(User.objects.get(username="admin"))
    few = count_queries(
        client, reverse("book_detail", args=[small.pk, number]), django_assert_max_num_queries
    )
    many = count_queries(
        client, reverse("book_detail", args=[large.pk, number]), django_assert_max_num_queries
    )
    assert few == many
    assert few <= 12


def test_the_section_editor_costs_the_same_for_a_small_and_a_large_plan(
    client, plans, django_assert_max_num_queries
):
    small, large = plans
    client.force_login(User.objects.get(username="admin"))
    counts = []
    for plan in (small, large):
        section = plan.books.get(number=2).sections.filter(records="programmes").first()
        url = reverse("section_edit", args=[section.pk])
        counts.append(count_queries(client, url, django_assert_max_num_queries))
    assert counts[0] == counts[1]
