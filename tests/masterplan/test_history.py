from __future__ import annotations

import pytest

from masterplan.models import AuditEvent, DeletedRecord, Revision, Section, VersionConflict
from masterplan.services import record_delete, record_restore, record_revert, record_save
from programs.models import BudgetLine, Indicator, IndicatorTarget, Programme
from roadmap.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(world):
    return world.plan_a.books.get(number=2).sections.get(key="pendahuluan")


def test_record_save_checks_the_version_and_keeps_a_revision(world, section):
    section.body = "<p>Satu</p>"
    record_save(section, by=world.editor_a, based_on=1)
    assert section.version == 2
    revision = Revision.objects.for_object(section).get()
    assert revision.snapshot["body"] == "<p>Satu</p>"
    assert revision.actor == world.editor_a
    assert AuditEvent.objects.filter(target_uuid=section.uuid, action="section.update").exists()

    stale = Section.objects.get(pk=section.pk)
    stale.version = 1
    stale.body = "<p>Basi</p>"
    with pytest.raises(VersionConflict):
        record_save(stale, by=world.coordinator_a, based_on=1)
    assert Revision.objects.for_object(section).count() == 1
    section.refresh_from_db()
    assert section.body == "<p>Satu</p>"


def test_revisions_compare_and_restore_as_a_new_revision(world, section):
    section.body = "<p>Satu</p>"
    first = record_save(section, by=world.editor_a, based_on=1)
    section.body = "<p>Dua</p>"
    section.title = "Pendahuluan baru"
    second = record_save(section, by=world.editor_a, based_on=2)

    changed = {name for name, _before, _after in second.changes_since(first)}
    assert changed == {"body", "title"}

    record_revert(first, by=world.coordinator_a)
    section.refresh_from_db()
    assert (section.body, section.title) == ("<p>Satu</p>", "Pendahuluan")
    assert section.version == 4
    latest = Revision.objects.for_object(section).first()
    assert latest.note == "restore:v2"
    assert Revision.objects.for_object(section).count() == 3


def test_a_programme_revision_keeps_its_links(world):
    plan = world.plan_a
    programme = factories.programme(plan)
    agency = factories.AgencyFactory(region=plan.region)
    programme.supporting_agencies.set([agency])
    revision = record_save(programme, by=world.editor_a, based_on=programme.version)
    assert revision.snapshot["supporting_agencies"] == [agency.pk]
    programme.supporting_agencies.clear()
    record_revert(revision, by=world.editor_a)
    assert list(programme.supporting_agencies.all()) == [agency]


def test_deleting_keeps_everything_for_an_admins_undo(world):
    plan = world.plan_a
    programme = factories.programme(plan, name="ALDINO")
    indicator = Indicator.objects.create(programme=programme, name="Akta lahir terbit", unit="%")
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=90)
    BudgetLine.objects.create(
        programme=programme, year=2026, funding_source=factories.funding_source(), amount=500
    )
    Activity.objects.create(programme=programme, name="Integrasi data", year=2026)
    uuid = programme.uuid

    deleted = record_delete(programme, by=world.editor_a)
    assert not Programme.objects.filter(uuid=uuid).exists()
    assert not Activity.objects.filter(programme__plan=plan).exists()
    assert DeletedRecord.objects.visible_to(world.editor_a).get() == deleted
    assert not DeletedRecord.objects.visible_to(world.editor_b).exists()

    restored = record_restore(deleted, by=world.admin)
    assert restored.uuid == uuid
    assert restored.code == programme.code
    assert restored.activities.get().name == "Integrasi data"
    assert IndicatorTarget.objects.get(indicator__programme=restored).value == 90
    assert restored.budget_lines.get().amount == 500
    deleted.refresh_from_db()
    assert deleted.restored_by == world.admin
    with pytest.raises(ValueError):
        record_restore(deleted, by=world.admin)


def test_deleting_a_chapter_takes_its_sub_sections_and_brings_them_back(world):
    chapter = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    children = set(chapter.children.values_list("uuid", flat=True))
    deleted = record_delete(chapter, by=world.editor_a)
    assert not Section.objects.filter(uuid__in=children).exists()
    record_restore(deleted, by=world.admin)
    assert set(Section.objects.filter(uuid__in=children).values_list("uuid", flat=True)) == (
        children
    )


def test_an_admin_restores_from_the_trash_in_the_admin(client, world):
    programme = factories.programme(world.plan_a, name="KUDU SEKOLAH")
    deleted = record_delete(programme, by=world.editor_a)
    client.force_login(world.admin)
    response = client.post(
        "/admin/masterplan/deletedrecord/",
        {"action": "restore", "_selected_action": [deleted.pk]},
    )
    assert response.status_code == 302
    assert Programme.objects.get(uuid=programme.uuid).name == "KUDU SEKOLAH"
