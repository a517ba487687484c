"""With DEBUG off, 403/404/500 are our pages in Indonesian; API paths answer in JSON."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from masterplan import urls as project_urls


def _boom(request):
    raise RuntimeError("database on fire")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("coba/rusak/", _boom),
    path("api/coba/rusak/", _boom),
    path("coba/terlarang/", _forbidden),
    path("api/coba/terlarang/", _forbidden),
    *project_urls.urlpatterns,
]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def test_it_shows_our_404_with_the_menu_and_a_way_home(client, world):
    client.force_login(world.editor_a)
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
    assert f'href="{reverse("home")}"' in response.text and "Kembali ke beranda" in response.text
    assert "navbar" in response.text  # the menu of base.html
    assert "Not Found" not in response.text


def test_an_outsider_gets_our_404_on_another_regions_plan(client, world):
    client.force_login(world.editor_b)
    response = client.get(reverse("plan_detail", args=[world.plan_a.pk]))
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.text


def test_it_shows_our_403_in_indonesian(client, world):
    client.force_login(world.viewer_a)
    response = client.get("/coba/terlarang/")
    assert response.status_code == 403
    assert "Anda tidak boleh membuka halaman ini" in response.text
    assert "Kembali ke beranda" in response.text and "navbar" in response.text
    assert "403 Forbidden" not in response.text


def test_the_500_page_needs_neither_the_request_context_nor_the_database(client, world):
    client.raise_request_exception = False
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/coba/rusak/")
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in response.text and 'href="/"' in response.text
    assert "Server Error (500)" not in response.text
    assert not [q for q in queries.captured_queries if "reviews_notification" in q["sql"]]


def test_api_paths_keep_their_json_errors(client, world):
    client.raise_request_exception = False
    client.force_login(world.editor_a)
    missing = client.get("/api/tidak-ada/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert "detail" in missing.json()
    forbidden = client.get("/api/coba/terlarang/")
    assert forbidden.status_code == 403 and "detail" in forbidden.json()
    broken = client.get("/api/coba/rusak/")
    assert broken.status_code == 500 and "detail" in broken.json()
