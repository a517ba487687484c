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
import json
import os
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402  (after the path above)
    DEFAULT_DATABASE_URL,
    DEMO_REGION,
    FLOOR,
    LARGE_REGION,
    LOAD_USERS_PREFIX,
    bench_user,
    ensure_database,
    prepare_data,
    production_env,
)
from bench.queries import plan_of, programme_for, query_table  # noqa: E402

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
    # --host: a gunicorn already running on this database (same SECRET_KEY: BENCH_SECRET_KEY)
    gunicorn, host = (None, args.host.rstrip("/")) if args.host else start_gunicorn(args, env)
    seconds = seconds_of(args.duration)
    low, _, high = (args.wait or "0").partition("-")
    think = float(high or low)
    try:
        warm_up(host, config, rounds=args.workers)
        medians = unloaded(host, config, args.repeat)
        server = (
            f"the server at {host}"
            if args.host
            else f"gunicorn {args.workers} sync workers (DEBUG=0, PostgreSQL, "
            f"{settings_cache()} cache)"
        )
        print(
            f"\n{args.region} plan, {server}, {os.cpu_count()} cores shared with locust",
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
        if gunicorn is not None:
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
    parser.add_argument(
        "--host",
        default="",
        help="a running server (e.g. http://127.0.0.1:8000 started with CACHE_URL=redis://…) "
        "on --database-url, with SECRET_KEY=$BENCH_SECRET_KEY; no gunicorn is started",
    )
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
    from bench.national import grow_national, measure, national_run

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
