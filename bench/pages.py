"""Benchmark of the portal's pages (not part of the test run).

1. Queries: the number of SQL queries of every main page and API list, for the demo plan
   (Kabupaten Pekalongan) and the large plan (Kota Contoh Besar, ~300 programmes), each
   seen by a coordinator of its region. The counts must be equal: a page whose count
   grows with the plan has an N+1. Each page is requested twice and the second (warm)
   request is counted. The large plan has no analysis records (SWOT, issues, partners,
   …): for the pages that list those, the demo plan is compared with the small one
   (Kabupaten Batang) instead. Exits non-zero when a count differs.
2. Load: gunicorn with production settings (DEBUG=0, PostgreSQL) on 127.0.0.1 and locust
   headless with --users signed-in users of the large plan (one session each, no think
   time unless --wait) for the dashboard, chapter editor, programme list, roadmap grid,
   an API list and the login page as the floor (a trivial view, in the same run).
   Prints requests/s, p50, p95, errors and p95 ÷ the floor's p95.

The script creates its database (--database-url) if missing, migrates it, seeds it with
``seed_demo --size large`` when the large plan is not there yet, and adds its own users
(``bench-*``). It stops gunicorn when done and drops nothing.

    .venv/bin/python bench/pages.py [--users 65] [--duration 30s] [--workers 5]
    .venv/bin/python bench/pages.py --queries-only
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SMALL_REGION = "batang"
DEMO_REGION = "pekalongan"
LARGE_REGION = "kota-besar"
LOAD_USERS_PREFIX = "bench-load-"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/bench_pages"
FLOOR = "login page (floor)"


def production_env(database_url: str) -> dict[str, str]:
    """The environment of a production deployment behind a TLS proxy, for this run."""
    return {
        "DJANGO_SETTINGS_MODULE": "masterplan.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }


def ensure_database(database_url: str) -> None:
    """CREATE DATABASE if it does not exist (nothing else is created or dropped)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare_data() -> None:
    from django.core.management import call_command

    from masterplan.models import Plan

    call_command("migrate", verbosity=0)
    regions = set(Plan.objects.values_list("region__slug", flat=True))
    if not {SMALL_REGION, DEMO_REGION, LARGE_REGION} <= regions:
        print("Seeding the demo and large plans (seed_demo --size large) …", flush=True)
        call_command("seed_demo", size="large", stdout=io.StringIO())


def bench_user(username: str, region_slug: str):
    """A coordinator of the region, created once."""
    from masterplan.models import Membership, Region, User

    user, _ = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.id"}
    )
    region = Region.objects.get(slug=region_slug)
    Membership.objects.update_or_create(
        user=user, region=region, defaults={"role": Membership.Role.COORDINATOR}
    )
    return user


# --- 1. Query counts --------------------------------------------------------------------


def plan_of(region_slug: str):
    from masterplan.models import Plan

    return Plan.objects.select_related("region", "cohort").get(region__slug=region_slug)


def common_sections(plans) -> tuple[dict[int, str], tuple[int, str] | None]:
    """Section keys all plans have: the first of each book, and one that lists records."""
    from masterplan.models import Section

    def keys(plan, records_only: bool = False) -> list[tuple[int, str]]:
        sections = Section.objects.filter(book__plan=plan)
        if records_only:
            sections = sections.exclude(records="")
        return list(
            sections.order_by("book__number", "order", "pk").values_list("book__number", "key")
        )

    shared = set.intersection(*(set(keys(plan)) for plan in plans[1:]))
    firsts: dict[int, str] = {}
    for number, key in keys(plans[0]):
        if (number, key) in shared:
            firsts.setdefault(number, key)
    with_records = [item for item in keys(plans[0], records_only=True) if item in shared]
    return firsts, (with_records[0] if with_records else None)


PROGRAMME_LINKS = ("issues", "gap_items", "swot_items", "strategies", "partners", "risks")


