"""Every API route × persona × list/retrieve/create/update/delete × region A/B.

The routes come from the router; a route without a row in ROUTES fails the meta-test, so a
new endpoint cannot ship without saying who may do what with it.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from masterplan.api.urls import router
from tests.api.conftest import UPDATE_PAYLOADS, client_for, create_payload, if_match, url

pytestmark = pytest.mark.django_db

ACTIONS = ("list", "retrieve", "create", "update", "delete")
PERSONAS = (
    "anonymous",
    "admin",
    "coordinator_a",
    "editor_a",
    "economy_editor_a",
    "viewer_a",
    "mentor_a",
    "editor_b",
    "outsider",
)
# list answers 200 either way: LISTED when the region's record is in it, HIDDEN when not
LISTED, HIDDEN = "listed", "hidden"


def row(*statuses):
    return dict(zip(ACTIONS, statuses, strict=True))


ANONYMOUS = row(401, 401, 401, 401, 401)
OUTSIDE = row(HIDDEN, 404, 400, 404, 404)  # another region's record: not found
FULL = row(LISTED, 200, 201, 200, 204)
READ = row(LISTED, 200, 403, 403, 403)


def matrix(a: dict[str, dict], b: dict[str, dict]) -> dict[str, dict[str, dict]]:
    return {
        persona: {"A": a.get(persona, OUTSIDE), "B": b.get(persona, OUTSIDE)}
        for persona in PERSONAS
    }


# Plan records: full editors and coordinators of the region write; a dimension-limited
# editor only in their dimension (these records are GOV or dimensionless, so no);
# viewers and mentors read.
RECORD = matrix(
    a={
        "anonymous": ANONYMOUS,
        "admin": FULL,
        "coordinator_a": FULL,
        "editor_a": FULL,
        "economy_editor_a": READ,
        "viewer_a": READ,
        "mentor_a": READ,
    },
    b={"anonymous": ANONYMOUS, "admin": FULL, "editor_b": FULL},
)

# Agencies: the region's coordinators (and admins) manage them.
MANAGE = matrix(
    a={
        "anonymous": ANONYMOUS,
        "admin": FULL,
        "coordinator_a": FULL,
        "editor_a": READ,
        "economy_editor_a": READ,
        "viewer_a": READ,
        "mentor_a": READ,
    },
    b={"anonymous": ANONYMOUS, "admin": FULL, "editor_b": READ},
)


def no_writes(policy: dict[str, dict[str, dict]], *, allow_update: bool = False):
    """The same reading rights; adding and removing (and changing) are not offered."""
    result = {}
    for persona, regions in policy.items():
        result[persona] = {}
        for region, statuses in regions.items():
            changed = dict(statuses)
            if persona != "anonymous":
                for action in (
                    ("create", "delete") if allow_update else ("create", "update", "delete")
                ):
                    changed[action] = 405
            result[persona][region] = changed
    return result


UPDATE_ONLY = no_writes(RECORD, allow_update=True)  # plans, sections
READ_ONLY = no_writes(RECORD)  # regions, books
# Reference data: one framework for everybody, so region A and B are the same record
REFERENCE = {
    persona: {
        region: ANONYMOUS if persona == "anonymous" else row(LISTED, 200, 405, 405, 405)
        for region in "AB"
    }
    for persona in PERSONAS
}

ROUTES = {
    "cohort": REFERENCE,
    "framework": REFERENCE,
    "funding-source": REFERENCE,
    "horizon": REFERENCE,
    "indicator-type": REFERENCE,
    "innovation-type": REFERENCE,
    "region": READ_ONLY,
    "book": READ_ONLY,
    "plan": UPDATE_ONLY,
    "section": UPDATE_ONLY,
    "agency": MANAGE,
    "institution": RECORD,
    "institution-member": RECORD,
    "region-profile": RECORD,
    "readiness": RECORD,
    "gap": RECORD,
    "swot-item": RECORD,
    "strategic-issue": RECORD,
    "existing-innovation": RECORD,
    "goal": RECORD,
    "strategy": RECORD,
    "programme": RECORD,
    "indicator": RECORD,
    "indicator-target": RECORD,
    "budget-line": RECORD,
    "partner": RECORD,
    "risk": RECORD,
    "before-after": RECORD,
    "activity": RECORD,
    "roadmap-entry": RECORD,
}
PREFIXES = {basename: prefix for prefix, _viewset, basename in router.registry}


def _api_route_names() -> set[str]:
    """Every named route under /api/v1/ in the project's URLconf."""
    names: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
                names.add(pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_api_route_has_a_row_in_the_matrix():
    routed = {name.rsplit("-", 1)[0] for name in _api_route_names()}
    assert routed == set(PREFIXES), "the URLconf and the router disagree"
    assert set(ROUTES) == routed, (
        f"missing: {sorted(routed - set(ROUTES))}, stale: {sorted(set(ROUTES) - routed)}"
    )


def test_the_viewsets_offer_exactly_the_methods_the_matrix_expects():
    for prefix, viewset, basename in router.registry:
        admin = ROUTES[basename]["admin"]["A"]
        offered = set(viewset.http_method_names)
        assert ("post" in offered) == (admin["create"] != 405), prefix
        assert ("patch" in offered) == (admin["update"] != 405), prefix
        assert ("delete" in offered) == (admin["delete"] != 405), prefix


def _prepare_create(basename: str, records: dict) -> None:
    # a plan has one profile: make room for the new one
    if basename == "region-profile":
        profile = records["region-profile"]
        type(profile).objects.filter(pk=profile.pk).delete()


def _call(client, basename: str, action: str, records: dict):
    prefix = PREFIXES[basename]
    record = records[basename]
    if action == "list":
        return client.get(url(prefix), {"page_size": 200})
    if action == "retrieve":
        return client.get(url(prefix, record.pk))
    if action == "create":
        _prepare_create(basename, records)
        payload = create_payload(basename, records)
        return client.post(url(prefix), payload, format="json")
    headers = if_match(record) if hasattr(record, "version") else {}
    if action == "update":
        payload = UPDATE_PAYLOADS.get(basename, {})
        return client.patch(url(prefix, record.pk), payload, format="json", **headers)
    return client.delete(url(prefix, record.pk), **headers)


def _outcome(response, basename: str, record) -> int | str:
    if response.status_code != 200 or "results" not in response.data:
        return response.status_code
    ids = {item["id"] for item in response.data["results"]}
    return LISTED if record.pk in ids else HIDDEN


@pytest.mark.parametrize("basename", sorted(ROUTES))
def test_permission_matrix(world, records, basename):
    mismatches = []
    for persona in PERSONAS:
        user = None if persona == "anonymous" else getattr(world, persona)
        client = client_for(user)
        for region in "AB":
            for action in ACTIONS:
                expected = ROUTES[basename][persona][region][action]
                with transaction.atomic():
                    response = _call(client, basename, action, records[region])
                    got = _outcome(response, basename, records[region][basename])
                    transaction.set_rollback(True)
                if got != expected:
                    mismatches.append(
                        f"{persona:>16} {action:<8} region {region}: expected {expected}, "
                        f"got {got} {getattr(response, 'data', '')!s:.200}"
                    )
    assert not mismatches, "\n" + "\n".join(mismatches)
