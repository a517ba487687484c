"""Comments: the permission ladder, threads, resolve/reopen, anchors, outdated, audit, htmx."""

from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import AuditEvent
from reviews import services
from reviews.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db


def comments_url(target) -> str:
    return reverse("reviews:comment_list", args=[target._meta.label_lower, target.uuid])


def test_it_walks_the_permission_ladder_for_writing_a_comment(client, world, section_a):
    url = comments_url(section_a)
    response = client.post(url, {"body": "Anonim"})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(world.editor_b)
    assert client.post(url, {"body": "Orang luar"}).status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(world.viewer_a)
    assert client.post(url, {"body": "Pembaca"}).status_code == 403
    assert client.get(url).status_code == 200
    client.force_login(world.mentor_a)
    response = client.post(url, {"body": "Latar belakang perlu data BPS."})
    assert response.status_code == 302
    assert not Comment.objects.exclude(author=world.mentor_a).exists()
    comment = Comment.objects.get()
    assert (comment.region, comment.book, comment.target_version) == (
        world.region_a,
        section_a.book,
        section_a.version,
    )


def test_a_mentor_comments_without_edit_rights_and_gets_403_on_content(
    client, world, section_a, section_b
):
    client.force_login(world.mentor_a)
    edit = reverse("section_edit", args=[section_a.pk])
    assert client.post(edit, {"title": "x", "body": "<p>x</p>", "version": 1}).status_code == 403
    assert client.post(comments_url(section_a), {"body": "Catatan"}).status_code == 302
    assert client.post(comments_url(section_b), {"body": "Catatan"}).status_code == 404
    section_a.refresh_from_db()
    assert section_a.body == ""


def test_the_body_is_sanitised(world, section_a):
    comment = services.comment_create(
        target=section_a, by=world.mentor_a, body='<p onclick="x()">Hai<script>1</script></p>'
    )
    assert comment.body == "<p>Hai</p>"
    plain = services.comment_create(target=section_a, by=world.mentor_a, body="a < b\n\nbaris")
    # the "<" of a plain-text comment stays text, escaped
    assert "a &lt; b" in plain.body and "baris" in plain.body


def test_an_editor_replies_and_resolves_a_viewer_only_reads(client, world, section_a):
    thread = services.comment_create(target=section_a, by=world.mentor_a, body="Tambah data")
    client.force_login(world.viewer_a)
    reply = reverse("reviews:comment_reply", args=[thread.uuid])
    resolve = reverse("reviews:comment_resolve", args=[thread.uuid])
    assert client.post(reply, {"body": "Saya juga"}).status_code == 403
    assert client.post(resolve).status_code == 403
    client.force_login(world.editor_b)
    assert client.post(resolve).status_code == 404
    client.force_login(world.editor_a)
    assert client.post(reply, {"body": "Sudah ditambah"}).status_code == 302
    assert client.post(resolve).status_code == 302
    thread.refresh_from_db()
    assert thread.resolved_by == world.editor_a and thread.resolved_at is not None
    assert thread.replies.get().author == world.editor_a
    # A reply to a reply stays in the same thread (one level).
    client.post(reverse("reviews:comment_reply", args=[thread.replies.get().uuid]), {"body": "+1"})
    assert thread.replies.count() == 2
    client.post(reverse("reviews:comment_reopen", args=[thread.uuid]))
    thread.refresh_from_db()
    assert thread.resolved_at is None
    actions = list(AuditEvent.objects.filter(action__startswith="comment.").values_list("action"))
    assert [a for (a,) in actions].count("comment.reply") == 2
    assert {"comment.create", "comment.resolve", "comment.reopen"} <= {a for (a,) in actions}


def test_htmx_gets_the_panel_and_the_open_filter_hides_resolved(client, world, section_a):
    done = services.comment_create(target=section_a, by=world.mentor_a, body="Selesai ini")
    services.comment_resolve(comment=done, by=world.editor_a)
    services.comment_create(target=section_a, by=world.mentor_a, body="Masih terbuka")
    client.force_login(world.editor_a)
    response = client.post(comments_url(section_a), {"body": "Baru"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div class="comments-panel')
    assert "Baru" in response.text
    response = client.get(comments_url(section_a) + "?open=1", HTTP_HX_REQUEST="true")
    assert "Masih terbuka" in response.text and "Selesai ini" not in response.text


def test_a_comment_is_outdated_when_its_quote_leaves_the_text(world, section_a):
    section_a.body = "<p>Jumlah penduduk 900 ribu jiwa.</p>"
    section_a.save()
    quoted = services.comment_create(
        target=section_a, by=world.mentor_a, body="Sumber?", quote="900 ribu jiwa"
    )
    unquoted = services.comment_create(target=section_a, by=world.mentor_a, body="Umum")
    assert not quoted.is_outdated(section_a) and not unquoted.is_outdated(section_a)
    section_a.body = "<p>Jumlah penduduk 900 ribu jiwa (BPS 2023).</p>"
    section_a.save()
    assert not quoted.is_outdated(section_a)
    assert unquoted.is_outdated(section_a)  # the version moved on
    section_a.body = "<p>Jumlah penduduk 950 ribu jiwa.</p>"
    section_a.save()
    assert quoted.is_outdated(section_a)


def test_anchors_survive_reordering_programmes(client, world):
    first = factories.programme(world.plan_a, name="ALDINO", order=1)
    second = factories.programme(world.plan_a, name="KUDU SEKOLAH", order=2)
    services.comment_create(target=second, by=world.mentor_a, body="Indikator kurang")
    first.order, second.order = 2, 1
    first.save()
    second.save()
    client.force_login(world.editor_a)
    assert "Indikator kurang" in client.get(comments_url(second)).text
    assert "Indikator kurang" not in client.get(comments_url(first)).text


def test_a_mentor_finds_the_comment_box_on_a_programme_page(client, world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    url = reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk])
    client.force_login(world.mentor_a)
    response = client.get(url)
    assert response.status_code == 200
    assert comments_url(programme) in response.text
