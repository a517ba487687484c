"""Mentions, replies and comments on what you edited notify in the app and by email."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from masterplan.models import Book
from masterplan.services import record_save
from reviews import services
from reviews.models import Notification

pytestmark = pytest.mark.django_db


def test_mentions_reach_people_of_the_region_only(
    world, section_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(
            target=section_a, by=world.mentor_a, body="@viewer-a dan @editor-b, lihat ini."
        )
    assert list(Notification.objects.values_list("user__username", "verb")) == [
        ("viewer-a", "mention")
    ]
    assert [m.to for m in mail.outbox] == [[world.viewer_a.email]]


def test_editors_of_a_section_and_thread_participants_hear_of_comments(
    world, section_a, django_capture_on_commit_callbacks
):
    section_a.body = "<p>Isi</p>"
    record_save(section_a, by=world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.comment_create(target=section_a, by=world.mentor_a, body="Tambah data")
    assert Notification.objects.get().user == world.editor_a
    assert Notification.objects.get().verb == "comment"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(target=section_a, by=world.editor_a, body="Baik", parent=thread)
    reply = Notification.objects.get(verb="reply")
    assert reply.user == world.mentor_a
    assert [m.to for m in mail.outbox] == [[world.mentor_a.email]]


def test_the_list_the_badge_opening_and_muting(client, world, section_a):
    services.comment_create(target=section_a, by=world.mentor_a, body="@editor-a cek")
    client.force_login(world.editor_a)
    home = client.get(reverse("home")).text
    assert "notification-count" in home
    page = client.get(reverse("reviews:notification_list"))
    assert "cek" not in page.text or page.status_code == 200
    note = Notification.objects.get()
    response = client.get(reverse("reviews:notification_open", args=[note.pk]))
    assert response.status_code == 302 and "komentar-" in response["Location"]
    note.refresh_from_db()
    assert note.read_at is not None
    client.force_login(world.viewer_a)
    assert client.get(reverse("reviews:notification_open", args=[note.pk])).status_code == 404
    client.post(reverse("reviews:notification_settings"), {"email_muted": "1"})
    assert world.viewer_a.notification_settings.email_muted


def test_the_mentor_dashboard(client, world, book_a):
    Book.objects.filter(pk=book_a.pk).update(status=Book.Status.SUBMITTED)
    section = book_a.sections.first()
    services.comment_create(target=section, by=world.mentor_a, body="Terbuka")
    assert reverse("login") in client.get(reverse("reviews:mentor_dashboard"))["Location"]
    client.force_login(world.editor_a)
    assert client.get(reverse("reviews:mentor_dashboard")).status_code == 403
    client.force_login(world.mentor_a)
    page = client.get(reverse("reviews:mentor_dashboard")).text
    assert "Kabupaten A" in page and "Kabupaten B" not in page
    assert reverse("reviews:book_review", args=[book_a.plan_id, 1]) in page
    assert "Terbuka" in page
    # The factory's stages are in 2024: all ended, books not approved are overdue.
    assert "overdue-stages" in page and "Buku 2" in page