def programme_for(plan, shape: frozenset | None = None):
    """The plan's programme with the most links, of the given shape if one has it.

    A shape is the set of links a programme has at least one of: a page shows one more
    query for each non-empty prefetched list that has a prefetch below it, so programmes
    are only comparable when their shapes are the same.
    """
    from django.db.models import Count

    programmes = list(
        plan.programmes.annotate(
            **{f"n_{link}": Count(link, distinct=True) for link in PROGRAMME_LINKS}
        ).order_by("code")
    )
    for programme in programmes:
        programme.shape = frozenset(
            link for link in PROGRAMME_LINKS if getattr(programme, f"n_{link}")
        )
        programme.links = sum(getattr(programme, f"n_{link}") for link in PROGRAMME_LINKS)
    same = [programme for programme in programmes if programme.shape == shape]
    return max(same or programmes, key=lambda programme: programme.links)


def page_urls(plan, firsts, records_key, programme) -> list[tuple[str, str, tuple]]:
    """(label, path, models whose rows the page lists) of every main page and API list."""
    from django.urls import reverse

    from api.urls import router
    from dimensions import views as dimension_views
    from dimensions.models import GapItem, StrategicIssue, SwotItem
    from masterplan.models import Section
    from programs.models import Partner, Risk

    pid = plan.pk

    def section(number: int, key: str) -> Section:
        return Section.objects.get(book__plan=plan, book__number=number, key=key)

    pages = [
        ("dashboard", reverse("home"), ()),
        ("plan page", reverse("plan_detail", args=[pid]), ()),
    ]
    pages += [
        (f"book {number}", reverse("book_detail", args=[pid, number]), ()) for number in firsts
    ]
    pages += [
        (
            f"chapter editor (book {number})",
            reverse("section_edit", args=[section(number, key).pk]),
            (),
        )
        for number, key in firsts.items()
    ]
    if records_key:
        pages.append(
            (
                f"chapter editor ({records_key[1][:16]})",
                reverse("section_edit", args=[section(*records_key).pk]),
                (),
            )
        )
    first = section(1, firsts[1])
    pages += [
        ("section history", reverse("record_history", args=["masterplan.section", first.uuid]), ()),
        ("agencies", reverse("agency_list", args=[pid]), ()),
    ]
    seen = set()
    for kind in dimension_views.KINDS.values():
        if kind.page_url_name in seen:
            continue
        seen.add(kind.page_url_name)
        label = kind.page_url_name.split(":")[1].replace("_", " ")
        pages.append((label, reverse(kind.page_url_name, args=[pid]), (kind.model,)))
    pages += [
        ("programme list", reverse("programs:programme_list", args=[pid]), ()),
        (
            "programme detail",
            reverse("programs:programme_detail", args=[pid, programme.pk]),
            (StrategicIssue, GapItem, SwotItem, Partner, Risk),
        ),
        ("risks", reverse("programs:risk_list", args=[pid]), (Risk,)),
        ("financing", reverse("programs:financing", args=[pid]), ()),
        ("action plan", reverse("roadmap:action_plan", args=[pid]), ()),
        (
            "programme activities",
            reverse("roadmap:programme_activities", args=[pid, programme.pk]),
            (),
        ),
        ("roadmap grid", reverse("roadmap:roadmap_grid", args=[pid]), ()),
        ("checks", reverse("checks:plan_checks", args=[pid]), ()),
        ("traceability", reverse("checks:plan_traceability", args=[pid]), ()),
        ("charts", reverse("checks:plan_charts", args=[pid]), ()),
        ("Gantt chart (SVG)", reverse("checks:plan_chart_svg", args=[pid, "gantt"]), ()),
    ]
    pages += [
        (f"review book {number}", reverse("reviews:book_review", args=[pid, number]), ())
        for number in firsts
    ]
    pages += [
        ("exports", reverse("exports:plan_exports", args=[pid]), ()),
        ("notifications", reverse("reviews:notification_list"), ()),
    ]
    for prefix, viewset, basename in router.registry:
        model = getattr(viewset, "model", None)
        pages.append((f"API {prefix}", reverse(f"api:{basename}-list"), (model,) if model else ()))
    return pages


