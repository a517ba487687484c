"""The add form opened on a page of its own posts normally and shows its errors; inside
its board it stays an htmx form aimed at a board that is on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programs.models import Indicator
from tests import factories

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@pytest.fixture
def programme(world):
    return factories.programme(world.plan_a)


@pytest.fixture
def add_url(world, programme):
    return reverse("programs:record_create", args=[world.plan_a.pk, programme.pk, "indikator"])


def _form_tag(html: str) -> str:
    start = html.index('<form id="board-indikator')
    return html[start : html.index(">", start)]


def test_it_posts_normally_when_opened_in_a_tab_of_its_own(client, world, programme, add_url):
    client.force_login(world.coordinator_a)
    page = client.get(add_url)
    assert page.status_code == 200 and "<html" in page.text
    assert "hx-post" not in _form_tag(page.text) and "hx-target" not in _form_tag(page.text)
    refused = client.post(add_url, {"name": "Aplikasi", "unit": "unit", "baseline_year": 1999})
    assert refused.status_code == 200 and "<html" in refused.text
    assert "Isikan tahun antara 2000 dan 2100." in refused.text
    assert "hx-post" not in _form_tag(refused.text)
    assert not Indicator.objects.filter(programme=programme).exists()
    saved = client.post(add_url, {"name": "Aplikasi", "unit": "unit", "baseline_year": 2024})
    detail = reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk])
    assert saved.status_code == 302 and saved["Location"].startswith(detail)
    assert Indicator.objects.filter(programme=programme).count() == 1
    assert "Aplikasi" in client.get(saved["Location"]).text


def test_inside_its_board_it_stays_an_htmx_form(client, world, programme, add_url):
    client.force_login(world.coordinator_a)
    detail = reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk])
    board = f"board-indikator-{programme.pk}"
    assert f'id="{board}"' in client.get(detail).text
    form = client.get(add_url, headers=HX)
    assert "<html" not in form.text and 'hx-post="' in _form_tag(form.text)
    refused = client.post(
        add_url, {"name": "Aplikasi", "unit": "unit", "baseline_year": 1999}, headers=HX
    )
    assert refused.status_code == 200 and 'hx-target="this"' in _form_tag(refused.text)
    assert "Isikan tahun antara 2000 dan 2100." in refused.text
    saved = client.post(
        add_url, {"name": "Aplikasi", "unit": "unit", "baseline_year": 2024}, headers=HX
    )
    assert saved.status_code == 200 and saved["HX-Retarget"] == f"#{board}"
    assert Indicator.objects.filter(programme=programme).count() == 1
