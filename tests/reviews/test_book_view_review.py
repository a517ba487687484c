"""The book view shows, per section, its open threads; mentors get "Komentari" and
"Setujui bagian" beside each section; the page costs the same queries with more threads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import SectionApproval

pytestmark = pytest.mark.django_db


def book_url(book) -> str:
    return reverse("book_detail", args=[book.plan_id, book.number])


def _section_html(page: str, section) -> str:
    return page.split(f'id="bagian-{section.pk}"')[1].split("</section>")[0]


def test_it_lists_the_open_threads_of_each_section(client, world, book_a, section_a):
    section_a.body = "<p>Latar belakang Kabupaten A dan dasar hukumnya.</p>"
    section_a.save()
    other = book_a.sections.exclude(pk=section_a.pk).first()
    services.comment_create(
        target=section_a, by=world.mentor_a, body="Tambahkan data BPS.", quote="dasar hukumnya"
    )
    services.comment_create(target=section_a, by=world.mentor_a, body="Perjelas tujuan.")
    done = services.comment_create(target=section_a, by=world.mentor_a, body="Sudah beres.")
    services.comment_resolve(comment=done, by=world.editor_a)
    client.force_login(world.viewer_a)
    page = client.get(book_url(book_a)).content.decode()
    mine = _section_html(page, section_a)
    assert "2 utas terbuka" in mine
    assert "Tambahkan data BPS." in mine and "Perjelas tujuan." in mine
    assert "Sudah beres." not in mine
    assert 'data-quote="dasar hukumnya"' in mine
    assert f'data-comment-text="{section_a.uuid}"' in mine
    assert "utas terbuka" not in _section_html(page, other)


def test_mentors_get_comment_and_sign_off_buttons(client, world, book_a, section_a):
    section_a.body = "<p>Latar belakang.</p>"
    section_a.save()
    empty = book_a.sections.exclude(pk=section_a.pk).filter(body="", records="").first()
    client.force_login(world.mentor_a)
    page = client.get(book_url(book_a)).content.decode()
    mine = _section_html(page, section_a)
    review_url = reverse("reviews:section_review", args=[section_a.pk])
    approve_url = reverse("reviews:section_approve", args=[section_a.pk])
    assert "Komentari" in mine and f'href="{review_url}#comments-{section_a.uuid}"' in mine
    assert "Setujui bagian" in mine and f'action="{approve_url}"' in mine
    assert "section-approve" not in _section_html(page, empty)  # nothing written yet

    response = client.post(approve_url, {"next": f"{book_url(book_a)}#bagian-{section_a.pk}"})
    assert response.status_code == 302
    assert response["Location"] == f"{book_url(book_a)}#bagian-{section_a.pk}"
    assert SectionApproval.objects.get(section=section_a).by == world.mentor_a
    mine = _section_html(client.get(book_url(book_a)).content.decode(), section_a)
    assert "Disetujui" in mine and "Setujui bagian" not in mine


@pytest.mark.parametrize("persona", ["editor_a", "coordinator_a", "viewer_a"])
def test_others_do_not_see_the_mentor_buttons(client, world, book_a, section_a, persona):
    section_a.body = "<p>Latar belakang.</p>"
    section_a.save()
    client.force_login(getattr(world, persona))
    page = client.get(book_url(book_a)).content.decode()
    assert "section-approve" not in page and "Setujui bagian" not in page
    assert "section-comment" not in page


def _count(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(80) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.smoke
def test_the_book_view_costs_the_same_queries_with_more_threads(
    client, world, book_a, django_assert_max_num_queries
):
    client.force_login(world.mentor_a)
    url = book_url(book_a)
    sections = list(book_a.sections.all())
    services.comment_create(target=sections[0], by=world.mentor_a, body="Awal")
    few = _count(client, url, django_assert_max_num_queries)
    for section in sections:
        thread = services.comment_create(
            target=section, by=world.mentor_a, body="Catatan", quote=section.title[:5]
        )
        services.comment_create(target=section, by=world.editor_a, body="Oke", parent=thread)
        services.comment_create(target=section, by=world.editor_a, body="Lagi")
    services.section_approve(section=sections[0], by=world.mentor_a)
    assert _count(client, url, django_assert_max_num_queries) == few


def test_only_people_who_may_comment_get_the_komentari_link_of_a_selection(
    client, world, book_a, section_a
):
    section_a.body = "<p>Latar belakang.</p>"
    section_a.save()
    review_url = reverse("reviews:section_review", args=[section_a.pk])
    client.force_login(world.viewer_a)
    page = client.get(book_url(book_a)).content.decode()
    assert f'data-comment-text="{section_a.uuid}"' in page
    assert f'data-comment-url="{review_url}"' not in page
    client.force_login(world.editor_a)
    page = client.get(book_url(book_a)).content.decode()
    assert f'data-comment-url="{review_url}"' in page
