"""The programme list, the action plan and the roadmap grid cost the same number of
queries for the demo plan (37 programmes) and the large one (300 programmes)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan.models import Membership, Plan, User
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans"), pytest.mark.smoke]

PAGES = ["programs:programme_list", "roadmap:action_plan", "roadmap:roadmap_grid"]


def test_it_costs_the_same_queries_for_the_demo_and_the_large_plan(django_assert_num_queries):
    demo = Plan.objects.get(region__slug="pekalongan")
    large = Plan.objects.get(region__slug="kota-besar")
    assert large.programmes.count() > 5 * demo.programmes.count()
    editor = User.objects.get(username="editor")
    factories.member(editor, large.region, Membership.Role.EDITOR)
    client = Client()
    client.force_login(editor)

    for name in PAGES:
        client.get(reverse(name, args=[demo.pk]))  # warm up the session
        with CaptureQueriesContext(connection) as on_demo:
            response = client.get(reverse(name, args=[demo.pk]))
        assert response.status_code == 200
        assert len(on_demo) <= 20, name
        with django_assert_num_queries(len(on_demo)):
            response = client.get(reverse(name, args=[large.pk]))
        assert response.status_code == 200
