from __future__ import annotations

import pytest

from masterplan.models import Section, VersionConflict
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return factories.make_plan().books.get(number=2).sections.get(key="pendahuluan")


def test_every_save_bumps_the_version(section):
    assert section.version == 1
    section.body = "<p>Satu</p>"
    section.save()
    section.body = "<p>Dua</p>"
    section.save(update_fields=["body"])
    section.refresh_from_db()
    assert section.version == 3
    assert section.body == "<p>Dua</p>"


def test_a_save_based_on_the_current_version_wins(section):
    user = factories.UserFactory()
    section.body = "<p>Latar belakang</p>"
    section.save_if_current(based_on=1, by=user, update_fields=["body"])
    section.refresh_from_db()
    assert (section.version, section.updated_by, section.body) == (2, user, "<p>Latar belakang</p>")


def test_a_stale_save_is_refused_and_changes_nothing(section):
    rina = Section.objects.get(pk=section.pk)
    budi = Section.objects.get(pk=section.pk)
    rina.body = "<p>Versi Bu Rina</p>"
    rina.save_if_current(based_on=1, update_fields=["body"])

    budi.body = "<p>Versi Pak Budi</p>"
    with pytest.raises(VersionConflict) as conflict:
        budi.save_if_current(based_on=1, update_fields=["body"])

    assert conflict.value.current_version == 2
    section.refresh_from_db()
    assert section.body == "<p>Versi Bu Rina</p>"
    assert budi.body == "<p>Versi Pak Budi</p>"  # the loser's text is still in hand


def test_every_record_has_a_stable_uuid(section):
    before = section.uuid
    section.title = "Bab Pendahuluan"
    section.save()
    section.refresh_from_db()
    assert section.uuid == before
