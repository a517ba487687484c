"""The chapter editor in Indonesian: every label our relabelling script asks for is in the
JavaScript catalogue, which the page loads before the editor; the page shows the book's
outline with the previous and next section."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "editor-i18n.js"
# What django-prose-editor itself passes through window.gettext (its dialogs).
LIBRARY_MSGIDS = ["Table Properties", "Rows", "Columns", "Include header row", "Insert Table"]
SAME_IN_BOTH = {"URL"}


def catalogue(client, language: str) -> dict:
    response = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    body = response.content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))


def test_it_translates_every_label_of_the_editor(client):
    msgids = re.findall(r'gettext\("([^"]+)"\)', SCRIPT.read_text())
    assert len(msgids) > 25

    indonesian = catalogue(client, "id")

    missing = [m for m in msgids + LIBRARY_MSGIDS if m not in indonesian]
    assert not missing
    untranslated = [m for m in msgids if indonesian[m] == m and m not in SAME_IN_BOTH]
    assert not untranslated
    assert indonesian["Merge cells"] == "Gabungkan sel"
    assert indonesian["Heading %s"] == "Judul %s"


def test_the_editor_loads_the_catalogue_before_its_modules(client, world):
    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    client.force_login(world.editor_a)

    html = client.get(reverse("section_edit", args=[section.pk])).content.decode()

    catalogue_at = html.index(f'src="{reverse("javascript-catalog")}"')
    relabel_at = html.index("js/editor-i18n.js")
    editor_at = html.index('type="module"')
    assert catalogue_at < relabel_at < editor_at


def test_the_editor_shows_the_outline_with_previous_and_next(client, world):
    book = world.plan_a.books.get(number=1)
    nodes = [node for root in book.outline() for node in root.walk()]
    first, second, third = (node.section for node in nodes[:3])
    client.force_login(world.editor_a)

    html = client.get(reverse("section_edit", args=[second.pk])).content.decode()

    for node in nodes:
        assert reverse("section_edit", args=[node.section.pk]) in html or node.section == second
    assert f'rel="prev" href="{reverse("section_edit", args=[first.pk])}"' in html
    assert f'rel="next" href="{reverse("section_edit", args=[third.pk])}"' in html
    first_page = client.get(reverse("section_edit", args=[first.pk])).content.decode()
    assert 'rel="prev"' not in first_page
