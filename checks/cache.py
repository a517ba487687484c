"""The plan checks' findings, cached per plan content version (local memory or Redis).

A plan's content version is a fingerprint of every record it is made of, read for many
plans in ONE query: for each kind of plan record (``masterplan.registry``) its rows are
counted per plan with their highest id, latest ``updated_at`` (or other timestamps), the
sum of their versions and a sum weighted by ``order``. Any save (it moves ``updated_at``
and the version), creation or deletion (the count, the highest id), a move (``order``
without a new version), a comment resolved (its ``resolved_at``) or a sign-off changes
it, whichever code path wrote the row: the save service, the admin, the API, a reorder,
the review workflow, an import. Records of the region (agencies, comments) count for all
its plans. The framework's reference rows the checks read (dimensions, elements,
pillars) are part of every fingerprint. So the cache never needs to be told about a
write, and a node never serves another node's stale findings.

The findings are kept per plan, per language (labels are written in the language active
when checked) and per set of registered checks, for a day at most.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from django.core.cache import cache
from django.db import connection, models
from django.db.models import Count, F, IntegerField, Max, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import translation

from checks.registry import CHECKS, ERROR, WARNING, Finding, run_checks_bulk
from dimensions.models import Dimension, Element, Pillar
from masterplan.models import Plan
from masterplan.registry import PlanRecordKind, plan_record_kinds
from reviews.models import ReviewFlag

TIMEOUT = 24 * 3600
KEY_PREFIX = "checks:findings:v1"
COUNTS_PREFIX = "checks:counts:v1"
REFERENCE_MODELS = (Dimension, Element, Pillar)
# Review state that is no plan record but that checks read (flagged and cleared times).
REVIEW_STATE = ((ReviewFlag, "section__book__plan"),)


def _has(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def _columns(model: type[models.Model]) -> dict[str, models.Expression]:
    """The same five aggregates for every model, whatever its fields."""
    timestamps = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    ]
    # updated_at moves on every save; otherwise each of the row's own timestamps
    if "updated_at" in timestamps:
        timestamps = ["updated_at"]
    nullable = [name for name in timestamps if model._meta.get_field(name).null]
    if _has(model, "version"):
        changes = Sum("version")
    elif nullable:  # e.g. a comment's resolved_at: set, then cleared again
        changes = sum((Count(name) for name in nullable[1:]), Count(nullable[0]))
    else:
        changes = Value(0, output_field=IntegerField())
    text = models.CharField()
    latest: models.Expression = Value("", output_field=text)
    for name in timestamps:
        latest = Concat(latest, Value("|"), Coalesce(Cast(Max(name), text), Value("-")))
    return {
        "fp_n": Count("pk"),
        "fp_top": Max("pk"),
        "fp_latest": latest,
        "fp_changes": Coalesce(changes, 0, output_field=IntegerField()),
        # a move swaps ``order`` without a new version: a sum weighted by id sees it
        "fp_moves": (
            Coalesce(Sum(F("order") * F("pk")), 0, output_field=models.BigIntegerField())
            if _has(model, "order")
            else Value(0, output_field=models.BigIntegerField())
        ),
    }


def _branch(label: str, rows: models.QuerySet, group: str) -> tuple[str, tuple]:
    columns = _columns(rows.model)
    queryset = (
        rows.order_by()
        .values(fp_owner=F(group))
        .annotate(fp_kind=Value(label, output_field=models.CharField()), **columns)
        .values_list("fp_kind", "fp_owner", *columns)
    )
    sql, params = queryset.query.sql_with_params()
    return sql, params


def _kind_branch(kind: PlanRecordKind, plan_ids: list[int], region_ids: list[int]):
    """(sql, params, grouped by plan?) of one kind of record."""
    manager = kind.model._base_manager
    if kind.plan_path is not None:
        path = kind.plan_path or "pk"
        rows = manager.filter(**{f"{path}__in": plan_ids})
        return (*_branch(kind.label, rows, path), True)
    region = kind.model.region_path
    rows = manager.filter(**{f"{region}__in": region_ids})
    return (*_branch(kind.label, rows, region), False)


@lru_cache(maxsize=512)
def _fingerprint_sql(
    plan_ids: tuple[int, ...], region_ids: tuple[int, ...], framework_ids: tuple[int, ...]
) -> tuple[str, tuple, tuple[tuple[str, bool], ...]]:
    """The one query (compiling ~30 querysets costs more than running it, so it is kept
    per set of plans: a user's dashboard or a cohort asks for the same set each time)."""
    branches, owners = [], []
    for kind in plan_record_kinds():
        sql, params, grouped_by_plan = _kind_branch(kind, list(plan_ids), list(region_ids))
        branches.append((sql, params))
        owners.append((kind.label, grouped_by_plan))
    for model, path in REVIEW_STATE:
        rows = model._base_manager.filter(**{f"{path}__in": plan_ids})
        branches.append(_branch(model._meta.label_lower, rows, path))
        owners.append((model._meta.label_lower, True))
    for model in REFERENCE_MODELS:
        path = "dimension__framework" if model is Element else "framework"
        rows = model._default_manager.filter(**{f"{path}__in": framework_ids})
        branches.append(_branch(model._meta.label_lower, rows, path))
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({part}) AS b{number}" for number, (part, _) in enumerate(branches)
    )
    params = tuple(param for _, part_params in branches for param in part_params)
    return sql, params, tuple(owners)


