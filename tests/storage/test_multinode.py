"""Several nodes on one machine: two gunicorn instances and a Celery worker, each started
from its own working directory, sharing one PostgreSQL database (a throw-away one, copied
from the migrated test database: ``migrate`` of an empty one took most of a minute), Redis
(cache and broker, a database number of their own) and an S3-compatible bucket
(moto's server). What one node does, the others see; a stopped node loses no answered save.

Runs where CI runs the suite on PostgreSQL (``DATABASE_URL=postgresql://…``); on SQLite it is
deselected (marker ``postgresql``), never skipped."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import psycopg
import pytest
import redis
import requests
from django.apps import apps as django_apps

from tests.storage.conftest import ACCESS_KEY, REGION, SECRET_KEY

# No django_db: this process writes nothing to the test database and holds no transaction on
# it, so the nodes' database is a CREATE DATABASE … TEMPLATE copy of it (the cluster fixture).
pytestmark = [pytest.mark.postgresql]

ROOT = Path(__file__).resolve().parents[2]
# What a node's working directory holds besides the project's own apps (code(), below).
FILES = ["manage.py", "templates", "static", "locale", "tests"]
REDIS_DB = 13  # the nodes' own Redis database, emptied before and after
PASSWORD = "kota-cerdas-node-test"
SEED = f"""
import sys
sys.stdin.readline()  # started early (its imports take seconds), seeds once the copy is made
import json
from django.apps import apps
from importlib import import_module
from dimensions.models import Framework
from masterplan.models import Membership
from tests import factories
if not Framework.objects.exists():  # a transactional test emptied the tables it was copied from
    import_module("dimensions.migrations.0003_kominfo_2017_framework").load(apps, None)
cohort = factories.CohortFactory()
plan = factories.make_plan(factories.RegionFactory(name="Kabupaten A", slug="region-a"), cohort)
factories.make_plan(factories.RegionFactory(name="Kabupaten B", slug="region-b"), cohort)
editor = factories.UserFactory(username="editor-a", full_name="Editor Simpul A")
colleague = factories.UserFactory(username="editor-b", full_name="Editor Simpul B")
mentor = factories.UserFactory(username="mentor-a")
for user in (editor, colleague, mentor):
    user.set_password("{PASSWORD}")
    user.save()
factories.member(editor, plan.region, Membership.Role.EDITOR)
factories.member(colleague, plan.region, Membership.Role.EDITOR)
factories.mentor(mentor, plan.region)
book = plan.books.get(number=1)
section = book.sections.get(key="pendahuluan")
print(json.dumps({{"book": book.pk, "section": section.pk, "section_uuid": str(section.uuid)}}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # same files, own tree; instant on the same file system
    except OSError:
        shutil.copy2(source, target)


def code() -> list[str]:
    """Every app of the project (INSTALLED_APPS under the project's folder) and its files: a
    node never falls back on the installed copy of an app it lacks."""
    local = {
        Path(config.path).relative_to(ROOT).parts[0]
        for config in django_apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and "site-packages" not in Path(config.path).parts
    }
    return [*FILES, *sorted(local)]


def node_tree(folder: Path) -> Path:
    """The same code in another working directory (its own tree, as on another machine)."""
    folder.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules")
    for name in code():
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=ignore, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(source), str(folder / name))
    return folder


class Database:
    """A throw-away PostgreSQL database next to the one DATABASE_URL names."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.name = f"mp_nodes_{uuid.uuid4().hex[:10]}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.parts = parts

    def _run(self, statement: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def create(self) -> None:
        self._run(f'CREATE DATABASE "{self.name}"')

    def copy_of(self, migrated: str) -> None:
        """A copy of the migrated database ``migrated`` (the test database: its schema, its
        django_migrations, the framework the data migration loads). ``CREATE DATABASE …
        TEMPLATE`` copies its files in a second; it needs the template without connections,
        so while another session is on it, pg_dump reads a snapshot beside it."""
        try:
            self._run(f'CREATE DATABASE "{self.name}" TEMPLATE "{migrated}"')
        except psycopg.errors.ObjectInUse:
            self.create()
            self.restore_from(migrated)

    def restore_from(self, migrated: str) -> None:
        options = ["-h", self.parts.hostname or "127.0.0.1", "-p", str(self.parts.port or 5432)]
        options += ["-U", self.parts.username or "postgres"]
        env = {**os.environ}
        if self.parts.password:
            env["PGPASSWORD"] = self.parts.password
        dump = subprocess.Popen(
            ["pg_dump", *options, "--no-owner", "--no-privileges", migrated],
            stdout=subprocess.PIPE,
            env=env,
        )
        restore = subprocess.run(
            ["psql", *options, "-q", "-v", "ON_ERROR_STOP=1", "-d", self.name],
            stdin=dump.stdout,
            capture_output=True,
            env=env,
            check=False,
        )
        dump.stdout.close()
        assert dump.wait() == 0, "pg_dump failed"
        assert restore.returncode == 0, restore.stderr.decode()[-2000:]

    def drop_later(self) -> None:
        """DROP DATABASE waits for a checkpoint (seconds on a busy server): a psql of its
        own does it while the suite goes on."""
        options = ["-h", self.parts.hostname or "127.0.0.1", "-p", str(self.parts.port or 5432)]
        options += ["-U", self.parts.username or "postgres", "-d", "postgres", "-q"]
        env = {**os.environ, **({"PGPASSWORD": self.parts.password} if self.parts.password else {})}
        statement = f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'
        subprocess.Popen(
            ["psql", *options, "-c", statement],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def query(self, sql: str, *params):
        with psycopg.connect(self.url) as connection:
            return connection.execute(sql, params).fetchone()


class Node:
    def __init__(self, name: str, folder: Path, env: dict, command: list[str]):
        self.name, self.folder = name, folder
        self.log = folder / f"{name}.log"
        self.process = subprocess.Popen(
            command,
            cwd=folder,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def kill(self) -> None:
        """The process and its children (gunicorn's and Celery's workers), at once."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # its own session: its group
            self.process.wait()


class Web(Node):
    def __init__(self, name: str, folder: Path, env: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "masterplan.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            # the app imported once and forked (not once per worker): two nodes, a worker
            # and the seed start together on a 2-core machine
            "--preload",
            "--graceful-timeout",
            "20",
        ]
        super().__init__(name, folder, env, command)

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"{self.name} died:\n{self.output()}"
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass  # still starting (a slow start on a busy machine answers late)
            time.sleep(0.1)
        raise AssertionError(f"{self.name} did not start:\n{self.output()}")


def node_environment(database: Database, bucket: str, endpoint: str, folder: Path) -> dict:
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "STORAGE_", "CELERY_", "EXPORT_", "DJANGO_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "MEDIA_ROOT", "PYTHONPATH"}
    }
    return {
        **base,
        "PYTHONPATH": str(folder),
        "DEBUG": "1",
        "SECRET_KEY": "the-same-key-on-every-node-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database.url,
        "CONN_MAX_AGE": "0",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        # Each node's own disk: nothing may land there.
        "MEDIA_ROOT": str(folder / "local-media"),
        "EXPORT_ROOT": str(folder / "local-exports"),
        "SQLITE_NAME": str(folder / "unused.sqlite3"),
    }