def count_queries(user, pages) -> dict[str, tuple[int, int, float]]:
    """label → (status, queries, milliseconds) of the second request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    counts = {}
    for label, path, _models in pages:
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, secure=True)
            milliseconds = (time.perf_counter() - started) * 1000
        counts[label] = (response.status_code, len(captured), milliseconds)
    return counts


def has_rows(model, region_slug: str) -> bool:
    region_path = getattr(model, "region_path", None)
    if not region_path:
        return model._default_manager.exists()
    return model._default_manager.filter(**{f"{region_path}__slug": region_slug}).exists()


def query_table() -> bool:
    """Print the query counts; True when no page's count grows with the plan."""
    plans = [plan_of(slug) for slug in (DEMO_REGION, LARGE_REGION, SMALL_REGION)]
    firsts, records_key = common_sections(plans)
    shape = programme_for(plans[2]).shape  # what the small plan's richest programme has
    results, pages = {}, {}
    for plan in plans:
        user = bench_user(f"bench-{plan.region.slug}", plan.region.slug)
        programme = programme_for(plan, shape)
        pages[plan.region.slug] = page_urls(plan, firsts, records_key, programme)
        results[plan.region.slug] = count_queries(user, pages[plan.region.slug])
    print(
        "SQL queries per page (a coordinator of each region, second request): "
        + ", ".join(f"{plan.region.name} {plan.programmes.count()} programmes" for plan in plans)
    )
    header = (
        f"{'page':<34}{'demo':>6}{'large':>6}  {'equal':<7}{'small':>6}"
        f"{'demo ms':>9}{'large ms':>10}"
    )
    print(header)
    print("-" * len(header))
    all_equal, footnote = True, False
    for label, _path, models in pages[DEMO_REGION]:
        (s_demo, demo, demo_ms), (s_large, large, large_ms), (s_small, small, _) = (
            results[slug][label] for slug in (DEMO_REGION, LARGE_REGION, SMALL_REGION)
        )
        empty = [model for model in models if not has_rows(model, LARGE_REGION)]
        if {s_demo, s_large, s_small} != {200}:
            verdict, equal = f"HTTP {s_demo}/{s_large}/{s_small}", False
        elif demo == large:
            verdict, equal = "yes", True
        elif empty and all(has_rows(model, SMALL_REGION) for model in empty):
            # the large plan has none of these records: compare with the small plan instead
            equal = demo == small
            verdict, footnote = ("yes*" if equal else "NO*"), True
        elif empty:
            verdict, equal, footnote = "n/a*", True, True
        else:
            verdict, equal = "NO", False
        all_equal &= equal
        print(
            f"{label:<34}{demo:>6}{large:>6}  {verdict:<7}{small:>6}"
            f"{demo_ms:>9.0f}{large_ms:>10.0f}"
        )
    print("ms: the time of the counted request, one at a time in this process (DEBUG=0).")
    if footnote:
        print(
            "* the large plan has none of the records this page lists, so the demo plan is "
            "compared with the small one (Kabupaten Batang) instead; n/a: neither has any."
        )
    return all_equal


# --- 2. Load ----------------------------------------------------------------------------


