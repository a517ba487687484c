"""Every API route × persona × list/retrieve/create/update/delete × region A/B.

The routes come from the router; a route without a row in ROUTES fails the meta-test, so a
new endpoint cannot ship without saying who may do what with it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from api.urls import router
from masterplan.models import Book, Membership
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from programs.models import Indicator
from tests import factories
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


def not_offered(policy: dict[str, dict[str, dict]], *actions: str):
    """The same rights, but these actions are not offered (405 once signed in)."""
    result = {}
    for persona, regions in policy.items():
        result[persona] = {}
        for region, statuses in regions.items():
            changed = dict(statuses)
            if persona != "anonymous":
                for action in actions:
                    changed[action] = 405
            result[persona][region] = changed
    return result


def no_writes(policy: dict[str, dict[str, dict]], *, allow_update: bool = False):
    """The same reading rights; adding and removing (and changing) are not offered."""
    if allow_update:
        return not_offered(policy, "create", "delete")
    return not_offered(policy, "create", "update", "delete")


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

# Comments: the region's coordinators, editors (limited or not), mentors and admins write,
# viewers read; comments are never edited or deleted, threads are resolved (see ACTIONS).
COMMENT = not_offered(
    matrix(
        a={
            "anonymous": ANONYMOUS,
            "admin": FULL,
            "coordinator_a": FULL,
            "editor_a": FULL,
            "economy_editor_a": FULL,
            "viewer_a": READ,
            "mentor_a": FULL,
        },
        b={"anonymous": ANONYMOUS, "admin": FULL, "editor_b": FULL},
    ),
    "update",
    "delete",
)
# Reviewing: mentors and admins approve a submitted book and sign off sections.
REVIEW = matrix(
    a={
        "anonymous": ANONYMOUS,
        "admin": FULL,
        "coordinator_a": READ,
        "editor_a": READ,
        "economy_editor_a": READ,
        "viewer_a": READ,
        "mentor_a": FULL,
    },
    b={"anonymous": ANONYMOUS, "admin": FULL, "editor_b": READ},
)
# Exports: everyone who sees the plan exports a draft PDF (as in the portal).
EXPORT = not_offered(
    matrix(
        a={
            "anonymous": ANONYMOUS,
            "admin": FULL,
            "coordinator_a": FULL,
            "editor_a": FULL,
            "economy_editor_a": FULL,
            "viewer_a": FULL,
            "mentor_a": FULL,
        },
        b={"anonymous": ANONYMOUS, "admin": FULL, "editor_b": FULL},
    ),
    "update",
    "delete",
)

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
    "programme-photo": RECORD,
    "activity": RECORD,
    "roadmap-entry": RECORD,
    "comment": COMMENT,
    "book-transition": not_offered(REVIEW, "update", "delete"),
    "section-approval": not_offered(REVIEW, "update"),
    "export-job": EXPORT,
    # editions never change: read by whoever sees the plan, written by nobody
    "edition": READ_ONLY,
    # read-only: flags come from changes and go with a sign-off
    "review-flag": no_writes(RECORD),
    # mentors (and admins) propose; accepting and rejecting are actions below
    "suggestion": not_offered(REVIEW, "update", "delete"),
    "programme-report": RECORD,
    "indicator-realisation": RECORD,
    "budget-realisation": RECORD,
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
    # a book the mentor can approve
    if basename == "book-transition":
        Book.objects.filter(pk=records["book"].pk).update(status=Book.Status.SUBMITTED)


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
        uploads = any(hasattr(value, "read") for value in payload.values())
        return client.post(url(prefix), payload, format="multipart" if uploads else "json")
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


# --- Actions on one record (routes other than list and detail) --------------------------


def by_persona(a: dict[str, int], b: dict[str, int], *, outside: int = 404):
    """persona -> region -> status of one action; 401 for anonymous, ``outside`` else."""
    return {
        persona: {
            "A": 401 if persona == "anonymous" else a.get(persona, outside),
            "B": 401 if persona == "anonymous" else b.get(persona, outside),
        }
        for persona in PERSONAS
    }


def _commenters(status: int):
    return by_persona(
        a={
            "admin": status,
            "coordinator_a": status,
            "editor_a": status,
            "economy_editor_a": status,
            "viewer_a": 403,
            "mentor_a": status,
        },
        b={"admin": status, "editor_b": status},
    )


def _owners(status: int):
    return by_persona(
        a={
            "admin": status,
            "coordinator_a": status,
            "editor_a": status,
            "economy_editor_a": 403,
            "viewer_a": 403,
            "mentor_a": 403,
        },
        b={"admin": status, "editor_b": status},
    )


# (method, path suffix, body, persona -> region -> status)
ACTION_ROUTES = {
    "comment-reply": ("post", "reply", {"body": "Sudah diperbaiki."}, _commenters(201)),
    "comment-resolve": ("post", "resolve", None, _commenters(200)),
    "comment-reopen": ("post", "reopen", None, _commenters(200)),
    # those who may edit the (GOV) programme decide a suggestion on it
    "suggestion-accept": ("post", "accept", None, _owners(200)),
    "suggestion-reject": ("post", "reject", {"reply": "Sudah cukup"}, _owners(200)),
    "programme-photo-image": (
        "get",
        "image",
        None,
        by_persona(
            a={
                persona: 200
                for persona in (
                    "admin",
                    "coordinator_a",
                    "editor_a",
                    "economy_editor_a",
                    "viewer_a",
                    "mentor_a",
                )
            },
            b={"admin": 200, "editor_b": 200},
        ),
    ),
    # the job of the records is still queued: no file yet
    "export-job-download": (
        "get",
        "download",
        None,
        by_persona(
            a={
                persona: 409
                for persona in (
                    "admin",
                    "coordinator_a",
                    "editor_a",
                    "economy_editor_a",
                    "viewer_a",
                    "mentor_a",
                )
            },
            b={"admin": 409, "editor_b": 409},
        ),
    ),
}


def test_every_action_route_has_a_row_in_the_matrix():
    actions = {
        name
        for name in _api_route_names()
        if not name.endswith("-list") and not name.endswith("-detail")
    }
    assert set(ACTION_ROUTES) == actions, (
        f"missing: {sorted(actions - set(ACTION_ROUTES))}, "
        f"stale: {sorted(set(ACTION_ROUTES) - actions)}"
    )


@pytest.mark.parametrize("name", sorted(ACTION_ROUTES))
def test_action_permission_matrix(world, records, name):
    method, suffix, body, expected_statuses = ACTION_ROUTES[name]
    basename = name.rsplit("-", 1)[0]
    mismatches = []
    for persona in PERSONAS:
        user = None if persona == "anonymous" else getattr(world, persona)
        client = client_for(user)
        for region in "AB":
            record = records[region][basename]
            path = f"{url(PREFIXES[basename], record.pk)}{suffix}/"
            with transaction.atomic():
                response = getattr(client, method)(path, body, format="json")
                transaction.set_rollback(True)
            expected = expected_statuses[persona][region]
            if response.status_code != expected:
                mismatches.append(
                    f"{persona:>16} {name} region {region}: expected {expected}, "
                    f"got {response.status_code} {getattr(response, 'data', '')!s:.200}"
                )
    assert not mismatches, "\n" + "\n".join(mismatches)


# --- A member reporting for an agency (OPD) ---------------------------------------------
# An editor of region A whose membership names the agency leading region A's programme
# reports on it; another agency's programme of the same plan is read-only for them, and
# region B's records do not exist for them. Every other route: an editor's rights.
REPORT_ROUTES = ("programme-report", "indicator-realisation", "budget-realisation")
AGENCY_MEMBER = {"own": FULL, "other": READ, "B": OUTSIDE}


def _another_agencys_records(plan, records: dict) -> dict:
    """Region A's records, with a programme led by another agency and its reports."""
    programme = factories.programme(
        plan,
        factories.element("GOV", "SRV"),
        name="KUDU SEKOLAH",
        lead_agency=factories.AgencyFactory(region=plan.region),
    )
    indicator = Indicator.objects.create(programme=programme, name="Sekolah terhubung")
    return {
        **records,
        "programme": programme,
        "indicator": indicator,
        "programme-report": ProgrammeReport.objects.create(
            programme=programme, year=2026, status="berjalan"
        ),
        "indicator-realisation": IndicatorRealisation.objects.create(
            indicator=indicator, year=2026, value=Decimal("5")
        ),
        "budget-realisation": BudgetRealisation.objects.create(
            programme=programme, year=2026, funding_source=records["funding-source"]
        ),
    }


@pytest.mark.parametrize("basename", REPORT_ROUTES)
def test_agency_member_matrix(world, records, basename):
    member = factories.UserFactory(username="staf-opd-a")
    membership = factories.member(member, world.region_a, Membership.Role.EDITOR)
    membership.agency = records["A"]["lead-agency"]
    membership.save()
    targets = {
        "own": records["A"],
        "other": _another_agencys_records(world.plan_a, records["A"]),
        "B": records["B"],
    }
    client = client_for(member)
    mismatches = []
    for target, expected_statuses in AGENCY_MEMBER.items():
        for action in ACTIONS:
            with transaction.atomic():
                response = _call(client, basename, action, targets[target])
                got = _outcome(response, basename, targets[target][basename])
                transaction.set_rollback(True)
            if got != expected_statuses[action]:
                mismatches.append(
                    f"{action:<8} {target}: expected {expected_statuses[action]}, "
                    f"got {got} {getattr(response, 'data', '')!s:.200}"
                )
    assert not mismatches, "\n" + "\n".join(mismatches)
