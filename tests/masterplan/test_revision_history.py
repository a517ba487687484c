from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import Book, Revision
from masterplan.services import record_save
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(world):
    section = world.plan_a.books.get(number=2).sections.get(key="pendahuluan")
    section.body = "<p>Satu</p><p>Dua</p>"
    record_save(section, by=world.editor_a, based_on=1)
    section.body = "<p>Satu</p><p>Dua diubah</p><p>Tiga &lt;b&gt;</p>"
    section.title = "Pendahuluan baru"
    record_save(section, by=world.coordinator_a, based_on=2)
    return section


def history_url(obj) -> str:
    return reverse("record_history", args=[obj._meta.label_lower, obj.uuid])


def test_history_lists_who_when_and_what_changed(client, world, section):
    client.force_login(world.viewer_a)
    response = client.get(history_url(section))
    assert response.status_code == 200
    revisions = response.context["revisions"]
    assert [r.version for r in revisions] == [3, 2]
    assert revisions[0].actor == world.coordinator_a
    assert len(revisions[0].changed) == 2
    assert world.coordinator_a.display_name in response.text
    # Readers see no restore buttons.
    assert "revision_restore" not in response.text and "/pulihkan/" not in response.text


def test_history_ladder(client, world, section):
    url = history_url(section)
    assert client.get(url).status_code == 302
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    client.force_login(world.mentor_a)
    assert client.get(url).status_code == 200


def test_history_of_unknown_or_untracked_types_is_404(client, world, section):
    client.force_login(world.admin)
    assert (
        client.get(reverse("record_history", args=["nope.model", section.uuid])).status_code == 404
    )
    assert (
        client.get(reverse("record_history", args=["masterplan.region", section.uuid])).status_code
        == 404
    )


def test_htmx_gets_the_reusable_partial(client, world, section):
    client.force_login(world.editor_a)
    response = client.get(history_url(section), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="revision-list"' in response.text
    assert "<html" not in response.text


def test_history_works_for_a_programme_too(client, world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    record_save(programme, by=world.editor_a, based_on=programme.version)
    client.force_login(world.editor_a)
    response = client.get(history_url(programme))
    assert response.status_code == 200
    assert "ALDINO" in response.text


def test_compare_two_revisions_field_by_field_with_a_safe_text_diff(client, world, section):
    first, second = sorted(Revision.objects.for_object(section), key=lambda r: r.version)
    client.force_login(world.viewer_a)
    url = reverse("revision_compare", args=["masterplan.section", section.uuid])
    response = client.get(url, {"a": second.pk, "b": first.pk})
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["title"]["changed"] and rows["title"]["after"] == "Pendahuluan baru"
    diff = [(line.kind, line.text) for line in rows["body"]["diff"]]
    assert ("same", "Satu") in diff
    # one edited word is one inserted word, not a paragraph struck out
    assert ("changed", "Dua diubah") in diff
    changed = next(line for line in rows["body"]["diff"] if line.kind == "changed")
    assert changed.parts == (("same", "Dua"), ("added", " diubah"))
    assert "Dua<ins> diubah</ins>" in response.text
    assert ("added", "Tiga <b>") in diff
    # The diff is text, escaped on the way out.
    assert "Tiga &lt;b&gt;" in response.text
    assert "Tiga <b>" not in response.text


def test_compare_needs_two_revisions_of_this_record(client, world, section):
    client.force_login(world.viewer_a)
    url = reverse("revision_compare", args=["masterplan.section", section.uuid])
    assert client.get(url).status_code == 404
    assert client.get(url, {"a": 999999, "b": 999998}).status_code == 404


def test_restore_makes_a_new_revision(client, world, section):
    first = Revision.objects.for_object(section).get(version=2)
    client.force_login(world.editor_a)
    response = client.post(reverse("revision_restore", args=[first.pk]))
    assert response.status_code == 302
    assert response.url == history_url(section)
    section.refresh_from_db()
    assert section.body == "<p>Satu</p><p>Dua</p>"
    assert section.version == 4
    assert Revision.objects.for_object(section).count() == 3


def test_restore_ladder(client, world, section):
    first = Revision.objects.for_object(section).get(version=2)
    url = reverse("revision_restore", args=[first.pk])
    assert client.post(url).status_code == 302
    client.force_login(world.editor_b)
    assert client.post(url).status_code == 404
    for reader in (world.viewer_a, world.mentor_a, world.economy_editor_a):
        client.force_login(reader)
        assert client.post(url).status_code == 403
    Book.objects.filter(pk=section.book_id).update(status=Book.Status.FINAL)
    client.force_login(world.editor_a)
    assert client.post(url).status_code == 403
    section.refresh_from_db()
    assert section.version == 3


def test_autosaves_replaced_soon_after_are_folded(client, world):
    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    for index in range(3):
        section.body = f"<p>Draf {index}</p>"
        record_save(section, by=world.editor_a, based_on=section.version, note="autosave")
    section.body = "<p>Final</p>"
    record_save(section, by=world.editor_a, based_on=section.version)
    client.force_login(world.editor_a)
    response = client.get(history_url(section))
    assert [r.version for r in response.context["revisions"]] == [5]
    assert response.context["folded"] == 3
    response = client.get(history_url(section), {"all": "1"})
    assert [r.version for r in response.context["revisions"]] == [5, 4, 3, 2]


def test_history_links_readers_to_the_review_page_and_editors_to_the_editor(client, world, section):
    client.force_login(world.viewer_a)
    body = client.get(history_url(section)).text
    assert reverse("reviews:section_review", args=[section.pk]) in body
    assert reverse("section_edit", args=[section.pk]) not in body

    client.force_login(world.editor_a)
    assert reverse("section_edit", args=[section.pk]) in client.get(history_url(section)).text
