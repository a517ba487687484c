"""Locust users for bench/pages.py: signed-in users of the large plan.

bench/pages.py writes the configuration (paths, one session cookie per user) to the file
named by BENCH_PAGES_CONFIG; BENCH_PAGES_WAIT is an optional think time "min-max" in
seconds. Each user sends its own session cookie and ``X-Forwarded-Proto: https`` like
the TLS proxy in front of a production gunicorn (the session cookie is Secure). A
request counts as an error unless it answers 200 without a redirect. Every path of the
configuration is one task, all equally likely. With BENCH_PAGES_LOG set, each request
(seconds since the start, name, milliseconds, error) is written there as JSON at the end.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path

from locust import HttpUser, between, constant, events

CONFIG = json.loads(Path(os.environ["BENCH_PAGES_CONFIG"]).read_text())
PATHS = CONFIG["paths"]
SESSIONS = itertools.cycle(CONFIG["sessions"])
USER_NUMBERS = itertools.count()
STARTED = time.monotonic()
LOG: list[tuple[float, str, float, bool]] = []


def think_time():
    spec = os.environ.get("BENCH_PAGES_WAIT", "")
    if not spec:
        return constant(0)
    low, _, high = spec.partition("-")
    return between(float(low), float(high or low))


def task_for(name: str):
    def run(self) -> None:
        paths = PATHS[name]
        if isinstance(paths, list):  # e.g. the chapters: each user its own
            paths = paths[self.number % len(paths)]
        self.fetch(name, paths)

    run.__name__ = name
    return run


class PortalUser(HttpUser):
    wait_time = think_time()

    def on_start(self) -> None:
        self.number = next(USER_NUMBERS)
        self.client.headers.update(
            {
                "Cookie": f"{CONFIG['cookie_name']}={next(SESSIONS)}",
                "X-Forwarded-Proto": "https",
                "Accept-Language": "id",
            }
        )

    def fetch(self, name: str, path: str) -> None:
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    tasks = [task_for(name) for name in PATHS]


@events.test_start.add_listener
def started(environment, **kwargs) -> None:
    global STARTED
    STARTED = time.monotonic()


@events.request.add_listener
def remember(request_type, name, response_time, exception, **kwargs) -> None:
    """Every request with its time since the start, for bench/pages.py's phases."""
    LOG.append(
        (round(time.monotonic() - STARTED, 3), name, round(response_time, 1), bool(exception))
    )


@events.quitting.add_listener
def write_log(environment, **kwargs) -> None:
    if os.environ.get("BENCH_PAGES_LOG"):
        Path(os.environ["BENCH_PAGES_LOG"]).write_text(json.dumps(LOG))
