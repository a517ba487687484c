"""Benchmark of the portal's pages (not part of the test run).

1. Queries: the number of SQL queries of every main page and API list, for the demo plan
   (Kabupaten Pekalongan) and the large plan (Kota Contoh Besar, ~300 programmes), each
   seen by a coordinator of its region. The counts must be equal: a page whose count
   grows with the plan has an N+1. Each page is requested twice and the second (warm)
   request is counted. The large plan has no analysis records (SWOT, issues, partners,
   …): for the pages that list those, the demo plan is compared with the small one
   (Kabupaten Batang) instead. Exits non-zero when a count differs.
2. Load: gunicorn with production settings (DEBUG=0, PostgreSQL, Redis with --cache-url)
   on 127.0.0.1, then in the same run
   a. every main page of the region's plan (--region, the demo plan by default) and the
      login page as the floor, one request at a time: the median of --repeat requests
      and its ratio to the floor's (target ≤ 5);
   b. locust with --users signed-in users arriving over --ramp seconds, each waiting
      --wait seconds (5–15: a bimtek room) between pages chosen at random: p50, p95, max
      and errors per page, for the start burst (while users arrive, until ramp + the
      longest think time) and the steady state after it (targets: p95 ≤ 1 s, 0 errors).
   The machine's load average is printed with each table: other work on the machine
   slows every page alike, so compare within one run.
3. National scale (--national): a copy of the database (<name>_national) grown to 100
   regions (copies of the demo plan through the backup format) and 5 large plans in the
   demo's cohort, and 10 regions in a cohort of their own; then the demo region's pages
   in both databases and every cohort dashboard (queries, cold and warm findings cache),
   measured in turns in child processes.

The script creates its database (--database-url) if missing, migrates it, seeds it with
``seed_demo --size large`` when the large plan is not there yet, and adds its own users
(``bench-*``). It stops gunicorn when done and drops nothing.

    .venv/bin/python bench/pages.py --cache-url redis://127.0.0.1:6379/10
    .venv/bin/python bench/pages.py --queries-only
    .venv/bin/python bench/pages.py --national
"""

from __future__ import annotations

import argparse
import io
import json
import os
import secrets
import shutil
import socket
import statistics
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


