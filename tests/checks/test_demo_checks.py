"""The demo plans' check lists: what the demo coordinator sees before submitting."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from checks.registry import ERROR, run_checks, run_checks_bulk
from masterplan.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module, inside a transaction rolled back at its end."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(PASSWORD_HASHERS=fast),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
        yield
        transaction.set_rollback(True)


def plan(slug: str) -> Plan:
    return Plan.objects.get(region__slug=slug, cohort__year=2024)


def test_pekalongan_has_no_errors_and_seven_single_source_warnings():
    findings = run_checks(plan("pekalongan"))

    assert [(f.code, f.target.label.split()[0]) for f in findings] == [
        ("single_funding_source", code)
        for code in [
            "GOV-BUR-01",
            "GOV-BUR-02",
            "GOV-POL-01",
            "BRD-CTY-02",
            "ECO-TRX-02",
            "SOC-COM-02",
            "SOC-SEC-01",
        ]
    ]


def test_batang_shows_what_an_early_draft_lacks():
    findings = run_checks(plan("batang"))

    assert Counter(f.code for f in findings) == {
        "required_section_empty": 87,
        "dimension_without_programme": 2,
        "flagship_without_before_after": 1,
        "element_without_programme": 8,
        "dimension_without_quick_win": 3,
        "single_funding_source": 1,
        "institution_without_decree": 1,
        "forum_meetings_missing": 1,
    }
    assert sum(f.severity == ERROR for f in findings) == 90


def test_the_list_is_the_same_every_time_and_in_bulk():
    plans = list(Plan.objects.order_by("pk"))
    first = {p.pk: [(f.code, f.message, f.get_url()) for f in run_checks(p)] for p in plans}

    bulk = run_checks_bulk(plans)

    assert {pk: [(f.code, f.message, f.get_url()) for f in bulk[pk]] for pk in bulk} == first