def login(web: Web, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{web.url}/akun/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    answer = session.post(
        f"{web.url}/akun/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    return session


def png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (29, 17), "purple").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def cluster(s3_endpoint, tmp_path, django_db_setup, django_db_blocker):
    from django.db import connection

    from tests.conftest import Kept

    database = Database(os.environ["DATABASE_URL"])
    shared = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    shared.flushdb()
    bucket = f"kcs-nodes-{uuid.uuid4().hex[:8]}"
    boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    ).create_bucket(Bucket=bucket)
    folders = {name: node_tree(tmp_path / name) for name in ("a", "b", "worker")}
    env = {name: node_environment(database, bucket, s3_endpoint, f) for name, f in folders.items()}
    nodes: list[Node] = []
    seed = None
    try:
        # The nodes start (seconds of imports) while the database is copied and seeded:
        # none queries it before a request or a task.
        worker_command = [sys.executable, "-m", "celery", "--app", "masterplan", "worker"]
        worker_command += ["--concurrency", "1", "--loglevel", "INFO"]
        worker_command += ["--without-gossip", "--without-mingle"]
        seed = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", SEED],
            cwd=folders["a"],
            env=env["a"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        worker = Node("worker", folders["worker"], env["worker"], worker_command)
        nodes.append(worker)
        a = Web("a", folders["a"], env["a"])
        nodes.append(a)
        b = Web("b", folders["b"], env["b"])
        nodes.append(b)
        # the template may have no session: the rows kept for the tests before are rolled
        # back (as before a transactional test) and the connection closed (it reopens)
        Kept.close_all()
        with django_db_blocker.unblock():
            connection.close()
        database.copy_of(connection.settings_dict["NAME"])
        out, err = seed.communicate("go\n", timeout=120)
        assert seed.returncode == 0, err[-3000:]
        ids = json.loads(out.strip().splitlines()[-1])
        deadline = time.monotonic() + 60
        a.wait_ready(deadline)
        b.wait_ready(deadline)
        yield a, b, worker, database, ids, folders
    finally:
        # the test is over (node A's graceful stop is what it checked): no waiting
        if seed is not None and seed.poll() is None:
            seed.kill()
            seed.wait()
        for node in nodes:
            node.kill()
        database.drop_later()
        shared.flushdb()


def test_two_web_nodes_and_a_worker_share_everything(cluster):
    a, b, worker, database, ids, folders = cluster
    started = time.monotonic()

    # A session started on A is valid on B (sessions in the database, one SECRET_KEY).
    editor = login(a, "editor-a")
    section_page = f"/bagian/{ids['section']}/sunting/"
    assert editor.get(b.url + section_page, allow_redirects=False, timeout=10).status_code == 200

    # An export started on B is rendered by the worker (while the steps below run) and
    # downloaded from A.
    started_export = editor.post(
        f"{b.url}/buku/{ids['book']}/ekspor/mulai/", allow_redirects=False, timeout=20
    )
    assert started_export.status_code == 302

    # Presence: the editor has the section open on A; a colleague's editor on B sees it.
    colleague = login(b, "editor-b")
    presence = colleague.post(f"{b.url}/bagian/{ids['section']}/kehadiran/", timeout=10)
    assert presence.status_code == 200
    assert "Editor Simpul A" in presence.text, presence.text[:500]

    # An image uploaded through A is shown by B.
    uploaded = editor.post(
        f"{a.url}/bagian/{ids['section']}/gambar/",
        files={"image": ("peta.png", png(), "image/png")},
        data={"alt": "Peta"},
        timeout=20,
    )
    assert uploaded.status_code == 201, uploaded.text[:500]
    image_path = uploaded.json()["url"]
    shown = editor.get(b.url + image_path, timeout=10)
    assert shown.status_code == 200 and shown.content == png()

    # Notifications: a mentor's comment on B, seen by the editor on A.
    mentor = login(b, "mentor-a")
    commented = mentor.post(
        f"{b.url}/komentar/masterplan.section/{ids['section_uuid']}/",
        data={"body": "@editor-a tolong lengkapi peta lintas simpul"},
        allow_redirects=False,
        timeout=10,
    )
    assert commented.status_code == 302, commented.text[:500]
    (notification,) = database.query(
        "SELECT n.id FROM reviews_notification n JOIN masterplan_user u ON u.id = n.user_id"
        " WHERE u.username = 'editor-a'"
    )
    assert f"/notifikasi/{notification}/" in editor.get(f"{a.url}/notifikasi/", timeout=10).text

    # The export started on B above: rendered by the worker, downloaded from A. Its end is
    # waited for in the shared database: polling node A's export page five times a second
    # took CPU from the worker's render on a two-core machine.
    state = None
    deadline = time.monotonic() + 90
    while state not in ("done", "failed") and time.monotonic() < deadline:
        (state,) = database.query(
            "SELECT state FROM exports_exportjob WHERE book_id = %s ORDER BY id DESC LIMIT 1",
            ids["book"],
        ) or (None,)
        time.sleep(0.2)
    page = editor.get(f"{a.url}/buku/{ids['book']}/ekspor/", timeout=10).text
    found = re.search(r"/ekspor/([0-9a-f-]{36})/unduh/", page)
    download = found[0] if found else None
    assert download, f"no finished export (state {state}); worker:\n{worker.output()}"
    pdf = editor.get(a.url + download, timeout=20)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "export_book" in worker.output() or "succeeded" in worker.output()
    for folder in folders.values():  # every file went to the bucket, none to a node's disk
        assert not (folder / "local-media").exists() and not (folder / "local-exports").exists()

    # Stopping A (SIGTERM) loses no answered save: every acknowledged version is stored.
    acknowledged: list[tuple[int, str]] = []
    refused: list[Exception] = []
    version = int(
        re.search(r'name="version"[^>]*value="(\d+)"', editor.get(a.url + section_page).text)[1]
    )

    def keep_saving():
        nonlocal version
        for number in range(400):
            body = f"<p>Simpanan ke-{number}</p>"
            try:
                answer = editor.post(
                    a.url + section_page,
                    data={"title": "Pendahuluan", "body": body, "version": version},
                    headers={"HX-Request": "true"},
                    timeout=20,
                )
            except requests.ConnectionError as error:
                refused.append(error)
                return
            if answer.status_code == 200:
                version = int(answer.headers["X-Section-Version"])
                acknowledged.append((version, body))

    saver = threading.Thread(target=keep_saving)
    saver.start()
    while len(acknowledged) < 5 and saver.is_alive():
        time.sleep(0.05)
    a.process.send_signal(signal.SIGTERM)
    saver.join(timeout=60)
    assert a.process.wait(timeout=30) == 0
    assert refused, "node A kept answering after SIGTERM"
    assert len(acknowledged) >= 5
    stored_version, stored_body = database.query(
        "SELECT version, body FROM masterplan_section WHERE id = %s", ids["section"]
    )
    last_version, last_body = acknowledged[-1]
    assert stored_version >= last_version
    if stored_version == last_version:
        assert stored_body == last_body
    # B still answers, with the last save.
    assert "Simpanan ke-" in editor.get(b.url + section_page, timeout=10).text
    assert time.monotonic() - started < 60


@pytest.mark.django_db  # also: run alone, this file then has the test database set up to copy
def test_a_node_tree_holds_every_app_of_the_project(tmp_path):
    tree = node_tree(tmp_path / "node")
    for app in ("masterplan", "editions", "monitoring", "search", "exports", "api"):
        assert (tree / app / "__init__.py").is_file(), app
    assert (tree / "manage.py").is_file()
    assert not (tree / ".venv").exists()
