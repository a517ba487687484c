"""Every HTML route × persona × GET/POST, against region A's objects.

The routes come from the URLconf: a route (or a record kind a route accepts) without an
entry in ROUTES fails the meta-test, so a new page cannot ship without saying who may
open it. /api/ has its own matrix (tests/api), /admin/ is Django's (only the redirect of
non-staff users to its login is checked here), /i18n/ only switches the language.

An entry names a *rule* per method; RULES says what each persona gets under a rule:
OK (2xx, or a redirect that is not to the login page), LOGIN (redirect to log in),
403, 404 (another region's record does not exist for outsiders) or 405.
Each request runs in a savepoint that is rolled back, so a POST that is allowed (and
deletes, moves or submits something) does not change what the next request sees.

The rules: tests/security/matrix_rules.py; the table of routes: tests/security/matrix_routes.py.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any
from urllib.parse import parse_qs, urlparse
from uuid import UUID

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse

from masterplan.models import Membership, User
from tests import factories
from tests.security.conftest import build_region_objects
from tests.security.matrix_routes import AREAS, ROUTES, html_routes
from tests.security.matrix_rules import LOGIN, OK, PERSONAS, RULES, Case, Objects

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


def test_every_html_route_has_an_entry_in_the_matrix():
    routes = html_routes()
    assert routes, "no routes found"
    missing = sorted(set(routes) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(routes))
    assert not missing and not stale, f"missing: {missing}\nstale: {stale}"


def test_every_record_kind_a_route_accepts_has_cases():
    """Routes with a kind converter: each kind it accepts is called at least once."""
    problems = []
    for route, (_name, pattern) in html_routes().items():
        converter = pattern.pattern.converters.get("kind")
        kinds = getattr(converter, "kinds", None)
        if not kinds:
            continue
        untested = set(kinds) - {case.kind for case in ROUTES[route]}
        if untested:
            problems.append(f"{route}: {sorted(untested)}")
    assert not problems, problems


def test_non_staff_users_are_sent_to_the_admin_login(world, mentor_b, client):
    targets = [
        "/admin/",
        "/admin/masterplan/plan/",
        f"/admin/masterplan/plan/{world.plan_a.pk}/change/",
    ]
    for persona in PERSONAS:
        user = _user(world, mentor_b, persona)
        client.logout()
        if user is not None:
            client.force_login(user)
        for target in targets:
            response = client.get(target)
            if persona == "admin":
                assert response.status_code == 200, (persona, target)
            else:
                assert response.status_code == 302, (persona, target, response.status_code)
                assert urlparse(response["Location"]).path == "/admin/login/", (persona, target)


def _user(world, mentor_b, persona: str):
    if persona == "anonymous":
        return None
    if persona == "mentor_b":
        return mentor_b
    if persona == "agency_editor_a":
        return _agency_editor(world)
    return getattr(world, persona)


def _agency_editor(world) -> User:
    """An editor of region A whose membership names the agency of region A's objects."""
    user = User.objects.filter(username="agency-editor-a").first()
    if user is None:
        user = factories.UserFactory(username="agency-editor-a")
        factories.member(user, world.region_a, Membership.Role.EDITOR)
    return user


def _region_objects(world) -> Objects:
    """Region A's objects, a programme led by another agency, and the agency editor's
    membership naming the agency that leads the GOV and ECO programmes."""
    objects = build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    objects.other_agency_programme = factories.programme(
        world.plan_a,
        objects.gov.element,
        name="Program OPD lain",
        lead_agency=factories.AgencyFactory(region=world.region_a),
    )
    Membership.objects.filter(user=_agency_editor(world)).update(agency=objects.agency)
    return objects


def _names() -> dict[str, str]:
    return {route: name for route, (name, _pattern) in html_routes().items()}


def _outcome(response, case: Case) -> Any:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = urlparse(response["Location"])
        if location.path == reverse("login") and "next" in parse_qs(location.query):
            return LOGIN
        return OK
    if 200 <= code < 300 or code in case.also_ok:
        return OK
    return code


