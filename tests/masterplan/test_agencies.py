from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import Agency, DeletedRecord, Revision
from masterplan.services import record_save
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(world):
    return factories.AgencyFactory(
        region=world.region_a, name="Dinas Kominfo", acronym="Diskominfo"
    )


def test_members_read_the_list_coordinators_manage(client, world, agency):
    other = factories.AgencyFactory(region=world.region_b, name="Dinas Batang")
    url = reverse("agency_list", args=[world.plan_a.pk])
    assert client.get(url).status_code == 302
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    for reader in (world.viewer_a, world.mentor_a, world.editor_a):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 200
        assert "Dinas Kominfo" in response.text and other.name not in response.text
        assert reverse("agency_add", args=[world.plan_a.pk]) not in response.text
    client.force_login(world.coordinator_a)
    assert reverse("agency_add", args=[world.plan_a.pk]) in client.get(url).text


def test_a_coordinator_adds_and_edits_with_history(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("agency_add", args=[world.plan_a.pk]),
        {"name": "Badan Perencanaan", "acronym": "Bappeda", "kind": "badan"},
    )
    assert response.url == reverse("agency_list", args=[world.plan_a.pk])
    agency = Agency.objects.get(name="Badan Perencanaan")
    assert agency.region == world.region_a and agency.created_by == world.coordinator_a
    response = client.post(
        reverse("agency_edit", args=[world.plan_a.pk, agency.pk]),
        {
            "name": "Bappelitbangda",
            "acronym": "Bappeda",
            "kind": "badan",
            "version": agency.version,
        },
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Bappelitbangda"
    assert Revision.objects.for_object(agency).count() == 2


def test_a_duplicate_name_is_a_form_error(client, world, agency):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("agency_add", args=[world.plan_a.pk]), {"name": "dinas kominfo", "kind": "dinas"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"][0]


def test_a_stale_edit_is_refused_and_keeps_the_input(client, world, agency):
    agency.acronym = "DKI"
    record_save(agency, by=world.admin, based_on=agency.version)
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("agency_edit", args=[world.plan_a.pk, agency.pk]),
        {"name": "Nama saya", "kind": "dinas", "version": 1},
    )
    assert response.status_code == 409
    assert 'value="Nama saya"' in response.text
    agency.refresh_from_db()
    assert agency.name == "Dinas Kominfo"


def test_deleting_asks_first_and_refuses_while_referenced(client, world, agency):
    url = reverse("agency_delete", args=[world.plan_a.pk, agency.pk])
    programme = factories.programme(world.plan_a, lead_agency=agency)
    client.force_login(world.coordinator_a)
    response = client.post(url)
    assert response.status_code == 409
    assert response.context["references"]
    assert Agency.objects.filter(pk=agency.pk).exists()
    programme.delete()
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=agency.pk).exists()
    assert DeletedRecord.objects.filter(target_uuid=agency.uuid).exists()