def load_config(users: int, region: str = LARGE_REGION) -> dict:
    """Paths of the region's plan and one session cookie per simulated user."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from masterplan.models import Section

    plan = plan_of(region)
    sections = list(
        Section.objects.filter(book__plan=plan, book__number=2)
        .order_by("order", "pk")
        .values_list("pk", flat=True)
    )
    cookies = []
    for number in range(1, users + 1):
        user = bench_user(f"{LOAD_USERS_PREFIX}{region}-{number:03d}", region)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    programme = programme_for(plan)
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "sessions": cookies,
        "paths": {
            "dashboard": reverse("home"),
            "plan page": reverse("plan_detail", args=[plan.pk]),
            "chapter editor": [reverse("section_edit", args=[pk]) for pk in sections],
            "programme list": reverse("programs:programme_list", args=[plan.pk]),
            "programme detail": reverse("programs:programme_detail", args=[plan.pk, programme.pk]),
            "action plan": reverse("roadmap:action_plan", args=[plan.pk]),
            "roadmap grid": reverse("roadmap:roadmap_grid", args=[plan.pk]),
            "checks": reverse("checks:plan_checks", args=[plan.pk]),
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


def get(host: str, config: dict, path: str) -> float:
    """GET as the first simulated user; milliseconds until the whole body is read."""
    headers = {
        "Cookie": f"{config['cookie_name']}={config['sessions'][0]}",
        "X-Forwarded-Proto": "https",
        "Accept-Language": "id",
    }
    request = urllib.request.Request(host + path, headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        if response.status != 200:
            sys.exit(f"{path} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def first_path(paths) -> str:
    return paths[0] if isinstance(paths, list) else paths


def warm_up(host: str, config: dict, rounds: int) -> None:
    """Request every path a few times so that each worker has imported and compiled all."""
    for _round in range(rounds):
        for paths in config["paths"].values():
            get(host, config, first_path(paths))


def unloaded(host: str, config: dict, repeat: int) -> dict[str, float]:
    """Median milliseconds of each page, one request at a time (the server otherwise idle).

    The pages take turns (page 1, 2, …, 1, 2, …) so that a burst of other work on the
    machine slows them all alike instead of one page.
    """
    times: dict[str, list[float]] = {name: [] for name in config["paths"]}
    for _round in range(repeat):
        for name, paths in config["paths"].items():
            times[name].append(get(host, config, first_path(paths)))
    return {name: statistics.median(values) for name, values in times.items()}


def print_unloaded(medians: dict[str, float], repeat: int) -> None:
    floor = medians[FLOOR]
    print(
        f"\nUnloaded: median of {repeat} requests one at a time, {load_average()}; "
        "target ≤ 5 × the floor"
    )
    header = f"{'page':<20}{'median ms':>10}{'÷ floor':>9}  {'≤ 5×':<5}"
    print(header)
    print("-" * len(header))
    for name, median in medians.items():
        ratio = median / floor
        print(f"{name:<20}{median:>10.0f}{ratio:>9.1f}  {'yes' if ratio <= 5 else 'NO':<5}")


def load_average() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def print_phases(log: list, names: list[str], burst_end: float, seconds: float) -> bool:
    """p50/p95/max per endpoint in the start burst and in the steady state; True: targets met."""
    phases = {
        f"start burst (0–{burst_end:.0f} s)": [row for row in log if row[0] < burst_end],
        f"steady state ({burst_end:.0f}–{seconds:.0f} s)": [
            row for row in log if row[0] >= burst_end
        ],
    }
    header = f"{'endpoint':<20}" + "".join(
        f"{'n':>5}{'p50':>6}{'p95':>6}{'max':>6}{'err':>4}  " for _ in phases
    )
    print("".join(f"{title:<29}" for title in [" " * 20, *phases]).rstrip())
    print(header)
    print("-" * len(header))
    met = True
    for name in [*names, "all"]:
        cells = ""
        for rows in phases.values():
            rows = [row for row in rows if name in ("all", row[1])]
            times = [row[2] for row in rows]
            errors = sum(1 for row in rows if row[3])
            if not times:
                cells += f"{0:>5}{'–':>6}{'–':>6}{'–':>6}{errors:>4}  "
                continue
            p95 = percentile(times, 0.95)
            met &= p95 <= 1000 and not errors
            cells += (
                f"{len(times):>5}{percentile(times, 0.5):>6.0f}{p95:>6.0f}"
                f"{max(times):>6.0f}{errors:>4}  "
            )
        print(f"{name:<20}{cells}")
    return met


def seconds_of(duration: str) -> float:
    """locust's run time ("90s", "3m", "1h30m") in seconds."""
    units = {"h": 3600, "m": 60, "s": 1}
    total, number = 0.0, ""
    for char in duration:
        if char.isdigit() or char == ".":
            number += char
        else:
            total += float(number) * units[char]
            number = ""
    return total + (float(number) if number else 0)


