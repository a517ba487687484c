"""The national scale for bench/pages.py: many regions' plans in one database.

Copies a plan through the backup (``plan_export`` → new UUIDs, region slug and code →
``PlanImport``), so each copy is a complete plan with its own records, as if the region
had written it. Used by ``bench/pages.py --national``.
"""

from __future__ import annotations

import re
import statistics
import time
import uuid
from typing import Any

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
COPY_PREFIX = "salinan-"


def _new_uuids(value: Any, mapping: dict[str, str]) -> Any:
    """The document with every UUID (and the names in ``mapping``) replaced, consistently."""
    if isinstance(value, dict):
        return {key: _new_uuids(item, mapping) for key, item in value.items()}
    if isinstance(value, list):
        return [_new_uuids(item, mapping) for item in value]
    if isinstance(value, str) and value in mapping:
        return mapping[value]
    if isinstance(value, str) and UUID.match(value):
        return mapping.setdefault(value, str(uuid.uuid4()))
    return value


def _without_files(value: Any) -> Any:
    """Images are irrelevant to page speed; leaving them out keeps the copies quick."""
    if isinstance(value, dict):
        if set(value) == {"name", "data"}:
            return {"name": value["name"], "data": None}
        return {key: _without_files(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_files(item) for item in value]
    return value


def _cohort_year(value: Any, old: int, new: int) -> Any:
    """Rows name their cohort by its year: the cohort and every reference to it."""
    if isinstance(value, dict):
        return {
            key: new if key == "cohort" and item == old else _cohort_year(item, old, new)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_cohort_year(item, old, new) for item in value]
    return value


def copy_plan(document: dict, number: int, label: str, year: int) -> None:
    from exports.backup import PlanImport

    slug = f"{COPY_PREFIX}{label}-{number:03d}"
    # rows name their region by its slug: every reference follows the new one
    copy = _without_files(_new_uuids(document, {document["region"]["slug"]: slug}))
    if copy["cohort"]["year"] != year:
        copy = _cohort_year(copy, copy["cohort"]["year"], year)
        copy["cohort"]["year"] = year
        copy["cohort"]["name"] = f"{copy['cohort']['name']} ({year})"
    region = copy["region"]
    region["code"] = f"{label[:2]}{number:04d}"[:10]
    region["name"] = f"{region['name']} {number:03d}"
    PlanImport(copy, replace=False).run()


def copies(label: str) -> int:
    from masterplan.models import Region

    return Region.objects.filter(slug__startswith=f"{COPY_PREFIX}{label}-").count()


def grow(source_slug: str, label: str, target: int, year: int, *, log=print) -> None:
    """Copies of the region's plan in the cohort of ``year`` until there are ``target``."""
    from exports.backup import plan_export
    from masterplan.models import Plan

    have = copies(label)
    if have >= target:
        return
    plan = Plan.objects.get(region__slug=source_slug)
    document = plan_export(plan)
    started = time.perf_counter()
    for number in range(have + 1, target + 1):
        copy_plan(document, number, label, year)
        if number % 10 == 0 or number == target:
            log(
                f"  {number}/{target} copies of {source_slug} "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )


def timed(client, path: str, repeat: int) -> tuple[int, float]:
    """(queries of the last request, median milliseconds) of GET path, warm."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, secure=True)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return len(captured), statistics.median(times)


def cohort_timings(client, repeat: int) -> list[dict]:
    """Each cohort's dashboard: plans, queries and median ms, cold (empty cache) and warm."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from masterplan.models import Cohort

    rows = []
    for cohort in Cohort.objects.order_by("year"):
        path = reverse("checks:cohort_dashboard", args=[cohort.pk])
        cold = []
        for _ in range(max(repeat // 3, 2)):
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path, secure=True)
                cold.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        cold_queries = len(captured)
        warm_queries, warm = timed(client, path, repeat)
        rows.append(
            {
                "cohort": cohort.name,
                "plans": cohort.plans.count(),
                "cold": (cold_queries, statistics.median(cold)),
                "warm": (warm_queries, warm),
            }
        )
    return rows