def load_config(users: int) -> dict:
    """Paths of the large plan and one session cookie per simulated user."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from masterplan.models import Section

    plan = plan_of(LARGE_REGION)
    sections = list(
        Section.objects.filter(book__plan=plan, book__number=2)
        .order_by("order", "pk")
        .values_list("pk", flat=True)
    )
    cookies = []
    for number in range(1, users + 1):
        user = bench_user(f"{LOAD_USERS_PREFIX}{number:03d}", LARGE_REGION)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "sessions": cookies,
        "paths": {
            "dashboard": reverse("home"),
            "chapter editor": [reverse("section_edit", args=[pk]) for pk in sections],
            "programme list": reverse("programs:programme_list", args=[plan.pk]),
            "roadmap grid": reverse("roadmap:roadmap_grid", args=[plan.pk]),
            "API programmes": reverse("api:programme-list"),
            FLOOR: reverse("login"),
        },
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {url} within {timeout:.0f} s")


def warm_up(host: str, config: dict, rounds: int) -> None:
    """Request every path a few times so that each worker has imported and compiled all."""
    headers = {
        "Cookie": f"{config['cookie_name']}={config['sessions'][0]}",
        "X-Forwarded-Proto": "https",
    }
    for _round in range(rounds):
        for paths in config["paths"].values():
            path = paths[0] if isinstance(paths, list) else paths
            request = urllib.request.Request(host + path, headers=headers)
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()


def read_stats(csv_path: Path) -> list[dict]:
    with csv_path.open() as handle:
        return list(csv.DictReader(handle))


def load_run(args, env: dict[str, str]) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    config_path = workdir / "config.json"
    config = load_config(args.users)
    config_path.write_text(json.dumps(config))
    port = args.port or free_port()
    host = f"http://127.0.0.1:{port}"
    child_env = {**os.environ, **env}
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "masterplan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=child_env,
    )
    try:
        wait_until_up(f"{host}/akun/login/", gunicorn)
        warm_up(host, config, rounds=args.workers)
        print(
            f"\nLoad: {LARGE_REGION} plan, gunicorn {args.workers} sync workers "
            f"(DEBUG=0, PostgreSQL), locust {args.users} users, {args.duration}, "
            f"wait {args.wait or '0'} s, {os.cpu_count()} cores shared with locust",
            flush=True,
        )
        locust = subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                args.duration,
                "--reset-stats",
                "--only-summary",
                "--csv",
                str(workdir / "locust"),
                "--loglevel",
                "WARNING",
            ],
            check=False,
            capture_output=not args.verbose,
            text=True,
            env={
                **os.environ,
                "BENCH_PAGES_CONFIG": str(config_path),
                "BENCH_PAGES_WAIT": args.wait,
            },
        )
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
    stats = workdir / "locust_stats.csv"
    if not stats.exists():
        sys.exit(f"locust failed (exit {locust.returncode}):\n{(locust.stderr or '')[-3000:]}")
    by_name = {row["Name"]: row for row in read_stats(stats)}
    if FLOOR not in by_name or not float(by_name[FLOOR]["95%"]):
        sys.exit(f"locust recorded no requests of the floor view:\n{(locust.stderr or '')[-3000:]}")
    floor_p95 = float(by_name[FLOOR]["95%"])
    header = (
        f"{'endpoint':<20}{'requests':>9}{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'errors':>7}{'p95÷floor':>11}"
    )
    print(header)
    print("-" * len(header))
    for name in [*config["paths"], "Aggregated"]:
        row = by_name.get(name)
        if row is None:
            continue
        p95 = float(row["95%"])
        print(
            f"{'all' if name == 'Aggregated' else name:<20}{int(row['Request Count']):>9}"
            f"{float(row['Requests/s']):>7.1f}{float(row['50%']):>8.0f}{p95:>8.0f}"
            f"{int(row['Failure Count']):>7}{p95 / floor_p95:>11.1f}"
        )
    failures = workdir / "locust_failures.csv"
    if failures.exists() and len(failures.read_text().splitlines()) > 1:
        print("\nerrors:\n" + failures.read_text())
    shutil.rmtree(workdir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--users", type=int, default=65)
    parser.add_argument("--duration", default="30s", help="locust --run-time, e.g. 30s, 2m")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument(
        "--wait", default="", help="think time per user in seconds, e.g. '1-3' (default none)"
    )
    parser.add_argument("--queries-only", action="store_true")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="show locust's own output")
    args = parser.parse_args()

    env = production_env(args.database_url)
    os.environ.update(env)
    ensure_database(args.database_url)

    import django

    django.setup()
    prepare_data()
    all_equal = True
    if not args.load_only:
        all_equal = query_table()
    if not args.queries_only:
        load_run(args, env)
    if not all_equal:
        sys.exit("\nSome pages make a different number of queries for the two plans (N+1).")


if __name__ == "__main__":
    main()
