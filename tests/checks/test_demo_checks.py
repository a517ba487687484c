"""The demo plans' check lists: what the demo coordinator sees before submitting."""

from __future__ import annotations

from collections import Counter

import pytest

from checks.registry import ERROR, run_checks, run_checks_bulk
from masterplan.models import Plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans")]


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
        "section_unwritten": 1,
    }
    assert sum(f.severity == ERROR for f in findings) == 91


def test_the_list_is_the_same_every_time_and_in_bulk():
    plans = list(Plan.objects.order_by("pk"))
    first = {p.pk: [(f.code, f.message, f.get_url()) for f in run_checks(p)] for p in plans}

    bulk = run_checks_bulk(plans)

    assert {pk: [(f.code, f.message, f.get_url()) for f in bulk[pk]] for pk in bulk} == first
