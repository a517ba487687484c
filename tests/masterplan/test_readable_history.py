"""History people can read: no internal fields, labels instead of raw values, words
compared inline, and the dashboard's recent changes as sentences with links."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from masterplan.lib.textdiff import word_diff
from masterplan.models import Revision
from masterplan.services import record_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(world):
    return world.plan_a.books.get(number=1).sections.get(key="pendahuluan")


def test_compare_shows_what_people_wrote_with_labels(client, world, section):
    section.body = "<p>Kabupaten ini berkomitmen pada layanan digital.</p>"
    record_save(section, by=world.editor_a)
    section.required = False
    section.body = "<p>Kabupaten ini sangat berkomitmen pada layanan publik digital.</p>"
    record_save(section, by=world.editor_a, based_on=section.version)
    older, newer = sorted(Revision.objects.for_object(section), key=lambda r: r.version)
    client.force_login(world.viewer_a)
    url = reverse("revision_compare", args=["masterplan.section", section.uuid])
    response = client.get(url, {"a": older.pk, "b": newer.pk})
    rows = {row["name"]: row for row in response.context["rows"]}
    assert not {"key", "order", "template", "parent", "book", "uuid", "version"} & set(rows)
    assert (rows["required"]["before"], rows["required"]["after"]) == ("Ya", "Tidak")
    assert "True" not in response.text and "False" not in response.text
    inserted = re.findall(r"<ins>(.*?)</ins>", response.text)
    assert [words.strip() for words in inserted] == ["sangat", "publik"]
    assert "<del>" not in response.text  # nothing was taken out


def test_history_lists_only_fields_people_edit(client, world, section):
    section.body = "<p>Satu</p>"
    record_save(section, by=world.editor_a)
    section.order = 9
    section.body = "<p>Dua</p>"
    record_save(section, by=world.editor_a, based_on=section.version)
    client.force_login(world.editor_a)
    page = client.get(reverse("record_history", args=["masterplan.section", section.uuid]))
    revisions = page.context["revisions"]
    assert all(
        "urutan" not in labels and "order" not in labels
        for labels in [" ".join(r.changed) for r in revisions]
    )


def test_word_diff_marks_words_and_keeps_unrelated_blocks_whole():
    lines = word_diff(
        "<p>Satu dua tiga.</p><p>Paragraf lama sekali.</p>",
        "<p>Satu empat tiga.</p><p>Isi yang sama sekali berbeda dan baru.</p>",
    )
    assert lines[0].kind == "changed"
    assert lines[0].parts == (
        ("same", "Satu "),
        ("removed", "dua"),
        ("added", "empat"),
        ("same", " tiga."),
    )
    assert [line.kind for line in lines[1:]] == ["removed", "added"]


def test_recent_changes_read_as_sentences_with_links_and_names(client, world, section):
    world.editor_a.full_name = "Siti Nur Aisyah"
    world.editor_a.save(update_fields=["full_name"])
    section.body = "<p>Isi</p>"
    record_save(section, by=world.editor_a)
    client.force_login(world.coordinator_a)
    page = client.get(reverse("home")).text
    history = reverse("record_history", args=["masterplan.section", section.uuid])
    assert "<strong>Siti Nur Aisyah</strong> mengubah" in page
    assert f'<a href="{history}">{section}</a>' in page
    assert "section.update" not in page and world.editor_a.username not in page
