"""The plan checks' findings, cached per plan content version (local memory or Redis).

Every write to a plan's records moves the plan's ``PlanVersion`` in the same transaction
(``masterplan/plan_versions.py``, derived from the plan-record registry: the save
services, the admin, the API, reorders, the review workflow, imports, records of the
region and the framework's reference rows). Reading the versions of one plan or of a
hundred is one indexed query, whatever the plans' size, so the cache never needs to be
told about a write, and a node never serves another node's stale findings.

The findings are kept per plan and version, per language (labels are written in the
language active when checked) and per set of registered checks, for a day at most.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core.cache import cache
from django.utils import translation

from checks.registry import CHECKS, ERROR, WARNING, Finding, run_checks_bulk
from masterplan.models import Book, Plan
from masterplan.plan_versions import plan_versions

TIMEOUT = 24 * 3600
KEY_PREFIX = "checks:findings:v3"  # v3: Finding.books replaced Finding.book_number
COUNTS_PREFIX = "checks:counts:v2"


def _key(plan_id: int, version: int, prefix: str = KEY_PREFIX) -> str:
    checks = hashlib.blake2b(",".join(CHECKS).encode(), digest_size=4).hexdigest()
    language = translation.get_language() or "-"
    return f"{prefix}:{plan_id}:{language}:{checks}:{version}"


def cached_findings_bulk(
    plans: Sequence[Plan], versions: dict[int, int] | None = None
) -> dict[int, list[Finding]]:
    """``run_checks_bulk`` through the cache: the checks run only for plans that changed.

    One query for the versions and one cache round trip when nothing changed; the
    checks' fixed number of queries for the plans that did.
    """
    plans = list(plans)
    if not plans:
        return {}
    versions = versions or plan_versions(plan.pk for plan in plans)
    keys = {plan.pk: _key(plan.pk, versions[plan.pk]) for plan in plans}
    hits = cache.get_many(list(keys.values()))
    result = {plan_id: hits[key] for plan_id, key in keys.items() if key in hits}
    missing = [plan for plan in plans if plan.pk not in result]
    if missing and any(
        not isinstance(plan, Plan) or plan.get_deferred_fields() for plan in missing
    ):
        # the checks read the whole plan: one query for plans a page loaded in part (or
        # read as plain values, as the cohort dashboard does)
        missing = list(
            Plan.objects.filter(pk__in=[plan.pk for plan in missing]).select_related("region")
        )
    if missing:
        fresh = run_checks_bulk(missing)
        cache.set_many({keys[plan_id]: findings for plan_id, findings in fresh.items()}, TIMEOUT)
        result.update(fresh)
    return result


def cached_findings(plan: Plan) -> list[Finding]:
    return cached_findings_bulk([plan])[plan.pk]


def cached_finding_counts(
    plans: Sequence[Plan], versions: dict[int, int] | None = None
) -> dict[int, tuple[int, int]]:
    """Plan id → (errors, warnings), for the cohort dashboard: a hundred plans' counts are
    read from the cache without loading every finding."""
    plans = list(plans)
    if not plans:
        return {}
    versions = versions or plan_versions(plan.pk for plan in plans)
    keys = {plan.pk: _key(plan.pk, versions[plan.pk], COUNTS_PREFIX) for plan in plans}
    hits = cache.get_many(list(keys.values()))
    result = {plan_id: tuple(hits[key]) for plan_id, key in keys.items() if key in hits}
    missing = [plan for plan in plans if plan.pk not in result]
    if missing:
        fresh = {
            plan_id: (
                sum(1 for finding in findings if finding.severity == ERROR),
                sum(1 for finding in findings if finding.severity == WARNING),
            )
            for plan_id, findings in cached_findings_bulk(missing, versions).items()
        }
        cache.set_many({keys[plan_id]: counts for plan_id, counts in fresh.items()}, TIMEOUT)
        result.update(fresh)
    return result


PROGRESS_PREFIX = "checks:progress:v1"


def cached_book_progress(
    plans: Sequence[Plan], versions: dict[int, int] | None = None
) -> dict[int, tuple[int, int]]:
    """Book id → (required sections, written ones) of the plans' books, per plan version:
    counting the sections of a hundred plans is the cohort dashboard's largest query, and
    only the plans written since the last view need it again."""
    plans = list(plans)
    if not plans:
        return {}
    versions = versions or plan_versions(plan.pk for plan in plans)
    keys = {plan.pk: f"{PROGRESS_PREFIX}:{plan.pk}:{versions[plan.pk]}" for plan in plans}
    hits = cache.get_many(list(keys.values()))
    result: dict[int, tuple[int, int]] = {}
    for key in keys.values():
        result.update(hits.get(key, {}))
    missing = [plan_id for plan_id, key in keys.items() if key not in hits]
    if missing:
        fresh: dict[int, dict[int, tuple[int, int]]] = {plan_id: {} for plan_id in missing}
        rows = (
            Book.objects.filter(plan__in=missing)
            .with_progress()
            .values_list("plan_id", "pk", "required_sections", "written_sections")
        )
        for plan_id, book_id, required, written in rows:
            fresh[plan_id][book_id] = (required, written)
        cache.set_many({keys[plan_id]: books for plan_id, books in fresh.items()}, TIMEOUT)
        for books in fresh.values():
            result.update(books)
    return result
