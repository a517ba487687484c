from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from masterplan.models import Plan, Section
from masterplan.permissions import access

pytestmark = pytest.mark.django_db


def test_outsiders_get_404(world):
    with pytest.raises(Http404):
        access(world.editor_b, Plan, pk=world.plan_a.pk)
    with pytest.raises(Http404):
        access(world.outsider, Plan, pk=world.plan_a.pk)


def test_insiders_without_the_right_get_403(world):
    section = world.plan_a.books.get(number=1).sections.first()
    with pytest.raises(PermissionDenied):
        access(world.viewer_a, Section, action="edit", pk=section.pk)
    with pytest.raises(PermissionDenied):
        access(world.mentor_a, Section, action="edit", pk=section.pk)
    with pytest.raises(PermissionDenied):
        access(world.editor_a, Section, action="review", pk=section.pk)


def test_allowed_users_get_the_object(world):
    section = world.plan_a.books.get(number=1).sections.first()
    assert access(world.editor_a, Section, action="edit", pk=section.pk) == section
    assert access(world.mentor_a, Section, action="review", pk=section.pk) == section
    assert access(world.viewer_a, Plan.objects.select_related("region"), pk=world.plan_a.pk)
