"""The search costs the same number of queries (one per kind, at most) whether the user's
region holds the demo plan (37 programmes) or the large one (300)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan.models import Membership, Plan, User
from search.engine import KINDS
from tests import factories

# The demo plans (seed_demo --size large) as seeded once per process for every test that
# reads them, not seeded again here.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans"), pytest.mark.smoke]

QUERIES = ["digital", "layanan publik", "pe"]


def test_it_costs_the_same_queries_for_the_demo_and_the_large_plan(django_assert_num_queries):
    demo = Plan.objects.get(region__slug="pekalongan")
    large = Plan.objects.get(region__slug="kota-besar")
    assert large.programmes.count() > 5 * demo.programmes.count()
    on_demo = Client()
    on_demo.force_login(User.objects.get(username="editor"))
    editor_besar = factories.UserFactory(username="editor-besar")
    factories.member(editor_besar, large.region, Membership.Role.EDITOR)
    on_large = Client()
    on_large.force_login(editor_besar)
    url = reverse("search:search_results")

    for query in QUERIES:
        on_demo.get(url, {"q": query})  # warm up the sessions
        on_large.get(url, {"q": query})
        with CaptureQueriesContext(connection) as demo_queries:
            response = on_demo.get(url, {"q": query})
        assert response.status_code == 200
        assert response.context["result"].groups, query
        assert len(demo_queries) <= len(KINDS) + 6, query
        with django_assert_num_queries(len(demo_queries)):
            response = on_large.get(url, {"q": query})
        assert response.status_code == 200
        assert response.context["result"].total > 0
