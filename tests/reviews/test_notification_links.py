"""Every notification opens the page of its record, at the comment it is about."""

from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.registry import plan_record_kind
from reviews import services
from reviews.models import Notification
from reviews.targets import comment_target_models
from tests.api.conftest import build_records
from tests.conftest import Kept

pytestmark = pytest.mark.django_db

KINDS = [model._meta.label_lower for model in comment_target_models()]


@pytest.fixture(scope="module")
def _records(_module_world, django_db_blocker):
    """One record of every kind in plan A, built once for the file; each test's comments and
    notifications are rolled back."""
    kept = Kept("one record of every kind", lambda: build_records(_module_world.fresh().plan_a))
    kept.open(django_db_blocker)
    yield kept
    kept.close()


@pytest.fixture
def records(world, _records) -> dict:
    return _records.fresh()


def _follow(client, notification: Notification):
    opened = client.get(reverse("reviews:notification_open", args=[notification.pk]))
    assert opened.status_code == 302
    url, _hash, anchor = opened["Location"].partition("#")
    return url, anchor, client.get(url)


@pytest.mark.parametrize("label", KINDS)
def test_it_opens_the_comment_on_every_commentable_kind(client, world, records, label):
    target = plan_record_kind(label).of_plan(world.plan_a).first()
    assert target is not None, label
    thread = services.comment_create(
        target=target, by=world.mentor_a, body=f"@editor-a periksa {label} ini"
    )
    reply = services.comment_create(
        target=target, by=world.editor_a, body=f"Jawaban untuk {label}", parent=thread
    )
    client.force_login(world.editor_a)
    mention = Notification.objects.get(user=world.editor_a, verb="mention")
    url, anchor, page = _follow(client, mention)
    assert url and url != reverse("reviews:notification_list"), label
    assert anchor == f"komentar-{thread.uuid}"
    assert page.status_code == 200, (label, url)
    assert f'id="komentar-{thread.uuid}"' in page.text, (label, url)
    assert f"periksa {label} ini" in page.text
    client.force_login(world.mentor_a)
    answered = Notification.objects.get(user=world.mentor_a, verb="reply")
    url, anchor, page = _follow(client, answered)
    assert anchor == f"komentar-{reply.uuid}"
    assert f'id="komentar-{reply.uuid}"' in page.text and f"Jawaban untuk {label}" in page.text


def test_a_programme_comment_opens_the_programme_page(client, world, records):
    programme = records["programme"]
    services.comment_create(target=programme, by=world.mentor_a, body="@editor-a cek anggaran")
    note = Notification.objects.get(user=world.editor_a)
    assert note.url.startswith(
        reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk])
    )


def test_a_notification_stored_without_a_link_still_opens_its_comment(client, world, records):
    thread = services.comment_create(
        target=records["programme"], by=world.mentor_a, body="@editor-a lama"
    )
    Notification.objects.update(url="")
    client.force_login(world.editor_a)
    _url, anchor, page = _follow(client, Notification.objects.get())
    assert anchor == f"komentar-{thread.uuid}" and "lama" in page.text


def test_a_sign_off_tells_the_editors_and_opens_the_section(client, world, section_a):
    from masterplan.services import record_save

    section_a.body = "<p>Isi</p>"
    record_save(section_a, by=world.editor_a)
    services.section_approve(section=section_a, by=world.mentor_a)
    note = Notification.objects.get(user=world.editor_a, verb="signoff")
    client.force_login(world.editor_a)
    url, _anchor, page = _follow(client, note)
    assert url == reverse("reviews:section_review", args=[section_a.pk])
    assert page.status_code == 200


def test_a_finished_export_tells_who_asked_and_opens_the_exports(
    client, world, book_a, monkeypatch, settings, tmp_path, django_capture_on_commit_callbacks
):
    from exports.render import RenderResult
    from exports.services import export_request

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(
        "exports.render.render_book",
        lambda book, **kwargs: RenderResult(pdf=b"%PDF-1.7\n%%EOF", pages=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        export_request(book=book_a, by=world.editor_a)
    note = Notification.objects.get(user=world.editor_a, verb="export")
    client.force_login(world.editor_a)
    url, _anchor, page = _follow(client, note)
    assert url == reverse("exports:book_exports", args=[book_a.pk]) and page.status_code == 200


# Record kinds with no page of their own: their comments page is where they are discussed.
WITHOUT_OWN_PAGE = {"masterplan.agency"}


@pytest.mark.parametrize("label", KINDS)
def test_the_comments_page_leads_back_to_the_record(client, world, records, label):
    target = plan_record_kind(label).of_plan(world.plan_a).first()
    client.force_login(world.editor_a)
    page = client.get(reverse("reviews:comment_list", args=[label, target.uuid]))
    assert page.status_code == 200
    back = page.context.get("target_url")
    if label in WITHOUT_OWN_PAGE:
        assert not back, f"{label} has a page now: take it out of WITHOUT_OWN_PAGE"
        return
    assert back, f"{label}'s comments page does not lead back to the record"
    assert client.get(back.split("#")[0]).status_code == 200, (label, back)
