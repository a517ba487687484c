"""Per-section sign-off: tied to the version seen, reset by an edit of that section only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import AuditEvent
from reviews.models import SectionApproval

pytestmark = pytest.mark.django_db


def test_an_edit_resets_only_that_sections_sign_off(client, world, book_a):
    first, second = book_a.sections.order_by("order", "pk")[:2]
    client.force_login(world.mentor_a)
    for section in (first, second):
        response = client.post(reverse("reviews:section_approve", args=[section.pk]))
        assert response.status_code == 302
    assert AuditEvent.objects.filter(action="section.signoff").count() == 2
    client.force_login(world.editor_a)
    client.post(
        reverse("section_edit", args=[first.pk]),
        {"title": first.title, "body": "<p>Diubah</p>", "version": first.version},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert not SectionApproval.objects.get(section=first).is_current_for(first)
    assert SectionApproval.objects.get(section=second).is_current_for(second)
    page = client.get(reverse("reviews:book_review", args=[book_a.plan_id, 1])).text
    assert page.count("changed since sign-off") + page.count("berubah") >= 1


def test_only_reviewers_sign_off(client, world, book_a, section_b):
    section = book_a.sections.first()
    url = reverse("reviews:section_approve", args=[section.pk])
    assert reverse("login") in client.post(url)["Location"]
    for user in (world.editor_a, world.coordinator_a, world.viewer_a):
        client.force_login(user)
        assert client.post(url).status_code == 403
    client.force_login(world.mentor_a)
    assert client.post(reverse("reviews:section_approve", args=[section_b.pk])).status_code == 404
    assert not SectionApproval.objects.exists()
