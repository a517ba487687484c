"""The personas' world is built once per test file and each test rolled back
(tests/conftest.py): what one test changes, in the database or on the Python objects it was
handed, is gone for the next test."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masterplan.models import Membership, Plan
from masterplan.permissions import access_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("turn", ["first", "second"])
def test_what_a_test_changes_in_the_world_is_gone_for_the_next(world, turn):
    # Whichever turn runs second would see what the first one left behind.
    assert world.plan_a.vision == "" and world.region_b.name == "Kabupaten B"
    assert Plan.objects.get(pk=world.plan_a.pk).vision == ""
    assert Membership.objects.filter(user=world.editor_a).count() == 1
    with CaptureQueriesContext(connection) as computing:
        assert world.region_a.pk in access_for(world.editor_a).full_edit_regions
    assert computing.captured_queries, "a fresh user object has no Access cached yet"

    world.plan_a.vision = f"changed in the {turn} turn"
    world.plan_a.save()
    world.region_b.name = "Kabupaten Lain"
    Membership.objects.filter(user=world.editor_a).delete()
