from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import Book, Revision, Section, SectionPresence
from masterplan.services import record_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(world) -> Section:
    return world.plan_a.books.get(number=2).sections.get(key="pendahuluan")


@pytest.fixture
def eco_section(world) -> Section:
    return world.plan_a.books.get(number=2).sections.filter(dimension__code="ECO").first()


def edit_url(section: Section) -> str:
    return reverse("section_edit", args=[section.pk])


def post(client, section, body, *, version=None, title=None, htmx=False, **extra):
    data = {
        "title": section.title if title is None else title,
        "body": body,
        "version": version if version is not None else section.version,
        **extra,
    }
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(edit_url(section), data, headers=headers)


def test_writers_get_the_chapter_form(client, world, section):
    for writer in (world.editor_a, world.coordinator_a, world.admin):
        client.force_login(writer)
        response = client.get(edit_url(section))
        assert response.status_code == 200
        assert 'id="section-form"' in response.text


def test_a_dimension_limited_editor_edits_its_dimension_only(client, world, section, eco_section):
    client.force_login(world.economy_editor_a)
    assert client.get(edit_url(section)).status_code == 403
    assert post(client, section, "<p>bukan milik saya</p>").status_code == 403
    assert client.get(edit_url(eco_section)).status_code == 200
    response = post(client, eco_section, "<p>Ekonomi</p>")
    assert response.status_code == 302
    eco_section.refresh_from_db()
    assert eco_section.body == "<p>Ekonomi</p>"


def test_saving_sanitises_and_records_a_revision(client, world, section):
    client.force_login(world.editor_a)
    response = post(
        client, section, '<h1>Judul</h1><p onclick="x()">Isi <script>alert(1)</script></p>'
    )
    assert response.status_code == 302
    assert response.url == edit_url(section)
    section.refresh_from_db()
    assert section.body == "<h2>Judul</h2><p>Isi </p>"
    assert section.version == 2
    revision = Revision.objects.for_object(section).get()
    assert revision.actor == world.editor_a
    follow = client.get(edit_url(section))
    assert "alert-success" in follow.text


def test_save_and_back_goes_to_the_section_in_the_book(client, world, section):
    client.force_login(world.editor_a)
    response = post(client, section, "<p>Isi</p>", next="book")
    book = section.book
    assert response.url == reverse("book_detail", args=[book.plan_id, 2]) + f"#bagian-{section.pk}"


def test_a_draft_may_be_empty(client, world, section):
    section.body = "<p>Lama</p>"
    record_save(section, by=world.editor_a, based_on=1)
    client.force_login(world.editor_a)
    response = post(client, section, "<p></p>")
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == ""


def test_a_stale_save_is_refused_and_both_texts_survive(client, world, section):
    # Rina saves first, from version 1.
    section.body = "<p>Teks Rina</p>"
    record_save(section, by=world.coordinator_a, based_on=1)
    client.force_login(world.editor_a)
    response = post(client, section, "<p>Teks saya</p>", version=1)
    assert response.status_code == 409
    section.refresh_from_db()
    assert section.body == "<p>Teks Rina</p>"
    assert section.version == 2
    html = response.text
    assert 'data-conflict="theirs"' in html and "Teks Rina" in html
    assert 'data-conflict="mine"' in html and "Teks saya" in html
    # The form now carries the current version and the user's own text.
    form = response.context["form"]
    assert form.initial["version"] == 2
    assert "Teks saya" in form.initial["body"]
    # Saving again re-applies the user's text deliberately.
    response = post(client, section, form.initial["body"], version=2)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "<p>Teks saya</p>"
    bodies = [r.snapshot["body"] for r in Revision.objects.for_object(section)]
    assert bodies == ["<p>Teks saya</p>", "<p>Teks Rina</p>"]


def test_autosave_gets_the_status_partial_and_the_new_version(client, world, section):
    client.force_login(world.editor_a)
    response = post(client, section, "<p>Draf</p>", htmx=True, autosave="1")
    assert response.status_code == 200
    assert response["X-Section-Version"] == "2"
    assert 'id="save-status"' in response.text
    assert 'data-state="saved"' in response.text
    assert "<html" not in response.text
    assert Revision.objects.for_object(section).get().note == "autosave"


def test_a_stale_autosave_answers_409_and_changes_nothing(client, world, section):
    section.body = "<p>Teks Rina</p>"
    record_save(section, by=world.coordinator_a, based_on=1)
    client.force_login(world.editor_a)
    response = post(client, section, "<p>Draf saya</p>", version=1, htmx=True, autosave="1")
    assert response.status_code == 409
    assert 'data-state="conflict"' in response.text
    section.refresh_from_db()
    assert section.body == "<p>Teks Rina</p>"


def test_an_invalid_autosave_says_why(client, world, section):
    client.force_login(world.editor_a)
    response = post(client, section, "<p>x</p>", title="", htmx=True, autosave="1")
    assert response.status_code == 422
    assert 'data-state="invalid"' in response.text


def test_a_final_book_is_shown_read_only(client, world, section):
    Book.objects.filter(pk=section.book_id).update(status=Book.Status.FINAL)
    section.body = "<p>Final</p>"
    Section.objects.filter(pk=section.pk).update(body="<p>Final</p>")
    client.force_login(world.editor_a)
    response = client.get(edit_url(section))
    assert response.status_code == 200
    assert 'id="section-form"' not in response.text
    assert "<p>Final</p>" in response.text
    assert post(client, section, "<p>Ubah</p>").status_code == 200
    section.refresh_from_db()
    assert section.body == "<p>Final</p>"


def test_the_editor_page_uses_the_packaged_wysiwyg_editor(client, world, section):
    client.force_login(world.editor_a)
    response = client.get(edit_url(section))
    assert "django_prose_editor/editor.js" in response.text
    assert "data-django-prose-editor-configurable" in response.text
    assert "js/section-editor.js" in response.text
    assert "cdn" not in response.text.lower()


def test_presence_shows_who_else_has_the_section_open(client, world, section):
    world.coordinator_a.full_name = "Bu Rina"
    world.coordinator_a.save()
    client.force_login(world.coordinator_a)
    client.get(edit_url(section))
    client.force_login(world.editor_a)
    response = client.get(edit_url(section))
    assert "Bu Rina" in response.context["others"][0].display_name
    assert "Bu Rina" in response.text
    heartbeat = client.post(reverse("section_presence", args=[section.pk]))
    assert heartbeat.status_code == 200
    assert "Bu Rina" in heartbeat.text
    assert 'id="presence"' in heartbeat.text


def test_presence_expires_by_itself(client, world, section):
    from datetime import timedelta

    from django.utils import timezone

    SectionPresence.touch(section, world.coordinator_a)
    SectionPresence.objects.update(last_seen=timezone.now() - timedelta(seconds=61))
    assert SectionPresence.others_on(section, world.editor_a) == []
