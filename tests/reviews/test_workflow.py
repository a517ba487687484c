"""The book's review workflow: allowed and refused steps per role and status, with their trail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from masterplan.models import AuditEvent, Book
from masterplan.permissions import can_finalise, can_review, can_submit, role_in
from reviews import services, workflow
from reviews.models import BookTransition, Notification, NotificationSettings
from tests.reviews.conftest import fill_required

pytestmark = pytest.mark.django_db

ROLES = ("admin", "coordinator_a", "editor_a", "viewer_a", "mentor_a")


def transition_url(book, action):
    return reverse("reviews:book_transition", args=[book.plan_id, book.number, action])


def set_status(book, status):
    Book.objects.filter(pk=book.pk).update(status=status)
    book.refresh_from_db()


@pytest.mark.parametrize(
    "status,action,allowed",
    [
        (Book.Status.DRAFT, "submit", {"admin", "coordinator_a"}),
        (Book.Status.REVISION, "submit", {"admin", "coordinator_a"}),
        (Book.Status.SUBMITTED, "withdraw", {"admin", "coordinator_a"}),
        (Book.Status.SUBMITTED, "request_changes", {"admin", "mentor_a"}),
        (Book.Status.SUBMITTED, "approve", {"admin", "mentor_a"}),
        (Book.Status.APPROVED, "request_changes", {"admin", "mentor_a"}),
        (Book.Status.DRAFT, "approve", set()),
        (Book.Status.DRAFT, "request_changes", set()),
        (Book.Status.APPROVED, "submit", set()),
        (Book.Status.FINAL, "request_changes", set()),
        (Book.Status.FINAL, "submit", set()),
    ],
)
def test_each_role_may_take_only_its_steps(client, world, book_a, status, action, allowed):
    fill_required(book_a)
    expected = workflow.TRANSITIONS.get((status, action), (status,))[0]
    for name in ROLES:
        set_status(book_a, status)
        client.force_login(getattr(world, name))
        response = client.post(transition_url(book_a, action), {"note": "Perbaiki data"})
        book_a.refresh_from_db()
        if name in allowed:
            assert response.status_code == 302, name
            assert book_a.status == expected, name
        else:
            assert response.status_code in {403, 409}, name
            assert book_a.status == status, name


# Each step of the workflow and the permission predicate that grants it elsewhere.
STEP_PREDICATES = {
    (workflow.DRAFT, workflow.SUBMIT): can_submit,
    (workflow.REVISION, workflow.SUBMIT): can_submit,
    (workflow.SUBMITTED, workflow.WITHDRAW): can_submit,
    (workflow.SUBMITTED, workflow.REQUEST_CHANGES): can_review,
    (workflow.SUBMITTED, workflow.APPROVE): can_review,
    (workflow.APPROVED, workflow.REQUEST_CHANGES): can_review,
    (workflow.APPROVED, workflow.FINALISE): can_finalise,
}


@pytest.mark.parametrize("persona", [*ROLES, "economy_editor_a", "editor_b"])
def test_it_gives_each_step_to_the_roles_the_permissions_give_it(world, book_a, persona):
    user = getattr(world, persona)
    role = role_in(user, book_a.plan.region_id)
    for step, predicate in STEP_PREDICATES.items():
        _status, roles = workflow.TRANSITIONS[step]
        assert (role in roles) is predicate(user, book_a), (persona, step)


def test_a_step_that_is_not_a_review_step_is_404(client, world, book_a):
    # making a book final is the export's business (admins), not a step of this page
    client.force_login(world.coordinator_a)
    assert client.post(transition_url(book_a, "finalise")).status_code == 404


def test_submitting_lists_the_empty_required_sections_and_refuses(client, world, book_a):
    client.force_login(world.coordinator_a)
    response = client.post(transition_url(book_a, "submit"))
    assert response.status_code == 409
    empty = book_a.sections.filter(required=True, body="", records="").first()
    assert reverse("section_edit", args=[empty.pk]) in response.text
    book_a.refresh_from_db()
    assert book_a.status == Book.Status.DRAFT
    assert not BookTransition.objects.exists()


def test_changes_need_a_note_and_every_step_is_recorded(client, world, book_a):
    fill_required(book_a)
    client.force_login(world.coordinator_a)
    client.post(transition_url(book_a, "submit"))
    client.force_login(world.mentor_a)
    assert client.post(transition_url(book_a, "request_changes"), {"note": " "}).status_code == 409
    client.post(transition_url(book_a, "request_changes"), {"note": "Lengkapi SWOT"})
    book_a.refresh_from_db()
    assert book_a.status == Book.Status.REVISION
    last = BookTransition.objects.first()
    assert (last.from_status, last.to_status, last.actor, last.note) == (
        "submitted",
        "revision",
        world.mentor_a,
        "Lengkapi SWOT",
    )
    event = AuditEvent.objects.get(action="book.request_changes")
    assert event.changes["status"] == ["submitted", "revision"]
    assert event.actor == world.mentor_a
    page = client.get(reverse("reviews:book_review", args=[book_a.plan_id, 1])).text
    assert "Lengkapi SWOT" in page


def test_transitions_notify_and_mail_the_right_people(
    world, book_a, django_capture_on_commit_callbacks
):
    fill_required(book_a)
    NotificationSettings.objects.create(user=world.editor_a, email_muted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.book_transition(book=book_a, action="submit", by=world.coordinator_a)
    assert [m.to for m in mail.outbox] == [[world.mentor_a.email]]
    assert Notification.objects.get().user == world.mentor_a
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.book_transition(book=book_a, action="approve", by=world.mentor_a)
    recipients = {address for m in mail.outbox for address in m.to}
    # The editor muted emails but still gets the in-app notification.
    assert recipients == {world.coordinator_a.email, world.economy_editor_a.email}
    notified = set(Notification.objects.filter(verb="transition").values_list("user", flat=True))
    assert {world.coordinator_a.pk, world.editor_a.pk, world.economy_editor_a.pk} <= notified
    assert world.viewer_a.pk not in notified and world.editor_b.pk not in notified


def test_a_refused_transition_sends_nothing(world, book_a, django_capture_on_commit_callbacks):
    refused = pytest.raises(services.TransitionRefused)
    with django_capture_on_commit_callbacks(execute=True), refused:
        services.book_transition(book=book_a, action="submit", by=world.coordinator_a)
    assert mail.outbox == [] and not Notification.objects.exists()


def test_editing_a_submitted_book_returns_it_to_draft_with_a_warning(client, world, book_a):
    fill_required(book_a)
    set_status(book_a, Book.Status.APPROVED)
    section = book_a.sections.get(key="pendahuluan")
    client.force_login(world.editor_a)
    url = reverse("section_edit", args=[section.pk])
    assert "review-edit-warning" in client.get(url).text
    response = client.post(url, {"title": section.title, "body": "<p>Baru</p>", "version": 1})
    assert response.status_code == 302
    book_a.refresh_from_db()
    assert book_a.status == Book.Status.DRAFT
    assert BookTransition.objects.get().action == "edit"
    assert AuditEvent.objects.filter(action="book.edit").exists()
    assert "review-edit-warning" not in client.get(url).text


def test_only_an_approved_book_is_finalised_by_the_admin(world, book_a, monkeypatch):
    from exports import services as exports

    monkeypatch.setattr(exports, "book_checks", lambda book: [])
    monkeypatch.setattr(exports, "export_request", lambda **kwargs: None)
    with pytest.raises(exports.ExportRefused):
        exports.book_finalise(book=book_a, by=world.admin)
    fill_required(book_a)
    services.book_transition(book=book_a, action="submit", by=world.coordinator_a)
    services.book_transition(book=book_a, action="approve", by=world.mentor_a)
    exports.book_finalise(book=book_a, by=world.admin)
    book_a.refresh_from_db()
    assert book_a.status == Book.Status.FINAL
