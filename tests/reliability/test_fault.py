"""PostgreSQL dies under load and comes back: no acknowledged save is lost, and the same
gunicorn serves again within seconds (persistent connections with health checks).

This stops the machine's PostgreSQL cluster for a few seconds (``pg_ctlcluster … stop -m
immediate``): every other connection to it breaks. It runs with ``make test-slow`` only.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connections

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("postgresql")]

ROOT = Path(settings.BASE_DIR)
BACK_WITHIN_SECONDS = 5
WRITERS = 4
GUNICORN = [sys.executable, "-m", "gunicorn", "masterplan.wsgi:application"]
GUNICORN += ["--workers", "2", "--threads", "4", "--timeout", "30", "--no-control-socket"]


def cluster_version() -> str:
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    database = settings.DATABASES["default"]
    if not versions or database["HOST"] not in {"127.0.0.1", "localhost", ""}:
        pytest.fail(
            "The fault test stops the local PostgreSQL cluster with pg_ctlcluster; "
            "it needs a Debian cluster on this machine and DATABASE_URL pointing at it.",
            pytrace=False,
        )
    return versions[-1]


def pg(*action: str, version: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", *action],
        check=True,
        capture_output=True,
        timeout=120,
    )


def pg_ready() -> bool:
    database = settings.DATABASES["default"]
    host, port = database["HOST"] or "127.0.0.1", str(database["PORT"] or 5432)
    result = subprocess.run(["pg_isready", "-q", "-h", host, "-p", port], timeout=30)
    return result.returncode == 0


def wait_until(predicate, timeout: float, step: float = 0.1) -> bool:
    """Poll an outside process (PostgreSQL, gunicorn) until ``predicate()`` or the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def admin_connection() -> psycopg.Connection:
    database = settings.DATABASES["default"]
    return psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def fault_database():
    """A database of its own, dropped afterwards."""
    name = f"kcs_fault_{os.getpid()}"
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    database = settings.DATABASES["default"]
    credentials = quote(database["USER"] or "")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"])
    host = database["HOST"] or "127.0.0.1"
    yield name, f"postgresql://{credentials}@{host}:{database['PORT'] or 5432}/{name}"
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SQLITE_NAME", "CELERY_BROKER_URL"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on 127.0.0.1, as behind a TLS proxy
        MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="WARNING",
    )
    return env


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}", pytrace=False)
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Api:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict | None]:
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, None
        except (OSError, ValueError):  # refused, reset, timed out, half an answer
            return 0, None


class Writers:
    """Threads adding goals through the API; remembers every goal the server acknowledged."""

    def __init__(self, api: Api, plan_id: int):
        self.api, self.plan_id = api, plan_id
        self.stop = threading.Event()
        self.changed = threading.Condition()
        self.acknowledged: list[tuple[int, str, float]] = []  # (id, statement, when)
        self.failures: list[float] = []
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(WRITERS)]

    def run(self, writer: int) -> None:
        number = 0
        while not self.stop.is_set():
            number += 1
            statement = f"fault-{writer}-{number}"
            status, body = self.api.call(
                "POST", "/api/v1/goals/", {"plan": self.plan_id, "statement": statement}
            )
            with self.changed:
                if 200 <= status < 300:
                    self.acknowledged.append((body["id"], statement, time.monotonic()))
                else:
                    self.failures.append(time.monotonic())
                self.changed.notify_all()
            if status < 200 or status >= 300:
                time.sleep(0.05)  # do not spin while the database is away

    def wait(self, predicate, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout=timeout)

    def acknowledged_after(self, moment: float) -> int:
        return sum(1 for _, _, when in self.acknowledged if when > moment)

    def failures_after(self, moment: float) -> int:
        return sum(1 for when in self.failures if when > moment)


def test_saves_survive_a_postgresql_crash_and_gunicorn_recovers(fault_database, tmp_path):
    version = cluster_version()
    _name, database_url = fault_database
    env = production_env(database_url, tmp_path)
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env=env)
    token = re.search(r"token (\w+)", manage("drf_create_token", "editor", env=env)).group(1)

    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [*GUNICORN, "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    api = Api(f"http://127.0.0.1:{port}", token)
    writers = None
    try:
        assert wait_until(lambda: api.call("GET", "/api/v1/plans/")[0] == 200, 60), "no gunicorn"
        plans = api.call("GET", "/api/v1/plans/")[1]["results"]
        writers = Writers(api, plans[0]["id"])
        for thread in writers.threads:
            thread.start()
        assert writers.wait(lambda: len(writers.acknowledged) >= 20, 60), "no saves before"

        stopped = time.monotonic()
        pg("stop", "-m", "immediate", version=version)
        try:
            # writers meet the dead database for a while (each gets an error, none hangs)
            writers.wait(lambda: writers.failures_after(stopped) >= 2 * WRITERS, 10)
        finally:
            if not pg_ready():
                pg("start", version=version)
        assert wait_until(pg_ready, 60), "PostgreSQL did not come back"
        back = time.monotonic()

        served = wait_until(lambda: api.call("GET", "/api/v1/plans/")[0] == 200, 15, step=0.05)
        serving_after = time.monotonic() - back
        assert served and serving_after <= BACK_WITHIN_SECONDS, (
            f"the app served again {serving_after:.1f} s after PostgreSQL was back"
        )
        assert writers.wait(lambda: writers.acknowledged_after(back) >= 10, 30), "no saves after"
        assert gunicorn.poll() is None, "gunicorn died"
    finally:
        if writers is not None:
            writers.stop.set()
            for thread in writers.threads:
                thread.join(timeout=30)
        if not pg_ready():  # never leave the machine without its database
            pg("start", version=version)
            wait_until(pg_ready, 60)
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=20)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
        log.close()
        connections.close_all()  # this process's connections died with the cluster

    assert writers.failures_after(stopped) > 0, "the database was never seen down"
    acknowledged = {goal_id: statement for goal_id, statement, _ in writers.acknowledged}
    assert len(acknowledged) == len(writers.acknowledged), "an id was acknowledged twice"
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT id, statement FROM dimensions_goal WHERE id = ANY(%s)", [list(acknowledged)]
        ).fetchall()
        statements = [row[0] for row in conn.execute("SELECT statement FROM dimensions_goal")]
    assert dict(rows) == acknowledged, "a save that got a 2xx is missing after the crash"
    fault_rows = [s for s in statements if s.startswith("fault-")]
    assert len(fault_rows) == len(set(fault_rows)), "a save was written twice"
