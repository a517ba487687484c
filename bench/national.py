"""The national scale for bench/pages.py: many regions' plans in one database.

Copies a plan through the backup (``plan_export`` → new UUIDs, region slug and code →
``PlanImport``), so each copy is a complete plan with its own records, as if the region
had written it. Used by ``bench/pages.py --national``; on its own, the cohort dashboards
only, in a database it grows (give it a copy: it adds regions to the one it is given):

    .venv/bin/python bench/national.py --database-url postgresql://postgres@127.0.0.1:5432/copy \
        --regions 100 --large 5 --small 10 [--cache-url redis://127.0.0.1:6379/10]

``--regions 50`` grows in half the time (the copies took ~8 s each on a loaded machine).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench.common import DEMO_REGION, FLOOR, LARGE_REGION, bench_user
from bench.pages import first_path, load_average, load_config
from bench.queries import plan_of

# the child processes run bench/pages.py (which parses --grow and --measure-json), not
# this module, which has no command line of its own
PAGES = str(Path(__file__).with_name("pages.py"))
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


# --- The national run of bench/pages.py --------------------------------------------------
# (bench/pages.py imports this module inside main(), after Django is set up.)

NATIONAL_REGIONS = 100
NATIONAL_LARGE = 5
SMALL_COHORT_REGIONS = 10
REGION_PAGES = (
    "dashboard",
    "plan page",
    "programme list",
    "programme detail",
    "action plan",
    "roadmap grid",
    "checks",
    "API programmes",
    FLOOR,
)


def national_database(database_url: str) -> str:
    """<name>_national, created as a copy of the seeded database when missing."""
    import psycopg
    from django.db import connections

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    copy = f"{name}_national"
    connections.close_all()
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [copy]).fetchone():
            print(f"Copying {name} to {copy} …", flush=True)
            try:
                conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
            except psycopg.errors.ObjectInUse:
                # a server still connected to it (a run of the room): copy a snapshot
                conn.execute(f'CREATE DATABASE "{copy}"')
                _dump_into(parts, name, copy)
    return parts._replace(path=f"/{copy}").geturl()


def _dump_into(parts, source: str, target: str) -> None:
    options = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    options += ["-U", parts.username or "postgres"]
    env = {**os.environ, **({"PGPASSWORD": parts.password} if parts.password else {})}
    dump = subprocess.Popen(
        ["pg_dump", *options, "--no-owner", source], stdout=subprocess.PIPE, env=env
    )
    subprocess.run(
        ["psql", *options, "-q", "-v", "ON_ERROR_STOP=1", "-d", target],
        stdin=dump.stdout,
        stdout=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    dump.stdout.close()
    if dump.wait() != 0:
        raise RuntimeError("pg_dump failed")


def grow_national(
    regions: int = NATIONAL_REGIONS, large_plans: int = NATIONAL_LARGE, small: int = 0
) -> None:
    """100 regions and 5 large plans in the demo's cohort, 10 regions in a cohort of their own
    (the small cohort first: a grow stopped half-way can still be compared)."""
    from bench.national import grow
    from masterplan.models import Plan

    demo, large = plan_of(DEMO_REGION), plan_of(LARGE_REGION)
    year = demo.cohort.year
    originals = (
        Plan.objects.filter(cohort=demo.cohort)
        .exclude(region__slug__startswith="salinan-")
        .exclude(region__slug=LARGE_REGION)
        .count()
    )
    grow(DEMO_REGION, "sepuluh", small or SMALL_COHORT_REGIONS, year + 10)
    grow(DEMO_REGION, "demo", regions - originals, year)
    large_in_cohort = 1 if large.cohort_id == demo.cohort_id else 0
    grow(LARGE_REGION, "besar", large_plans - large_in_cohort, year)
    # the planner's statistics, as a production database has them after autovacuum
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(repeat: int) -> dict:
    """The demo region's pages and every cohort's dashboard, in this database."""
    from django.test import Client

    from bench.national import cohort_timings, timed
    from masterplan.models import Plan, User

    config = load_config(1, DEMO_REGION)
    user = bench_user(f"bench-{DEMO_REGION}", DEMO_REGION)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    pages = {
        name: timed(client, first_path(config["paths"][name]), repeat) for name in REGION_PAGES
    }
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin_client = Client(HTTP_HOST="127.0.0.1")
    admin_client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return {
        "plans": Plan.objects.count(),
        "pages": pages,
        "cohorts": cohort_timings(admin_client, repeat),
    }


def measure_in(database_url: str, repeat: int) -> dict:
    """measure() in a child process on another database (settings are per process)."""
    result = subprocess.run(
        [
            sys.executable,
            PAGES,
            "--measure-json",
            "--database-url",
            database_url,
            "--repeat",
            str(repeat),
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def national_run(args) -> None:
    national_url = national_database(args.database_url)
    subprocess.run(
        [sys.executable, PAGES, "--grow", "--database-url", national_url],
        check=True,
        env={**os.environ, "DATABASE_URL": national_url},
    )
    # interleaved, twice, keeping each figure's best: both databases see the same load
    runs: dict[str, list[dict]] = {"base": [], "national": []}
    for _round in range(2):
        runs["base"].append(measure_in(args.database_url, args.repeat))
        runs["national"].append(measure_in(national_url, args.repeat))
    base, national = (
        {
            "plans": results[0]["plans"],
            "pages": {
                name: min((r["pages"][name] for r in results), key=lambda value: value[1])
                for name in results[0]["pages"]
            },
            "cohorts": [
                {
                    **rows[0],
                    "cold": min((row["cold"] for row in rows), key=lambda value: value[1]),
                    "warm": min((row["warm"] for row in rows), key=lambda value: value[1]),
                }
                for rows in zip(*(r["cohorts"] for r in results), strict=True)
            ],
        }
        for results in (runs["base"], runs["national"])
    )
    print(
        f"\nNational scale: {DEMO_REGION}'s pages with {base['plans']} plans in the database "
        f"and with {national['plans']}, best of 2 medians of {args.repeat}, in-process "
        f"(DEBUG=0, PostgreSQL), {load_average()}"
    )
    header = f"{'page':<20}{'queries':>8}{'ms':>7}{'queries':>9}{'ms':>7}{'ratio':>7}"
    print(f"{'':<20}{base['plans']:>8} plans{national['plans']:>11} plans")
    print(header)
    print("-" * len(header))
    for name, (queries, ms) in base["pages"].items():
        n_queries, n_ms = national["pages"][name]
        print(f"{name:<20}{queries:>8}{ms:>7.0f}{n_queries:>9}{n_ms:>7.0f}{n_ms / ms:>7.2f}")
    print("\nCohort dashboards (admin); cold: the findings cache emptied before each request")
    header = f"{'cohort':<44}{'plans':>6}{'cold q':>8}{'cold ms':>9}{'warm q':>8}{'warm ms':>9}"
    print(header)
    print("-" * len(header))
    for row in national["cohorts"]:
        print(
            f"{row['cohort'][:43]:<44}{row['plans']:>6}{row['cold'][0]:>8}{row['cold'][1]:>9.0f}"
            f"{row['warm'][0]:>8}{row['warm'][1]:>9.0f}"
        )
    small = [row for row in national["cohorts"] if row["plans"] == SMALL_COHORT_REGIONS]
    large = max(national["cohorts"], key=lambda row: row["plans"])
    if small:
        for state in ("cold", "warm"):
            print(
                f"{large['plans']} vs {SMALL_COHORT_REGIONS} regions, {state}: "
                f"{large[state][1] / small[0][state][1]:.2f} × the time"
            )


# --- The cohort dashboards alone ---------------------------------------------------------


def cohort_main() -> None:
    import argparse

    from bench.common import ensure_database, prepare_data, production_env

    parser = argparse.ArgumentParser(description="Cohort dashboards at national scale")
    parser.add_argument("--database-url", required=True, help="a copy: it is grown in place")
    parser.add_argument("--cache-url", default="", help="e.g. redis://127.0.0.1:6379/10")
    parser.add_argument("--regions", type=int, default=NATIONAL_REGIONS)
    parser.add_argument("--large", type=int, default=NATIONAL_LARGE)
    parser.add_argument("--small", type=int, default=SMALL_COHORT_REGIONS)
    parser.add_argument("--repeat", type=int, default=5, help="warm requests per median")
    parser.add_argument("--rounds", type=int, default=2, help="medians; the best is kept")
    args = parser.parse_args()
    os.environ.update(production_env(args.database_url))
    if args.cache_url:
        os.environ["CACHE_URL"] = args.cache_url
    ensure_database(args.database_url)

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from masterplan.models import User

    prepare_data()
    grow_national(args.regions, args.large, args.small)
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    before = load_average()
    rounds = [cohort_timings(client, args.repeat) for _ in range(args.rounds)]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"\nCohort dashboards (admin), in-process, DEBUG=0, PostgreSQL, {cache} cache; best of "
        f"{args.rounds} medians of {args.repeat}; before: {before}; after: {load_average()}"
    )
    header = f"{'cohort':<44}{'plans':>6}{'cold q':>8}{'cold ms':>9}{'warm q':>8}{'warm ms':>9}"
    print(header)
    print("-" * len(header))
    best = [
        {
            **rows[0],
            "cold": min((row["cold"] for row in rows), key=lambda value: value[1]),
            "warm": min((row["warm"] for row in rows), key=lambda value: value[1]),
        }
        for rows in zip(*rounds, strict=True)
    ]
    for row in best:
        print(
            f"{row['cohort'][:43]:<44}{row['plans']:>6}{row['cold'][0]:>8}{row['cold'][1]:>9.0f}"
            f"{row['warm'][0]:>8}{row['warm'][1]:>9.0f}"
        )
    small = min(best, key=lambda row: row["plans"])
    large = max(best, key=lambda row: row["plans"])
    for state in ("cold", "warm"):
        print(
            f"{large['plans']} vs {small['plans']} plans, {state}: "
            f"{large[state][1] / small[state][1]:.2f} × the time"
        )


if __name__ == "__main__":
    cohort_main()
