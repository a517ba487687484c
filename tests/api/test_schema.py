"""The OpenAPI schema validates without warnings, and its documentation is served locally."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "/api/v1/programmes/{id}/" in text
    assert "If-Match" in text


def test_schema_and_docs_are_served_without_a_cdn():
    client = client_for(None)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Kota Cerdas Studio API"
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "unpkg" not in html and "jsdelivr" not in html
