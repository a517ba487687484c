"""The programme page keeps its description and links per plan content version
(masterplan/templatetags/fragments.py): a change to anything they show shows at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from dimensions.models import Horizon
from masterplan import services
from tests.security.conftest import build_region_objects

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"
    cache.clear()
    yield
    cache.clear()


def test_it_shows_every_change_to_what_the_card_shows(client, world):
    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    programme = objects.gov.programme
    strategy = objects.gov.strategi
    programme.strategies.add(strategy)
    horizon = Horizon.objects.create(
        framework=plan.framework, code="H9", name_id="Jangka sedang", name_en="Mid", max_years=5
    )
    programme.horizon = horizon
    programme.save()
    client.force_login(world.editor_a)
    url = reverse("programs:programme_detail", args=[plan.pk, programme.pk])

    def page() -> str:
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    assert str(strategy) in page()
    assert str(strategy) in page()  # from the cache

    strategy.strategy = "Satu data untuk semua layanan"
    services.record_save(strategy, by=world.coordinator_a, based_on=strategy.version)
    assert "Satu data untuk semua layanan" in page()

    programme.refresh_from_db()
    programme.description = "Deskripsi yang baru"
    services.record_save(programme, by=world.coordinator_a, based_on=programme.version)
    assert "Deskripsi yang baru" in page()

    programme.supporting_agencies.add(objects.free_agency)
    assert str(objects.free_agency) in page()
    objects.free_agency.acronym, objects.free_agency.name = "", "Dinas yang berganti nama"
    objects.free_agency.save()
    assert "Dinas yang berganti nama" in page()

    horizon.name_id = horizon.name_en = "Cakrawala yang berganti nama"
    horizon.save()
    assert "Cakrawala yang berganti nama" in page()

    programme.strategies.remove(strategy)
    assert "Satu data untuk semua layanan" not in page()
