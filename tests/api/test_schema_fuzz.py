"""schemathesis against /api/schema/, as a region editor: no request, however malformed,
gets a 500, and every answer matches the schema.

``CI=true`` runs 50 generated examples per operation, positive and negative; locally 10.
``API_FUZZ_EXAMPLES`` overrides both, ``API_FUZZ_SEED`` picks another seed than the fixed
one, and ``API_FUZZ_COVERAGE=1`` adds schemathesis' coverage phase (the boundary values of
every parameter and field; it doubles the run time).
"""

from __future__ import annotations

import functools
import os
import re

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from django.urls import resolve
from hypothesis import HealthCheck, settings
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from masterplan.models import Membership
from masterplan.wsgi import application
from tests import factories
from tests.api.conftest import build_records

EXAMPLES = int(
    os.environ.get("API_FUZZ_EXAMPLES") or (50 if os.environ.get("CI") == "true" else 10)
)
SEED = int(os.environ.get("API_FUZZ_SEED") or 20240730)
COVERAGE = os.environ.get("API_FUZZ_COVERAGE") == "1"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
YEAR_FIELDS = {"year", "target_year", "quick_win_year", "baseline_year", "year_launched"}

config = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES, "database": "none"},
        # the coverage phase (boundary values of every field, ~2x the time) is opt-in
        "phases": {"stateful": {"enabled": False}, "coverage": {"enabled": COVERAGE}},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=config)


@pytest.fixture(scope="module")
def editor_headers(django_db_setup, django_db_blocker):
    """Two regions with a small plan each, seeded once for all operations: every test runs
    in a savepoint inside this transaction, so what one operation's examples wrote is
    gone before the next operation starts."""
    # Like Django's test client: a request must not close the connection that holds the
    # test transaction (it would on PostgreSQL, as the connection is not in autocommit).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            cohort = factories.CohortFactory()
            plans = [
                factories.make_plan(factories.RegionFactory(name=name, slug=slug), cohort)
                for name, slug in (("Kabupaten A", "region-a"), ("Kabupaten B", "region-b"))
            ]
            for plan in plans:
                build_records(plan)
            editor = factories.UserFactory(username="editor-a")
            factories.member(editor, plans[0].region, Membership.Role.EDITOR)
            token = Token.objects.create(user=editor)
            yield {"Authorization": f"Token {token.key}"}
            transaction.set_rollback(True)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _number(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch("[0-9]{1,17}", value):
        return int(value)
    return None


def _existing(model, n: int) -> int:
    ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    return ids[n % len(ids)] if ids else n


@functools.cache
def _writable_fields(serializer_class) -> dict:
    return {name: f for name, f in serializer_class().fields.items() if not f.read_only}


def steer(case) -> None:
    """Point three of four generated ids at records that exist (in region A or B), most
    If-Match headers at the current version and most years into the plan period, so that
    the fuzzer gets past 404, 412 and the first 400 to the code behind them."""
    view = resolve(case.operation.path.replace("{id}", "1")).func.cls
    parameters = case.path_parameters or {}
    n = _number(parameters.get("id"))
    if n is not None and n % 4 != 3:
        parameters["id"] = pk = _existing(view.model, n)
        headers = case.headers or {}
        if "If-Match" in headers and n % 3 != 2:
            version = view.model._default_manager.filter(pk=pk).values_list("version", flat=True)
            headers["If-Match"] = f'"{version.first()}"'
    if not isinstance(case.body, dict):
        return
    for name, field in _writable_fields(view.serializer_class).items():
        value = case.body.get(name)
        if isinstance(field, serializers.ManyRelatedField) and isinstance(value, list):
            model = field.child_relation.queryset.model
            case.body[name] = [
                _existing(model, n) if (n := _number(item)) is not None else item for item in value
            ]
        elif (n := _number(value)) is None or n % 4 == 3:
            continue
        elif isinstance(field, serializers.PrimaryKeyRelatedField):
            case.body[name] = _existing(field.queryset.model, n)
        elif name in YEAR_FIELDS:
            case.body[name] = 2024 + n % 12


@schema.parametrize()
@settings(
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_api_conforms_to_its_schema(case, editor_headers, db):
    steer(case)
    case.call_and_validate(headers=editor_headers, checks=CHECKS)
