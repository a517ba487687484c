"""@mentions: the autocomplete finds the region's people by name, the comment keeps who was
mentioned, they are notified with a link to the comment, and nothing typed is unescaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import Membership
from reviews import services
from reviews.models import Comment, Notification
from tests import factories

pytestmark = pytest.mark.django_db


def search_url(target) -> str:
    return reverse("reviews:mention_search", args=[target._meta.label_lower, target.uuid])


@pytest.fixture
def named(world):
    names = {
        world.editor_a: "Siti Nur Aisyah",
        world.coordinator_a: "Bambang Sutrisno",
        world.mentor_a: "Dewi Lestari",
        world.viewer_a: "Sitorus Pane",
        world.editor_b: "Siti Rahma",  # another region: never offered
    }
    for user, name in names.items():
        user.full_name = name
        user.save(update_fields=["full_name"])
    return names


def test_it_finds_people_of_the_region_by_display_name(client, world, section_a, named):
    client.force_login(world.mentor_a)
    response = client.get(search_url(section_a), {"q": "siti"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [person["name"] for person in results] == ["Siti Nur Aisyah"]
    assert results[0]["id"] == world.editor_a.pk
    assert "username" not in results[0]
    # The login name finds nobody; a mentor assigned to the region is one of its people.
    assert client.get(search_url(section_a), {"q": "editor-a"}).json()["results"] == []
    client.force_login(world.editor_a)
    names = [p["name"] for p in client.get(search_url(section_a), {"q": "dewi"}).json()["results"]]
    assert names == ["Dewi Lestari"]


def test_the_empty_query_lists_the_region_s_people_only(client, world, section_a, named):
    client.force_login(world.editor_a)
    names = {p["name"] for p in client.get(search_url(section_a)).json()["results"]}
    assert "Siti Nur Aisyah" in names and "Dewi Lestari" in names
    assert "Siti Rahma" not in names


def test_the_autocomplete_walks_the_permission_ladder(client, world, section_a, section_b):
    url = search_url(section_a)
    assert client.get(url).status_code == 302
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    client.force_login(world.viewer_a)
    assert client.get(url).status_code == 403
    client.force_login(world.editor_a)
    assert client.post(url).status_code == 405
    assert client.get(search_url(section_b)).status_code == 404


def test_it_issues_a_constant_number_of_queries(
    client, world, section_a, named, django_assert_max_num_queries
):
    client.force_login(world.editor_a)
    with django_assert_max_num_queries(12) as few:
        client.get(search_url(section_a), {"q": "a"})
    for n in range(12):
        extra = factories.UserFactory(username=f"extra-{n}", full_name=f"Anggota Tambahan {n}")
        factories.member(extra, world.region_a, Membership.Role.EDITOR)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(search_url(section_a), {"q": "a"})
    assert len(response.json()["results"]) == services.MENTION_SEARCH_LIMIT


def test_a_mention_is_stored_notified_and_highlighted_by_name(client, world, section_a, named):
    client.force_login(world.mentor_a)
    url = reverse("reviews:comment_list", args=["masterplan.section", section_a.uuid])
    body = (
        f"Mohon dicek @[Siti Nur Aisyah](user:{world.editor_a.pk}) dan "
        f"@[Siti Rahma](user:{world.editor_b.pk})."
    )
    assert client.post(url, {"body": body}).status_code == 302
    comment = Comment.objects.get()
    assert list(comment.mentions.all()) == [world.editor_a]  # the outsider is not mentioned
    assert f'<span class="mention" data-user="{world.editor_a.pk}">@Siti Nur Aisyah</span>' in (
        comment.body
    )
    assert "user:" not in comment.body and "@Siti Rahma" in comment.body
    assert not Notification.objects.filter(user=world.editor_b).exists()

    notification = Notification.objects.get(user=world.editor_a, verb="mention")
    assert notification.url.endswith(f"#komentar-{comment.uuid}")
    client.force_login(world.editor_a)
    opened = client.get(reverse("reviews:notification_open", args=[notification.pk]))
    assert opened.status_code == 302
    path, anchor = opened["Location"].split("#")
    assert anchor == f"komentar-{comment.uuid}"
    page = client.get(path).content.decode()
    assert f'id="komentar-{comment.uuid}"' in page
    assert 'class="mention"' in page and "@Siti Nur Aisyah" in page
    assert "editor-a" not in page.split(f'id="komentar-{comment.uuid}"')[1].split("</article>")[0]


def test_typed_markup_and_names_stay_escaped(client, world, section_a):
    world.editor_a.full_name = '<img src=x onerror="alert(1)">Siti'
    world.editor_a.save(update_fields=["full_name"])
    comment = services.comment_create(
        target=section_a,
        by=world.mentor_a,
        body=(
            '<span class="mention" data-user="1">@Palsu</span><script>alert(2)</script>'
            f"Halo @[x](user:{world.editor_a.pk}) <b onclick=x>tebal</b>"
        ),
    )
    assert '<span class="mention" data-user="1">' not in comment.body  # no forged mark
    assert "<script" not in comment.body and "onclick" not in comment.body
    client.force_login(world.editor_a)
    page = client.get(reverse("reviews:section_review", args=[section_a.pk])).content.decode()
    thread = page.split(f'id="komentar-{comment.uuid}"')[1].split("</article>")[0]
    assert "&lt;img src=x" in thread
    assert "<img" not in thread and "<script" not in thread
    assert list(comment.mentions.all()) == [world.editor_a]
    # The search answers JSON: the name is data, escaped by whoever renders it.
    results = client.get(search_url(section_a), {"q": "Siti"}).json()["results"]
    assert results[0]["name"].startswith("<img")


def test_a_typed_username_still_mentions(world, section_a):
    comment = services.comment_create(target=section_a, by=world.mentor_a, body="@editor-a cek")
    assert list(comment.mentions.all()) == [world.editor_a]


def test_names_with_brackets_are_escaped_in_the_token_and_cannot_forge_one(
    client, world, section_a
):
    world.editor_a.full_name = "Rudi [TIK]"
    world.editor_a.save(update_fields=["full_name"])
    client.force_login(world.mentor_a)
    url = reverse("reviews:comment_list", args=["masterplan.section", section_a.uuid])
    # as static/js/comments.js writes them: a backslash before \ [ ] ( ) of the name
    body = (
        rf"Dicek @[Rudi \[TIK\]](user:{world.editor_a.pk}); "
        rf"@[X\](user:{world.coordinator_a.pk}\) ](user:999999)"
    )
    assert client.post(url, {"body": body}).status_code == 302
    comment = Comment.objects.get()
    assert list(comment.mentions.all()) == [world.editor_a]
    assert f'data-user="{world.editor_a.pk}">@Rudi [TIK]</span>' in comment.body
    # the unknown id stays plain text, its name unescaped, and mentions nobody
    assert f"@X](user:{world.coordinator_a.pk}) " in comment.body
