"""The programme page keeps its description and links, and what its boards list, per plan
content version (masterplan/plan_cache.py): a change to anything they show shows at once,
and the buttons stay the reader's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from dimensions.models import Horizon
from masterplan import services
from masterplan.lib import money
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


def test_it_shows_every_change_to_what_the_boards_list(client, world):
    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    gov = objects.gov
    programme = gov.programme
    client.force_login(world.editor_a)
    url = reverse("programs:programme_detail", args=[plan.pk, programme.pk])

    def page() -> str:
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    page()
    page()  # from the cache

    gov.target.value = Decimal("987.5")
    services.record_save(gov.target, by=world.coordinator_a, based_on=gov.target.version)
    assert f">{money.number(Decimal('987.5'), 2)}<" in page()

    gov.kegiatan.name = "Kegiatan yang baru"
    services.record_save(gov.kegiatan, by=world.coordinator_a, based_on=gov.kegiatan.version)
    assert "Kegiatan yang baru" in page()

    gov.roadmap_entry.target = "Sasaran yang baru"
    services.record_save(
        gov.roadmap_entry, by=world.coordinator_a, based_on=gov.roadmap_entry.version
    )
    assert "Sasaran yang baru" in page()

    source = gov.anggaran.funding_source
    source.name_id = source.name_en = "Sumber yang berganti nama"
    source.save()
    assert "Sumber yang berganti nama" in page()

    shown_id = f'id="indicator-{gov.indikator.pk}"'
    assert shown_id in page()
    gov.indikator.delete()
    assert shown_id not in page()


def test_the_buttons_stay_the_readers_own(client, world):
    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    url = reverse("programs:programme_detail", args=[plan.pk, objects.gov.programme.pk])
    client.force_login(world.coordinator_a)
    assert "record-actions" in client.get(url).content.decode()
    client.force_login(world.viewer_a)
    shown = client.get(url).content.decode()  # the lists come from the cache
    assert objects.gov.indikator.name in shown and "record-actions" not in shown
