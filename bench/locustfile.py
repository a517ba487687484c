"""Locust users for bench/pages.py: signed-in users of the large plan.

bench/pages.py writes the configuration (paths, one session cookie per user) to the file
named by BENCH_PAGES_CONFIG; BENCH_PAGES_WAIT is an optional think time "min-max" in
seconds. Each user sends its own session cookie and ``X-Forwarded-Proto: https`` like
the TLS proxy in front of a production gunicorn (the session cookie is Secure). A
request counts as an error unless it answers 200 without a redirect.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, between, constant, task

CONFIG = json.loads(Path(os.environ["BENCH_PAGES_CONFIG"]).read_text())
PATHS = CONFIG["paths"]
SESSIONS = itertools.cycle(CONFIG["sessions"])
USER_NUMBERS = itertools.count()


def think_time():
    spec = os.environ.get("BENCH_PAGES_WAIT", "")
    if not spec:
        return constant(0)
    low, _, high = spec.partition("-")
    return between(float(low), float(high or low))


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

    @task
    def dashboard(self) -> None:
        self.fetch("dashboard", PATHS["dashboard"])

    @task
    def chapter_editor(self) -> None:
        sections = PATHS["chapter editor"]
        self.fetch("chapter editor", sections[self.number % len(sections)])

    @task
    def programme_list(self) -> None:
        self.fetch("programme list", PATHS["programme list"])

    @task
    def roadmap_grid(self) -> None:
        self.fetch("roadmap grid", PATHS["roadmap grid"])

    @task
    def api_list(self) -> None:
        self.fetch("API programmes", PATHS["API programmes"])

    @task
    def floor(self) -> None:
        self.fetch("login page (floor)", PATHS["login page (floor)"])
