"""A body the API cannot read (not JSON, nested too deeply, too large) is a 400 in JSON
with a code, on every endpoint; never a RecursionError and Django's HTML 500."""

from __future__ import annotations

import json

import pytest
from django.utils.translation import gettext, override
from rest_framework.parsers import JSONParser

from api.parsers import BoundedJSONParser
from api.urls import router
from dimensions.models import SwotItem
from masterplan.lib.untrusted import JSON_MAX_DEPTH
from tests.api.conftest import client_for, create_payload, if_match, url

pytestmark = pytest.mark.django_db


def nested(kind: str, depth: int) -> str:
    if kind == "array":
        return "[" * depth + "1" + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def post_raw(client, path: str, body: str, method: str = "post", **extra):
    return getattr(client, method)(path, data=body, content_type="application/json", **extra)


def assert_refused(response, code: str) -> None:
    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code
    assert response.json()["detail"]


@pytest.mark.parametrize("kind", ["array", "object"])
@pytest.mark.parametrize("depth", [5_000, 100, JSON_MAX_DEPTH + 1])
def test_a_deeply_nested_swot_item_is_a_400(world, records, kind, depth):
    payload = create_payload("swot-item", records["A"])
    body = json.dumps(payload)[:-1] + f', "text": {nested(kind, depth)}}}'
    before = SwotItem.objects.count()

    response = post_raw(client_for(world.editor_a), url("swot-items"), body)

    assert_refused(response, "too_deep")
    with override("id"):
        expected = gettext("The JSON is nested more than %(depth)s levels deep.") % {
            "depth": JSON_MAX_DEPTH
        }
    assert response.json()["detail"] == expected == "JSON bersarang lebih dari 64 tingkat."
    assert SwotItem.objects.count() == before


def test_nesting_up_to_the_limit_is_read(world, records):
    payload = create_payload("swot-item", records["A"])
    # the body itself is one level: the value may go down to the limit
    body = json.dumps(payload)[:-1] + f', "extra": {nested("array", JSON_MAX_DEPTH - 1)}}}'
    response = post_raw(client_for(world.editor_a), url("swot-items"), body)
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    "body", ["{", '{"text": "x",}', '{"text": NaN}', "\udcff".encode("utf-8", "surrogatepass")]
)
def test_a_body_that_is_not_json_is_a_400(world, body):
    response = post_raw(client_for(world.editor_a), url("swot-items"), body)
    assert_refused(response, "parse_error")


def test_a_body_over_the_upload_limit_is_a_400(world, records, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    payload = create_payload("swot-item", records["A"]) | {"text": "x" * 2_000}
    response = post_raw(client_for(world.editor_a), url("swot-items"), json.dumps(payload))
    assert_refused(response, "too_large")


def test_a_normal_body_still_works(world, records):
    payload = create_payload("swot-item", records["A"])
    response = client_for(world.editor_a).post(url("swot-items"), payload, format="json")
    assert response.status_code == 201
    assert SwotItem.objects.filter(pk=response.json()["id"], text="Batik").exists()


@pytest.mark.parametrize("prefix", [prefix for prefix, _, _ in router.registry])
def test_every_endpoint_refuses_a_deep_body_in_json(world, records, prefix):
    client = client_for(world.admin)
    body = nested("array", 5_000)
    response = post_raw(client, url(prefix), body)
    assert response.status_code in (400, 405), response.status_code
    assert response["Content-Type"] == "application/json"
    if response.status_code == 400:
        assert response.json()["code"] == "too_deep"

    basename = next(name for p, _, name in router.registry if p == prefix)
    record = records["A"].get(basename)
    if record is None or not hasattr(record, "pk"):
        return
    extra = if_match(record) if hasattr(record, "version") else {}
    response = post_raw(client, url(prefix, record.pk), body, method="patch", **extra)
    assert response.status_code in (400, 405), response.status_code
    assert response["Content-Type"] == "application/json"
    if response.status_code == 400:
        assert response.json()["code"] == "too_deep"


def test_every_viewset_reads_json_through_the_bounded_parser():
    from rest_framework.settings import api_settings

    for prefix, viewset, _basename in router.registry:
        parsers = viewset.parser_classes or api_settings.DEFAULT_PARSER_CLASSES
        for parser in parsers:
            if issubclass(parser, JSONParser) or parser.media_type == "application/json":
                assert issubclass(parser, BoundedJSONParser), (prefix, parser)
