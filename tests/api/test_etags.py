"""Optimistic concurrency over HTTP: ETag out, If-Match in, 428 without, 412 when stale."""

from __future__ import annotations

import pytest

from programs.models import Programme
from roadmap.models import Activity
from tests.api.conftest import client_for, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(records) -> Programme:
    return records["A"]["programme"]


@pytest.fixture
def client(world):
    return client_for(world.editor_a, token=True)


def test_a_record_carries_its_version_as_etag(client, programme):
    response = client.get(url("programmes", programme.pk))
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response.data["version"] == 1


def test_it_requires_if_match_on_writes(client, programme):
    patch = client.patch(url("programmes", programme.pk), {"name": "Baru"}, format="json")
    put = client.put(url("programmes", programme.pk), {"name": "Baru"}, format="json")
    delete = client.delete(url("programmes", programme.pk))
    star = client.patch(
        url("programmes", programme.pk), {"name": "Baru"}, format="json", HTTP_IF_MATCH="*"
    )
    assert [r.status_code for r in (patch, put, delete, star)] == [428, 428, 428, 428]
    assert "If-Match" in patch.json()["detail"]
    programme.refresh_from_db()
    assert (programme.name, programme.version) == ("ALDINO", 1)


def test_a_stale_write_gets_412_with_the_current_version(client, world, programme):
    first = client_for(world.coordinator_a).patch(
        url("programmes", programme.pk), {"name": "Versi Rina"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert first.status_code == 200
    assert first["ETag"] == '"2"'

    stale = client.patch(
        url("programmes", programme.pk), {"name": "Versi Budi"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert stale.status_code == 412
    assert stale["ETag"] == '"2"'
    assert (stale.data["name"], stale.data["version"]) == ("Versi Rina", 2)
    assert stale.data["indicators"][0]["name"] == "Dokumen terbit"  # the full representation
    programme.refresh_from_db()
    assert (programme.name, programme.version) == ("Versi Rina", 2)


def test_the_right_version_wins_and_increments(client, programme):
    response = client.patch(
        url("programmes", programme.pk), {"name": "ALDINO 2"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    assert (response["ETag"], response.data["version"]) == ('"2"', 2)
    response = client.patch(
        url("programmes", programme.pk),
        {"name": "ALDINO 3"},
        format="json",
        HTTP_IF_MATCH='W/"2"',  # weakened by a proxy: still this version
    )
    assert response.status_code == 200
    programme.refresh_from_db()
    assert (programme.name, programme.version) == ("ALDINO 3", 3)


def test_put_replaces_with_the_right_version(client, records):
    activity = records["A"]["activity"]
    response = client.put(
        url("activities", activity.pk),
        {"programme": activity.programme_id, "name": "Bimtek", "year": 2027, "quarter": 2},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.data
    activity.refresh_from_db()
    assert (activity.name, activity.year, activity.quarter) == ("Bimtek", 2027, 2)
    assert activity.version == 2


def test_delete_checks_the_version(client, records):
    activity = records["A"]["activity"]
    stale = client.delete(url("activities", activity.pk), HTTP_IF_MATCH='"7"')
    assert stale.status_code == 412
    assert stale.data["name"] == "Sosialisasi"
    assert Activity.objects.filter(pk=activity.pk).exists()

    gone = client.delete(url("activities", activity.pk), HTTP_IF_MATCH='"1"')
    assert gone.status_code == 204
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_any_of_several_etags_may_match(client, programme):
    response = client.patch(
        url("programmes", programme.pk),
        {"name": "Baru"},
        format="json",
        HTTP_IF_MATCH='"5", "1"',
    )
    assert response.status_code == 200


def test_a_new_record_answers_with_its_etag(client, records):
    response = client.post(
        url("partners"),
        {"programme": records["A"]["programme"].pk, "name": "UNIKAL", "kind": "academia"},
        format="json",
    )
    assert response.status_code == 201
    assert response["ETag"] == '"1"'


def test_permission_is_checked_before_the_version(world, programme):
    response = client_for(world.viewer_a).patch(
        url("programmes", programme.pk), {"name": "Baru"}, format="json"
    )
    assert response.status_code == 403
    response = client_for(world.editor_b).patch(
        url("programmes", programme.pk), {"name": "Baru"}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("basename", "prefix", "change"),
    [
        ("programme-report", "programme-reports", {"note": "Versi Budi"}),
        ("indicator-realisation", "indicator-realisations", {"value": "9.00"}),
        ("budget-realisation", "budget-realisations", {"spent": 7}),
    ],
)
def test_monitoring_reports_are_written_with_if_match_too(
    client, world, records, basename, prefix, change
):
    record = records["A"][basename]
    path = url(prefix, record.pk)
    assert client.get(path)["ETag"] == '"1"'
    assert client.patch(path, change, format="json").status_code == 428
    assert client.delete(path).status_code == 428
    coordinator = client_for(world.coordinator_a)
    assert (
        coordinator.patch(path, {"note": "Versi Rina"}, format="json", HTTP_IF_MATCH='"1"')["ETag"]
        == '"2"'
    )
    stale = client.patch(path, change, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert stale.data["note"] == "Versi Rina"
    record.refresh_from_db()
    assert (record.note, record.version) == ("Versi Rina", 2)
