"""Comments, the books' workflow and section sign-off through the API: the portal's rules,
with the region and book of a comment taken from the record it is on."""

from __future__ import annotations

import pytest

from masterplan.models import AuditEvent, Book
from reviews.models import BookTransition, Comment, SectionApproval
from tests.api.conftest import client_for, url

pytestmark = pytest.mark.django_db


def fill_required(book: Book) -> None:
    book.sections.filter(required=True).update(body="<p>Isi bab.</p>")


def set_status(book: Book, status: str) -> None:
    Book.objects.filter(pk=book.pk).update(status=status)
    book.refresh_from_db()


# --- Comments -------------------------------------------------------------------------------


def test_a_comment_takes_its_region_and_book_from_the_record(world, records):
    section = records["A"]["section"]
    response = client_for(world.editor_a, token=True).post(
        url("comments"),
        {
            "target_type": "masterplan.section",
            "target_uuid": str(section.uuid),
            "body": "Data BPS 2023, bukan 2021.",
            "quote": "Latar",
            "region": world.region_b.pk,
            "book": records["B"]["book"].pk,
            "parent": records["B"]["comment"].pk,
            "author": world.admin.pk,
            "resolved_at": "2020-01-01T00:00:00Z",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    comment = Comment.objects.get(pk=response.data["id"])
    assert (comment.region, comment.book, comment.parent, comment.author) == (
        world.region_a,
        section.book,
        None,
        world.editor_a,
    )
    assert comment.resolved_at is None
    assert comment.target_version == section.version
    assert "Data BPS 2023" in comment.body
    assert response.data["author_name"] == world.editor_a.display_name
    assert AuditEvent.objects.filter(action="comment.create", target_uuid=comment.uuid).exists()


def test_a_comment_on_another_regions_record_is_refused(world, records):
    before = Comment.objects.count()
    for persona in ("editor_a", "outsider"):
        response = client_for(getattr(world, persona)).post(
            url("comments"),
            {
                "target_type": "programs.programme",
                "target_uuid": str(records["B"]["programme"].uuid),
                "body": "Halo",
            },
            format="json",
        )
        assert response.status_code == 400
        assert "target_uuid" in response.data
    assert Comment.objects.count() == before


def test_viewers_read_comments_but_do_not_write(world, records):
    client = client_for(world.viewer_a)
    comment = records["A"]["comment"]
    assert client.get(url("comments", comment.pk)).status_code == 200
    response = client.post(
        url("comments"),
        {
            "target_type": "masterplan.section",
            "target_uuid": str(records["A"]["section"].uuid),
            "body": "Halo",
        },
        format="json",
    )
    assert response.status_code == 403
    assert client.post(f"{url('comments', comment.pk)}reply/", {"body": "x"}).status_code == 403


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"target_type": "masterplan.user", "target_uuid": "x", "body": "Hi"}, "target_type"),
        ({"target_type": "masterplan.section", "target_uuid": "nope", "body": "x"}, "target_uuid"),
        ({"target_type": "masterplan.section", "body": "x"}, "target_uuid"),
    ],
)
def test_bad_comment_requests_get_field_errors(world, records, payload, field):
    response = client_for(world.editor_a).post(url("comments"), payload, format="json")
    assert response.status_code == 400
    assert field in response.data