def start_gunicorn(args, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = args.port or free_port()
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
        env={**os.environ, **env},
    )
    host = f"http://127.0.0.1:{port}"
    wait_until_up(f"{host}/akun/login/", gunicorn)
    return gunicorn, host


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def load_run(args, env: dict[str, str]) -> bool:
    """Unloaded medians, then the room; True when every target is met."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    config_path, log_path = workdir / "config.json", workdir / "requests.json"
    config = load_config(args.users, args.region)
    config_path.write_text(json.dumps(config))
    gunicorn, host = start_gunicorn(args, env)
    seconds = seconds_of(args.duration)
    low, _, high = (args.wait or "0").partition("-")
    think = float(high or low)
    try:
        warm_up(host, config, rounds=args.workers)
        medians = unloaded(host, config, args.repeat)
        print(
            f"\n{args.region} plan, gunicorn {args.workers} sync workers (DEBUG=0, PostgreSQL, "
            f"{settings_cache()} cache), {os.cpu_count()} cores shared with locust",
            flush=True,
        )
        print_unloaded(medians, args.repeat)
        before = load_average()
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
                f"{args.users / max(args.ramp, 1):.3f}",
                "--run-time",
                args.duration,
                "--only-summary",
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
                "BENCH_PAGES_LOG": str(log_path),
            },
        )
    finally:
        stop(gunicorn)
    if not log_path.exists():
        sys.exit(f"locust failed (exit {locust.returncode}):\n{(locust.stderr or '')[-3000:]}")
    log = json.loads(log_path.read_text())
    burst_end = min(args.ramp + think, seconds)
    print(
        f"\n{args.users} users ramped over {args.ramp:.0f} s, think time {args.wait or '0'} s, "
        f"{args.duration}; ms; before: {before}, after: {load_average()}; "
        "targets p95 ≤ 1000 ms, 0 errors"
    )
    met = print_phases(log, list(config["paths"]), burst_end, seconds)
    errors = [row for row in log if row[3]]
    if errors:
        print(f"\n{len(errors)} errors, e.g. {errors[:5]}")
    shutil.rmtree(workdir)
    floor = medians[FLOOR]
    return met and all(median <= 5 * floor for median in medians.values())


def settings_cache() -> str:
    from django.conf import settings

    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


# --- 3. National scale ------------------------------------------------------------------

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
            conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    return parts._replace(path=f"/{copy}").geturl()


def grow_national() -> None:
    """100 regions and 5 large plans in the demo's cohort, 10 regions in a cohort of their own."""
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
    copies = NATIONAL_REGIONS - originals
    grow(DEMO_REGION, "demo", copies, year)
    large_in_cohort = 1 if large.cohort_id == demo.cohort_id else 0
    grow(LARGE_REGION, "besar", NATIONAL_LARGE - large_in_cohort, year)
    grow(DEMO_REGION, "sepuluh", SMALL_COHORT_REGIONS, year + 10)
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
            __file__,
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
        [sys.executable, __file__, "--grow", "--database-url", national_url],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--cache-url", default="", help="e.g. redis://127.0.0.1:6379/10 (default: per process)"
    )
    parser.add_argument("--region", default=DEMO_REGION, help="whose plan the users open")
    parser.add_argument("--users", type=int, default=65)
    parser.add_argument("--ramp", type=float, default=60, help="seconds until all users are in")
    parser.add_argument("--duration", default="3m", help="locust --run-time, e.g. 90s, 3m")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--wait", default="5-15", help="think time per user in seconds ('0': none)")
    parser.add_argument("--repeat", type=int, default=15, help="requests per page unloaded")
    parser.add_argument("--queries-only", action="store_true")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument(
        "--national",
        action="store_true",
        help="100 regions + 5 large plans in a copy of the database (<name>_national)",
    )
    parser.add_argument("--grow", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="show locust's own output")
    args = parser.parse_args()
    if args.wait == "0":
        args.wait = ""

    env = production_env(args.database_url)
    if args.cache_url:
        env["CACHE_URL"] = args.cache_url
    os.environ.update(env)
    ensure_database(args.database_url)

    import django

    django.setup()
    prepare_data()
    if args.grow:
        grow_national()
        return
    if args.measure_json:
        print(json.dumps(measure(args.repeat)))
        return
    if args.national:
        national_run(args)
        return
    all_equal, met = True, True
    if not args.load_only:
        all_equal = query_table()
    if not args.queries_only:
        met = load_run(args, env)
    if not all_equal:
        sys.exit("\nSome pages make a different number of queries for the two plans (N+1).")
    if not met:
        sys.exit("\nSome targets are not met.")


if __name__ == "__main__":
    main()
