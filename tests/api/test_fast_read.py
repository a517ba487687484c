"""The programme list reads its records through api.fast.FastRead: the JSON is the one
DRF's own ``to_representation`` gives for the same records."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework import serializers

from api.fast import FastRead
from tests.security.conftest import build_region_objects

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


def test_the_programme_list_is_the_json_drf_writes(client, world, monkeypatch):
    objects = build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    programme = objects.gov.programme
    programme.strategies.add(objects.gov.strategi, objects.eco.strategi)
    programme.supporting_agencies.add(objects.agency, objects.free_agency)
    client.force_login(world.coordinator_a)
    url = reverse("api:programme-list")
    fast = client.get(url, HTTP_ACCEPT="application/json").json()
    monkeypatch.setattr(FastRead, "to_representation", serializers.Serializer.to_representation)
    cache.clear()  # the list keeps each programme's JSON per plan version (api/row_cache.py)
    plain = client.get(url, HTTP_ACCEPT="application/json").json()
    assert fast == plain
    shown = next(item for item in fast["results"] if item["id"] == programme.pk)
    assert len(shown["strategies"]) == 2 and len(shown["supporting_agencies"]) == 2
    assert shown["indicators"][0]["targets"][0]["year"] == 2026
    assert shown["budget_lines"] and shown["partners"] and shown["risks"]
    assert shown["lead_agency"] == objects.agency.pk


def test_a_single_programme_is_the_json_drf_writes(client, world, monkeypatch):
    objects = build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    client.force_login(world.coordinator_a)
    url = reverse("api:programme-detail", args=[objects.eco.programme.pk])
    fast = client.get(url, HTTP_ACCEPT="application/json")
    monkeypatch.setattr(FastRead, "to_representation", serializers.Serializer.to_representation)
    plain = client.get(url, HTTP_ACCEPT="application/json")
    assert fast.json() == plain.json() and fast["ETag"] == plain["ETag"]
