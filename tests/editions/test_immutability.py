"""An edition never changes: not through the model, the portal, the API or the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from editions.models import Edition, EditionFrozen
from tests.editions.conftest import finalise

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(world, fake_render, django_capture_on_commit_callbacks) -> Edition:
    finalise(world.plan_a.books.get(number=2), world.admin, django_capture_on_commit_callbacks)
    return Edition.objects.get()


def test_the_model_refuses_to_change_or_delete_it(edition):
    edition.snapshot = {"outline": [], "records": {}}
    with pytest.raises(EditionFrozen):
        edition.save()
    with pytest.raises(EditionFrozen):
        edition.delete()
    with pytest.raises(EditionFrozen):
        Edition.objects.filter(pk=edition.pk).delete()
    with pytest.raises(EditionFrozen):
        Edition.objects.filter(pk=edition.pk).update(content_hash="x" * 64)
    edition.refresh_from_db()
    assert edition.snapshot["outline"]


def test_the_api_only_reads_it(world, edition):
    client = APIClient()
    client.force_authenticate(world.admin)
    url = f"/api/v1/editions/{edition.pk}/"
    listed = client.get("/api/v1/editions/", {"book": edition.book_id})
    assert [row["label"] for row in listed.data["results"]] == ["Edisi 1"]
    assert client.get(url).data["number"] == 1
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(url, {"number": 9}, format="json").status_code == 405
    assert client.post("/api/v1/editions/", {"book": edition.book_id}).status_code == 405
    edition.refresh_from_db()
    assert edition.number == 1


def test_the_admin_shows_it_read_only(world, edition, client):
    client.force_login(world.admin)
    change = reverse("admin:editions_edition_change", args=[edition.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert client.post(change, {"number": 9}).status_code == 403
    delete = reverse("admin:editions_edition_delete", args=[edition.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:editions_edition_add")).status_code == 403
    edition.refresh_from_db()
    assert edition.number == 1


def test_the_portal_offers_no_way_to_change_it(world, edition, client):
    """The portal's only write is the regulation; the frozen content has no form at all."""
    client.force_login(world.admin)
    url = reverse("editions:edition_regulation", args=[edition.uuid])
    client.post(
        url,
        {
            "e1-regulation_number": "Perbup No. 12/2025",
            "e1-regulation_date": "2025-03-03",
            "e1-number": "7",
            "e1-snapshot": "{}",
        },
    )
    before = edition.snapshot
    edition.refresh_from_db()
    assert (edition.number, edition.regulation_number) == (1, "Perbup No. 12/2025")
    assert edition.snapshot == before
    for name in ("book_editions",):
        page = client.get(reverse(f"editions:{name}", args=[edition.book_id]))
        assert page.status_code == 200
    assert client.post(reverse("editions:edition_download", args=[edition.uuid])).status_code == 405