def _request(client: Client, method: str, url: str, case: Case, objects: Objects) -> Any:
    """The outcome of one request, whatever it changed rolled back."""
    with transaction.atomic():
        response = client.get(url) if method == "get" else client.post(url, case.data(objects))
        got = _outcome(response, case)
        if response.streaming:
            # read to the end, which closes the file (not response.close(): a second
            # request_finished would close the database connection inside this transaction)
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return got, response.status_code


@pytest.mark.parametrize("area", AREAS)
def test_permission_matrix(world, mentor_b, area):
    objects = _region_objects(world)
    names = _names()
    clients, cookies = {}, {}
    for persona in PERSONAS:
        clients[persona] = Client()
        user = _user(world, mentor_b, persona)
        if user is not None:
            clients[persona].force_login(user)
        cookies[persona] = deepcopy(clients[persona].cookies)
    mismatches = []
    for route, cases in AREAS[area].items():
        for case in cases:
            path = reverse(names[route], kwargs=case.kwargs(objects))
            assert resolve(path).route == route, f"{path} resolves to {resolve(path).route}"
            query = case.query(objects)
            url = f"{path}?{query}" if query else path
            for persona, client in clients.items():
                for method, rule_name in (("get", case.get), ("post", case.post)):
                    expected = RULES[rule_name][persona]
                    # the session row survives a logout (rolled back); the cookie is restored
                    client.cookies = deepcopy(cookies[persona])
                    got, status = _request(client, method, url, case, objects)
                    if got != expected:
                        mismatches.append(
                            f"{persona:>16} {method.upper():<4} {url} [{case.label}]: "
                            f"expected {expected} ({rule_name}), got {got} ({status})"
                        )
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


# URL kwargs that name the plan or region the other kwargs are looked up in
SCOPE_KWARGS = {"plan_id", "region_slug"}
# kwargs that name no record
PLAIN_KWARGS = {"number", "kind", "name", "table", "fmt", "year", "direction", "action"}


def _nothing(value: Any) -> Any:
    """An id or uuid of the same type that names no record."""
    return UUID(int=1) if isinstance(value, UUID) else 10**6


@pytest.mark.parametrize("persona", ["editor_b", "admin"])
def test_region_a_records_are_not_found_under_region_b(world, mentor_b, persona):
    """Region B's plan (or slug) in the URL, region A's record in the rest of it.

    The answer must be a refusal, and the same as for a record that does not exist at
    all, so that nobody learns which records region A has.
    """
    objects = _region_objects(world)
    swap = {"plan_id": world.plan_b.pk, "region_slug": world.region_b.slug}
    names = _names()
    client = Client()
    client.force_login(getattr(world, persona))
    cookies = deepcopy(client.cookies)
    mismatches, checked = [], 0
    for route, cases in ROUTES.items():
        for case in cases:
            kwargs = case.kwargs(objects)
            if not (SCOPE_KWARGS & set(kwargs)) or not (set(kwargs) - SCOPE_KWARGS - PLAIN_KWARGS):
                continue
            kwargs.update({key: value for key, value in swap.items() if key in kwargs})
            url = reverse(names[route], kwargs=kwargs)
            bogus = {
                key: _nothing(value) if key not in SCOPE_KWARGS | PLAIN_KWARGS else value
                for key, value in kwargs.items()
            }
            nowhere = reverse(names[route], kwargs=bogus)
            for method in ("get", "post"):
                client.cookies = deepcopy(cookies)
                got, _status = _request(client, method, url, case, objects)
                client.cookies = deepcopy(cookies)
                expected, _status = _request(client, method, nowhere, case, objects)
                checked += 1
                if got != expected or got == OK:
                    mismatches.append(
                        f"{method.upper():<4} {url}: got {got}, for no record at all {expected}"
                    )
    assert checked > 100
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)
