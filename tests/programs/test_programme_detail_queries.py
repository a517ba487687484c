"""The programme page costs the same queries whatever hangs on the programme: its links to
Buku 2 records come with their dimensions, its activities with agency and funding source."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.security.conftest import build_region_objects

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_programme_page_does_not_grow_with_what_hangs_on_it(client, world):
    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    # one record of each kind hangs on both; only the links differ
    bare = objects.eco.programme
    full = objects.gov.programme
    full.strategies.add(objects.eco.strategi)  # two strategies of two dimensions
    full.issues.add(getattr(objects.gov, "isu-strategis"), getattr(objects.eco, "isu-strategis"))
    full.swot_items.add(objects.gov.swot, objects.eco.swot)
    full.gap_items.add(objects.gov.kesenjangan, objects.eco.kesenjangan)
    full.supporting_agencies.add(objects.agency, objects.free_agency)
    objects.gov.kegiatan.agency = objects.agency
    objects.gov.kegiatan.save()
    assert full.strategies.count() == 2 and full.activities.count() == 1
    client.force_login(world.coordinator_a)
    url = reverse("programs:programme_detail", args=[plan.pk, bare.pk])
    full_url = reverse("programs:programme_detail", args=[plan.pk, full.pk])
    client.get(url)
    client.get(full_url)
    # the description and links are kept per plan version: compared warm, then cold
    baseline = queries(client, url)
    assert queries(client, full_url) == baseline
    cache.clear()
    cold = queries(client, url)
    cache.clear()
    assert queries(client, full_url) == cold
    assert baseline < cold <= 32  # with the review features (anchors, mentions, suggestions)