def test_an_empty_comment_is_a_field_error_in_the_request_language(world, records):
    client = client_for(world.editor_a)
    payload = {
        "target_type": "masterplan.section",
        "target_uuid": str(records["A"]["section"].uuid),
        "body": "<p> </p>",
    }
    english = client.post(url("comments"), payload, format="json", HTTP_ACCEPT_LANGUAGE="en")
    indonesian = client.post(url("comments"), payload, format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert english.status_code == indonesian.status_code == 400
    assert english.json() == {"body": ["Write a comment first."]}
    assert indonesian.json()["body"] != english.json()["body"]


def test_replies_resolve_and_reopen_work_on_the_thread(world, records):
    thread = records["A"]["comment"]
    editor = client_for(world.editor_a)
    mentor = client_for(world.mentor_a)

    reply = mentor.post(f"{url('comments', thread.pk)}reply/", {"body": "Setuju"}, format="json")
    assert reply.status_code == 201, reply.data
    assert (reply.data["parent"], reply.data["region"]) == (thread.pk, world.region_a.pk)
    # a reply to a reply joins the same thread
    again = editor.post(
        f"{url('comments', reply.data['id'])}reply/", {"body": "Sudah"}, format="json"
    )
    assert again.data["parent"] == thread.pk

    empty = editor.post(f"{url('comments', thread.pk)}reply/", {"body": ""}, format="json")
    assert empty.status_code == 400 and "body" in empty.data

    resolved = editor.post(f"{url('comments', reply.data['id'])}resolve/")
    assert resolved.status_code == 200
    assert (resolved.data["id"], resolved.data["is_resolved"]) == (thread.pk, True)
    assert resolved.data["resolved_by"] == world.editor_a.pk
    thread.refresh_from_db()
    assert thread.resolved_by == world.editor_a

    listed = editor.get(url("comments"), {"target_uuid": str(thread.target_uuid)})
    assert [item["id"] for item in listed.data["results"]] == [
        thread.pk,
        reply.data["id"],
        again.data["id"],
    ]
    threads = editor.get(url("comments"), {"book": thread.book_id, "is_thread": "true"})
    assert [item["id"] for item in threads.data["results"]] == [thread.pk]
    assert editor.get(url("comments"), {"resolved": "false", "is_thread": "true"}).data[
        "count"
    ] == (0)

    reopened = mentor.post(f"{url('comments', thread.pk)}reopen/")
    assert reopened.status_code == 200
    assert reopened.data["is_resolved"] is False
    assert editor.get(url("comments"), {"resolved": "false", "is_thread": "true"}).data[
        "count"
    ] == (1)


def test_outsiders_cannot_reach_another_regions_threads(world, records):
    thread = records["A"]["comment"]
    client = client_for(world.editor_b)
    assert client.get(url("comments", thread.pk)).status_code == 404
    for action in ("reply", "resolve", "reopen"):
        response = client.post(f"{url('comments', thread.pk)}{action}/", {"body": "x"})
        assert response.status_code == 404
    assert thread.pk not in {item["id"] for item in client.get(url("comments")).data["results"]}
    thread.refresh_from_db()
    assert thread.resolved_at is None and not thread.replies.exists()


# --- The workflow of a book -------------------------------------------------------------------


def test_a_mentor_approves_a_submitted_book(world, records):
    book = records["A"]["book"]
    set_status(book, Book.Status.SUBMITTED)
    response = client_for(world.mentor_a, token=True).post(
        url("book-transitions"),
        {"book": book.pk, "action": "approve", "note": "Bagus"},
        format="json",
    )
    assert response.status_code == 201, response.data
    assert (response.data["from_status"], response.data["to_status"]) == ("submitted", "approved")
    assert response.data["actor"] == world.mentor_a.pk
    book.refresh_from_db()
    assert book.status == Book.Status.APPROVED
    trail = client_for(world.viewer_a).get(url("book-transitions"), {"book": book.pk})
    assert trail.data["results"][0]["id"] == response.data["id"]


def test_steps_of_other_roles_are_forbidden(world, records):
    book = records["A"]["book"]
    set_status(book, Book.Status.SUBMITTED)
    for persona, action in (
        ("coordinator_a", "approve"),
        ("editor_a", "withdraw"),
        ("viewer_a", "withdraw"),
    ):
        response = client_for(getattr(world, persona)).post(
            url("book-transitions"), {"book": book.pk, "action": action}, format="json"
        )
        assert response.status_code == 403, persona
    book.refresh_from_db()
    assert book.status == Book.Status.SUBMITTED


def test_a_refused_step_is_409_with_a_localized_reason(world, records):
    book = records["A"]["book"]
    client = client_for(world.coordinator_a)
    before = BookTransition.objects.count()

    english = client.post(
        url("book-transitions"),
        {"book": book.pk, "action": "withdraw"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    indonesian = client.post(
        url("book-transitions"),
        {"book": book.pk, "action": "withdraw"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert english.status_code == indonesian.status_code == 409
    assert english.json()["detail"] == "This step is not possible while the book is “Draft”."
    assert indonesian.json()["detail"] != english.json()["detail"]
    assert english.json()["missing"] == []

    # submitting with required chapters still empty names them
    submit = client.post(
        url("book-transitions"), {"book": book.pk, "action": "submit"}, format="json"
    )
    assert submit.status_code == 409
    assert submit.json()["missing"]
    assert set(submit.json()["missing"]) <= set(book.sections.values_list("pk", flat=True))

    set_status(book, Book.Status.SUBMITTED)
    no_note = client_for(world.mentor_a).post(
        url("book-transitions"),
        {"book": book.pk, "action": "request_changes", "note": " "},
        format="json",
    )
    assert no_note.status_code == 409
    assert BookTransition.objects.count() == before
    book.refresh_from_db()
    assert book.status == Book.Status.SUBMITTED


def test_a_coordinator_submits_a_complete_book(world, records):
    book = records["A"]["book"]
    fill_required(book)
    response = client_for(world.coordinator_a).post(
        url("book-transitions"), {"book": book.pk, "action": "submit"}, format="json"
    )
    assert response.status_code == 201, response.data
    book.refresh_from_db()
    assert book.status == Book.Status.SUBMITTED


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"action": "submit"}, "book"),
        ({"book": 1, "action": "finalise"}, "action"),
        ({"book": 1, "action": "edit"}, "action"),
        ({"book": 1}, "action"),
    ],
)
def test_bad_transition_requests_are_400(world, records, payload, field):
    if "book" in payload:
        payload["book"] = records["A"]["book"].pk
    response = client_for(world.admin).post(url("book-transitions"), payload, format="json")
    assert response.status_code == 400
    assert field in response.data


def test_another_regions_book_cannot_be_moved(world, records):
    book = records["B"]["book"]
    set_status(book, Book.Status.SUBMITTED)
    response = client_for(world.mentor_a).post(
        url("book-transitions"), {"book": book.pk, "action": "approve"}, format="json"
    )
    assert response.status_code == 400
    assert "book" in response.data
    book.refresh_from_db()
    assert book.status == Book.Status.SUBMITTED


# --- Section sign-off ----------------------------------------------------------------------


def test_a_mentor_signs_a_section_off_and_withdraws(world, records):
    section = records["A"]["book"].sections.order_by("order").first()
    section.body = "<p>Isi</p>"
    section.save()
    mentor = client_for(world.mentor_a)
    response = mentor.post(url("section-approvals"), {"section": section.pk}, format="json")
    assert response.status_code == 201, response.data
    assert (response.data["approved_version"], response.data["is_current"]) == (
        section.version,
        True,
    )
    assert response.data["by"] == world.mentor_a.pk
    approval = SectionApproval.objects.get(section=section)

    refused = client_for(world.editor_a).delete(url("section-approvals", approval.pk))
    assert refused.status_code == 403
    assert mentor.delete(url("section-approvals", approval.pk)).status_code == 204
    assert not SectionApproval.objects.filter(section=section).exists()


def test_no_sign_off_in_a_final_book(world, records):
    section = records["A"]["section"]
    set_status(section.book, Book.Status.FINAL)
    response = client_for(world.admin).post(
        url("section-approvals"), {"section": section.pk}, format="json"
    )
    assert response.status_code == 403
    approval = records["A"]["section-approval"]
    assert client_for(world.admin).delete(url("section-approvals", approval.pk)).status_code == 403
    assert SectionApproval.objects.filter(pk=approval.pk).exists()
