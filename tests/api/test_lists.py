"""Lists: bounded pages, whitelisted filters and ordering, search; and how the API answers
strangers and unknown addresses."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.conftest import client_for, url

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def programmes(world, records):
    plan = world.plan_a
    agency = factories.AgencyFactory(region=plan.region)
    made = [
        factories.programme(plan, factories.element("ECO", "TRX"), name="QRIS Pasar", order=2),
        factories.programme(
            plan, factories.element("SOC", "LEA"), name="KUDU SEKOLAH", lead_agency=agency
        ),
    ]
    made[1].is_flagship = True
    made[1].save()
    return {"aldino": records["A"]["programme"], "qris": made[0], "kudu": made[1], "dinas": agency}


def _names(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [item["name"] for item in response.data["results"]]


def test_programmes_filter_on_whitelisted_fields(world, programmes):
    client = client_for(world.viewer_a)
    assert _names(client.get(url("programmes"), {"dimension": "eco"})) == ["QRIS Pasar"]
    assert _names(client.get(url("programmes"), {"dimension": "SOC", "element": "LEA"})) == [
        "KUDU SEKOLAH"
    ]
    assert _names(client.get(url("programmes"), {"is_flagship": "true"})) == [
        "ALDINO",
        "KUDU SEKOLAH",
    ]
    assert _names(client.get(url("programmes"), {"is_quick_win": "true"})) == ["ALDINO"]
    assert _names(client.get(url("programmes"), {"lead_agency": programmes["dinas"].pk})) == [
        "KUDU SEKOLAH"
    ]
    assert _names(client.get(url("programmes"), {"plan": world.plan_a.pk, "search": "qris"})) == [
        "QRIS Pasar"
    ]


def test_a_filter_on_another_regions_plan_finds_nothing(world, records):
    response = client_for(world.viewer_a).get(url("programmes"), {"plan": world.plan_b.pk})
    assert response.status_code == 200
    assert response.data["count"] == 0


def test_ordering_uses_whitelisted_fields_only(world, programmes):
    client = client_for(world.viewer_a)
    assert _names(client.get(url("programmes"), {"ordering": "-name"})) == [
        "QRIS Pasar",
        "KUDU SEKOLAH",
        "ALDINO",
    ]
    # a field that is not whitelisted (here through a relation) is ignored
    default = _names(client.get(url("programmes")))
    assert _names(client.get(url("programmes"), {"ordering": "plan__region__name"})) == default


def test_pages_are_bounded(world):
    factories.make_plan(factories.RegionFactory(slug="kota-c"), world.plan_a.cohort)
    client = client_for(world.admin)
    default = client.get(url("sections"))
    assert (default.data["count"], len(default.data["results"])) == (273, 50)
    assert len(client.get(url("sections"), {"page_size": 10_000}).data["results"]) == 200
    assert client.get(url("sections"), {"page": 999}).status_code == 404


def test_malformed_filters_are_400_not_500(world, records):
    client = client_for(world.editor_a)
    assert client.get(url("programmes"), {"plan": "abc"}).status_code == 400
    assert client.get(url("programmes"), {"plan": str(2**70)}).status_code == 400
    assert client.get(url("activities"), {"year": "-3"}).status_code == 400
    bad_search = client.get(url("programmes"), {"search": "a\x00b"})
    assert bad_search.status_code == 400
    assert "search" in bad_search.json()


def test_anonymous_gets_401_with_a_token_challenge(records):
    response = client_for(None).get(url("programmes"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_token_and_session_both_authenticate(world, records):
    assert client_for(world.editor_a, token=True).get(url("plans")).status_code == 200
    session = client_for(None)
    session.login(username="editor-a", password=factories.DEMO_PASSWORD)
    assert session.get(url("plans")).data["count"] == 1


def test_unknown_api_addresses_answer_in_json(world):
    client = client_for(world.editor_a)
    for path in ("/api/v1/nothing-here/", "/api/v1/programmes/-1/", "/api/v1/programmes/x/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
