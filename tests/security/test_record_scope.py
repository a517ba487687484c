"""A record's scope as the predicates see it equals the one its QuerySet filters on."""

from __future__ import annotations

import pytest
from django.apps import apps

from masterplan import services
from masterplan.models import Scoped
from reviews.models import BookTransition
from reviews.services import section_approve
from tests.security.conftest import build_region_objects

pytestmark = pytest.mark.django_db


def scoped_models() -> list:
    return [model for model in apps.get_models() if hasattr(model, "region_path")]


def test_it_derives_every_scope_from_the_scoped_mixin_alone():
    for model in scoped_models():
        assert issubclass(model, Scoped), model
        for klass in model.__mro__:
            if klass is not Scoped:
                assert {"scope_region_id", "scope_dimension_id"}.isdisjoint(vars(klass)), klass


def test_it_walks_the_same_paths_as_the_where_clause(world, private_storage):
    objects = build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.viewer_a)
    BookTransition.objects.create(
        book=objects.book, action="submit", from_status="draft", to_status="submitted"
    )
    section_approve(section=objects.section, by=world.mentor_a)
    services.record_delete(objects.free_agency, by=world.coordinator_a)
    empty = []
    for model in scoped_models():
        rows = model._base_manager.order_by("pk")
        found = [*rows[:5], *rows.reverse()[:5]]
        if not found:
            empty.append(model)
        for obj in found:
            row = model._base_manager.filter(pk=obj.pk)
            region_id = row.values_list(model.region_path or "pk", flat=True).get()
            dimension_id = (
                row.values_list(model.dimension_path, flat=True).get()
                if model.dimension_path
                else None
            )
            assert obj.scope_region_id() == region_id, (model, obj)
            assert obj.scope_dimension_id() == dimension_id, (model, obj)
    assert empty == []