def plan_fingerprints(plans: Sequence[Plan]) -> dict[int, str]:
    """Plan id → a digest that changes whenever any record of the plan changes (1 query)."""
    if not plans:
        return {}
    sql, params, owners = _fingerprint_sql(
        tuple(sorted({plan.pk for plan in plans})),
        tuple(sorted({plan.region_id for plan in plans})),
        tuple(sorted({plan.framework_id for plan in plans})),
    )
    by_plan = dict(owners)
    parts: dict[tuple[str, int], list] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for label, owner, *values in cursor.fetchall():
            parts[(label, owner)] = values
    digests = {}
    for plan in plans:
        pieces = []
        for label, grouped_by_plan in by_plan.items():
            owner = plan.pk if grouped_by_plan else plan.region_id
            pieces.append((label, parts.get((label, owner))))
        for model in REFERENCE_MODELS:
            label = model._meta.label_lower
            pieces.append((label, parts.get((label, plan.framework_id))))
        digests[plan.pk] = hashlib.blake2b(repr(pieces).encode(), digest_size=16).hexdigest()
    return digests


def _key(plan_id: int, fingerprint: str, prefix: str = KEY_PREFIX) -> str:
    checks = hashlib.blake2b(",".join(CHECKS).encode(), digest_size=4).hexdigest()
    language = translation.get_language() or "-"
    return f"{prefix}:{plan_id}:{language}:{checks}:{fingerprint}"


def cached_findings_bulk(
    plans: Sequence[Plan], fingerprints: dict[int, str] | None = None
) -> dict[int, list[Finding]]:
    """``run_checks_bulk`` through the cache: the checks run only for plans that changed.

    One query for the fingerprints and one cache round trip when nothing changed; the
    checks' fixed number of queries for the plans that did.
    """
    plans = list(plans)
    if not plans:
        return {}
    fingerprints = fingerprints or plan_fingerprints(plans)
    keys = {plan.pk: _key(plan.pk, fingerprints[plan.pk]) for plan in plans}
    hits = cache.get_many(list(keys.values()))
    result = {plan_id: hits[key] for plan_id, key in keys.items() if key in hits}
    missing = [plan for plan in plans if plan.pk not in result]
    if missing:
        fresh = run_checks_bulk(missing)
        cache.set_many({keys[plan_id]: findings for plan_id, findings in fresh.items()}, TIMEOUT)
        result.update(fresh)
    return result


def cached_findings(plan: Plan) -> list[Finding]:
    return cached_findings_bulk([plan])[plan.pk]


def cached_finding_counts(plans: Sequence[Plan]) -> dict[int, tuple[int, int]]:
    """Plan id → (errors, warnings), for the cohort dashboard: a hundred plans' counts are
    read from the cache without loading every finding."""
    plans = list(plans)
    if not plans:
        return {}
    fingerprints = plan_fingerprints(plans)
    keys = {plan.pk: _key(plan.pk, fingerprints[plan.pk], COUNTS_PREFIX) for plan in plans}
    hits = cache.get_many(list(keys.values()))
    result = {plan_id: tuple(hits[key]) for plan_id, key in keys.items() if key in hits}
    missing = [plan for plan in plans if plan.pk not in result]
    if missing:
        fresh = {
            plan_id: (
                sum(1 for finding in findings if finding.severity == ERROR),
                sum(1 for finding in findings if finding.severity == WARNING),
            )
            for plan_id, findings in cached_findings_bulk(missing, fingerprints).items()
        }
        cache.set_many({keys[plan_id]: counts for plan_id, counts in fresh.items()}, TIMEOUT)
        result.update(fresh)
    return result
