"""The programme list serves each programme's JSON from the cache of its plan's content
version (api/row_cache.py): the same JSON, and any write shows at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masterplan import services
from programs.models import BudgetLine, Programme
from tests import factories
from tests.api.conftest import build_records, client_for, if_match, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def _shown(client, programme) -> dict:
    response = client.get(url("programmes"), {"page_size": 200})
    assert response.status_code == 200
    return next(item for item in response.data["results"] if item["id"] == programme.pk)


def test_it_serves_the_same_json_from_the_cache_with_fewer_queries(world):
    records = build_records(world.plan_a)
    client = client_for(world.editor_a, token=True)
    with CaptureQueriesContext(connection) as cold_queries:
        cold = client.get(url("programmes")).json()
    with CaptureQueriesContext(connection) as warm_queries:
        warm = client.get(url("programmes")).json()
    assert warm == cold
    assert records["programme"].pk in {item["id"] for item in warm["results"]}
    assert len(warm_queries) < len(cold_queries)


def test_it_shows_a_change_to_a_part_at_once(world):
    records = build_records(world.plan_a)
    programme, line = records["programme"], records["budget-line"]
    client = client_for(world.editor_a, token=True)
    assert _shown(client, programme)["budget_lines"][0]["amount"] == 1
    line.amount = 5_000_000
    services.record_save(line, by=world.editor_a, based_on=line.version)
    assert _shown(client, programme)["budget_lines"][0]["amount"] == 5_000_000
    response = client.patch(
        url("budget-lines", line.pk), {"amount": 7_000_000}, format="json", **if_match(line)
    )
    assert response.status_code == 200, response.data
    assert _shown(client, programme)["budget_lines"][0]["amount"] == 7_000_000
    BudgetLine.objects.filter(pk=line.pk).delete()
    assert _shown(client, programme)["budget_lines"] == []


def test_it_shows_a_deleted_author_as_none(world):
    records = build_records(world.plan_a)
    programme = records["programme"]
    author = factories.UserFactory(username="soon-gone")
    Programme.objects.filter(pk=programme.pk).update(updated_by=author)
    cache.clear()  # the update above is not a write the portal makes
    client = client_for(world.editor_a, token=True)
    assert _shown(client, programme)["updated_by"] == author.pk
    author.delete()
    assert _shown(client, programme)["updated_by"] is None


def test_it_lists_only_what_the_caller_may_see(world):
    records = build_records(world.plan_a)
    client_for(world.editor_a, token=True).get(url("programmes"))  # cached
    response = client_for(world.editor_b, token=True).get(url("programmes"))
    assert records["programme"].pk not in {item["id"] for item in response.data["results"]}
