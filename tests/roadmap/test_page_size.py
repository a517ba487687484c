"""The action plan and the roadmap of the demo plan (Kabupaten Pekalongan, 37
programmes) stay under 150 KB of HTML on every page and dimension, for the people who
get the most markup (editors' buttons), at the same number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dimensions.models import Dimension
from masterplan.models import Plan, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans"), pytest.mark.smoke]

LIMIT = 150 * 1024
PAGES = ["roadmap:action_plan", "roadmap:roadmap_grid"]


def urls(plan: Plan, name: str) -> list[str]:
    base = reverse(name, args=[plan.pk])
    found = [base, f"{base}?page=2", f"{base}?page=3", f"{base}?page=4"]
    for code in Dimension.objects.filter(framework=plan.framework_id).values_list(
        "code", flat=True
    ):
        found.append(f"{base}?dimensi={code.lower()}")
    return found


@pytest.mark.parametrize("login", ["editor", "koordinator"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_of_the_demo_plan_is_under_150_kb(name, login):
    plan = Plan.objects.get(region__slug="pekalongan")
    assert plan.programmes.count() >= 37
    client = Client()
    client.force_login(User.objects.get(username=login))
    client.get(reverse(name, args=[plan.pk]))  # warm up the session
    counts = set()
    for url in urls(plan, name):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < LIMIT, (url, len(response.content))
        counts.add(len(queries))
    assert len(counts) == 1, counts  # every page and dimension costs the same queries
