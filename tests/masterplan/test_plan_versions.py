"""Every kind of write to a plan's records moves the plan's content version (PlanVersion).

The kinds come from the plan-record registry, so a new kind is tested without a new line.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dimensions.models import Dimension, Element, Pillar
from masterplan.models import PlanVersion
from masterplan.plan_versions import plan_versions
from masterplan.registry import plan_record_kinds
from masterplan.services import record_delete, record_restore, record_save
from tests import factories
from tests.conftest import Kept
from tests.security.conftest import build_region_objects

pytestmark = pytest.mark.django_db

KINDS = [kind.label for kind in plan_record_kinds()]


@pytest.fixture(scope="module")
def storage_root(tmp_path_factory):
    return tmp_path_factory.mktemp("storage")


@pytest.fixture(autouse=True)
def _private_storage(settings, storage_root):
    # the files of the kept records (photos, evidence, export jobs) stay for the whole file
    settings.MEDIA_ROOT = storage_root / "media"
    settings.EXPORT_ROOT = storage_root / "exports"


@pytest.fixture(scope="module")
def _objects(_module_world, storage_root, django_db_blocker):
    """One record of every kind in plan A, built once for the file (building them for each
    test was most of the file's time); each test's writes are rolled back."""

    def build():
        world = _module_world.fresh()
        with override_settings(
            MEDIA_ROOT=storage_root / "media", EXPORT_ROOT=storage_root / "exports"
        ):
            return build_region_objects(
                world.plan_a, author=world.coordinator_a, reader=world.editor_a
            )

    kept = Kept("one record of every kind", build)
    kept.open(django_db_blocker)
    yield kept
    kept.close()


@pytest.fixture
def objects(world, _objects):
    return _objects.fresh()


def versions(world) -> tuple[int, int]:
    found = plan_versions([world.plan_a.pk, world.plan_b.pk])
    return found[world.plan_a.pk], found[world.plan_b.pk]


def one_row(label: str, plan):
    kind = next(kind for kind in plan_record_kinds() if kind.label == label)
    row = kind.of_plan(plan).order_by("-pk").first()
    assert row is not None, label
    return kind, row


def moved(world, kind, write) -> None:
    """``write`` moves plan A's version and leaves plan B (another region) alone."""
    a, b = versions(world)
    write()
    after_a, after_b = versions(world)
    assert after_a > a, kind.label
    assert after_b == b, kind.label


@pytest.mark.parametrize("label", KINDS)
def test_a_save_of_any_kind_moves_its_plan_only(world, objects, label):
    kind, row = one_row(label, world.plan_a)
    if kind.tracked:
        moved(world, kind, lambda: record_save(row, by=world.coordinator_a))
    else:
        moved(world, kind, row.save)


@pytest.mark.parametrize("label", [label for label in KINDS if label != "masterplan.plan"])
def test_a_deletion_of_any_kind_moves_its_plan(world, objects, label):
    kind, row = one_row(label, world.plan_a)
    if kind.tracked:
        moved(world, kind, lambda: record_delete(row, by=world.coordinator_a))
    else:
        moved(world, kind, row.delete)


@pytest.mark.parametrize("label", [label for label in KINDS if label != "masterplan.plan"])
def test_a_queryset_deletion_of_any_kind_moves_its_plan_once(world, objects, label):
    kind, row = one_row(label, world.plan_a)
    a, _ = versions(world)
    kind.model._base_manager.filter(pk=row.pk).delete()
    assert versions(world)[0] == a + 1, kind.label


def test_a_changed_many_to_many_relation_moves_the_plan(world, objects):
    programme = factories.programme(world.plan_a, name="Program dengan mitra")
    a, _ = versions(world)
    programme.supporting_agencies.add(objects.free_agency)
    assert versions(world)[0] > a
    a, _ = versions(world)
    objects.free_agency.supported_programmes.clear()  # from the other side
    assert versions(world)[0] > a


def test_a_record_of_the_region_moves_every_plan_of_the_region(world, objects):
    later = factories.make_plan(
        region=world.plan_a.region, cohort=factories.CohortFactory(year=2030)
    )
    a, b = versions(world)
    later_version = plan_versions([later.pk])[later.pk]
    record_save(objects.agency, by=world.coordinator_a)
    assert versions(world) == (a + 1, b)
    assert plan_versions([later.pk])[later.pk] == later_version + 1


def test_the_admin_moves_the_version(client, world, objects):
    client.force_login(world.admin)
    programme = factories.programme(world.plan_a, name="Program lama")
    a, b = versions(world)
    url = reverse("admin:programs_programme_delete", args=[programme.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert versions(world) == (a + 1, b)
    assert type(programme) in site._registry


def test_the_reference_rows_of_the_framework_move_every_plan_of_it(world):
    a, b = versions(world)
    for model in (Dimension, Element, Pillar):
        row = model.objects.first()
        row.save()
    after_a, after_b = versions(world)
    assert after_a == a + 3 and after_b == b + 3  # both plans use the framework


def test_a_new_plan_has_a_version_and_an_unknown_one_gets_one(world):
    assert PlanVersion.objects.filter(plan=world.plan_a).exists()
    before = plan_versions([world.plan_a.pk])[world.plan_a.pk]
    PlanVersion.objects.filter(plan=world.plan_a).delete()
    again = plan_versions([world.plan_a.pk])[world.plan_a.pk]
    assert again != before  # a new random start: nothing cached for the old one is met
    assert PlanVersion.objects.get(plan=world.plan_a).version == again


def test_reading_the_versions_of_many_plans_is_one_query(world):
    plan_versions([world.plan_a.pk, world.plan_b.pk])
    with CaptureQueriesContext(connection) as captured:
        plan_versions([world.plan_a.pk, world.plan_b.pk])
    assert len(captured) == 1


def test_a_save_moves_the_version_in_the_same_transaction(world, objects):
    """A failed save leaves the version as it was (the bump is rolled back with it)."""
    from django.db import transaction

    a, _ = versions(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        record_save(objects.plan_risk, by=world.coordinator_a)
        assert versions(world)[0] == a + 1
        raise RuntimeError
    assert versions(world)[0] == a


def test_a_restore_from_the_trash_moves_the_version(world, objects):
    deleted = record_delete(objects.plan_risk, by=world.coordinator_a)
    a, b = versions(world)
    record_restore(deleted, by=world.coordinator_a)
    assert versions(world) == (a + 1, b)
