from __future__ import annotations

import copy
import functools
import io
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from pytest_django.plugin import blocking_manager_key

from masterplan.models import Membership, Plan, User
from masterplan.permissions import forget_access
from tests import factories

_skipped: list[str] = []
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    # In CI every test must run: a skip hides a missing service or package.
    if os.environ.get("CI") == "true" and _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI=true: {len(_skipped)} test(s) were skipped, which fails the run:")
        for nodeid in _skipped:
            print(f"  {nodeid}")


def is_transactional(item: pytest.Item) -> bool:
    """Whether the test commits (live server, Celery worker, flush): pytest-django's rule."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


# --- Data kept across tests ------------------------------------------------------------------


class Kept:
    """Rows written once and kept, uncommitted, in an outer transaction while a run of
    consecutive tests uses them (what Django's TestCase.setUpTestData does for a class).

    Each test still runs in pytest-django's own savepoint inside that transaction, rolled
    back at its end: what one test writes is gone for the next. ``fresh()`` hands each test
    its own copy of the Python objects built, so attributes a test sets or caches on them
    (the permissions' Access on a user, a prefetch) stay with that test.
    """

    opened: list[Kept] = []  # innermost last

    def __init__(self, name: str, build: Callable[[], Any]):
        self.name = name
        self.build = build
        self.value: Any = None
        self._atomic = None
        self._blocker = None

    @property
    def is_open(self) -> bool:
        return self._atomic is not None

    def open(self, django_db_blocker) -> Any:
        if self.is_open:
            return self.value
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            # like the test case's own atomics: a durable atomic block may run inside
            atomic._from_testcase = True
            try:
                with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                    self.value = self.build()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self._atomic, self._blocker = atomic, django_db_blocker
        Kept.opened.append(self)
        return self.value

    def fresh(self) -> Any:
        return copy.deepcopy(self.value)

    def close(self) -> None:
        """Roll the kept rows back (no-op when closed already)."""
        if not self.is_open:
            return
        assert Kept.opened[-1] is self and connection.atomic_blocks[-1] is self._atomic, (
            f"kept data {self.name!r} closed while a transaction opened after it is still open"
        )
        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        Kept.opened.pop()
        self._atomic = self.value = None

    @classmethod
    def close_all(cls) -> None:
        while cls.opened:
            cls.opened[-1].close()


_running: dict[str, pytest.Item] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _running["item"] = item


@pytest.fixture(autouse=True)
def _transactional_tests(request):
    """Transactional tests (live server, Celery worker, flush) commit, so the data kept for
    the tests before them (the database tests of their file) is rolled back first. They
    empty every table afterwards: see pytest_runtest_teardown."""
    if is_transactional(request.node):
        Kept.close_all()


def _load_reference_data() -> None:
    """The framework the data migration loads, if a transactional test flushed it."""
    from django.apps import apps

    from dimensions.models import Framework

    if not Framework.objects.exists():
        import_module("dimensions.migrations.0003_kominfo_2017_framework").load(apps, None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. What is cached per plan content version
    (findings, progress, API rows, page fragments) is keyed by ids and version numbers, and
    the data kept for a file's tests is rolled back after each one: the next test's plan
    can have the same id and version with other content."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


# --- The world: two regions, one persona per role ------------------------------------------


@pytest.fixture(autouse=True)
def _synchronous_exports(settings):
    """With no broker an export runs in a background thread; tests run it in the request
    (its render still in a bounded child process) unless they test the thread."""
    settings.EXPORT_SYNCHRONOUS = True


@dataclass
class World:
    """Two regions with their plans, and one persona per role."""

    plan_a: Plan
    plan_b: Plan
    admin: User
    coordinator_a: User
    editor_a: User
    economy_editor_a: User
    viewer_a: User
    mentor_a: User
    editor_b: User
    outsider: User

    @property
    def region_a(self):
        return self.plan_a.region

    @property
    def region_b(self):
        return self.plan_b.region

    def users(self) -> list[User]:
        return [value for value in vars(self).values() if isinstance(value, User)]


def build_world() -> World:
    cohort = factories.CohortFactory()
    plan_a = factories.make_plan(
        factories.RegionFactory(name="Kabupaten A", slug="region-a"), cohort
    )
    plan_b = factories.make_plan(
        factories.RegionFactory(name="Kabupaten B", slug="region-b"), cohort
    )
    user = factories.UserFactory
    w = World(
        plan_a=plan_a,
        plan_b=plan_b,
        admin=user(username="admin", is_staff=True, is_superuser=True),
        coordinator_a=user(username="coordinator-a"),
        editor_a=user(username="editor-a"),
        economy_editor_a=user(username="economy-editor-a"),
        viewer_a=user(username="viewer-a"),
        mentor_a=user(username="mentor-a"),
        editor_b=user(username="editor-b"),
        outsider=user(username="nobody"),
    )
    factories.member(w.coordinator_a, plan_a.region, Membership.Role.COORDINATOR)
    factories.member(w.editor_a, plan_a.region, Membership.Role.EDITOR)
    factories.member(
        w.economy_editor_a, plan_a.region, Membership.Role.EDITOR, [factories.dimension("ECO")]
    )
    factories.member(w.viewer_a, plan_a.region, Membership.Role.VIEWER)
    factories.mentor(w.mentor_a, plan_a.region)
    factories.member(w.editor_b, plan_b.region, Membership.Role.EDITOR)
    for person in w.users():
        forget_access(person)
    return w


@pytest.fixture(scope="session")
def _kept_data(django_db_setup, django_db_blocker):
    """Rolls back whatever data is still kept before the test database goes."""
    yield
    Kept.close_all()


@pytest.fixture(scope="module")
def _module_world(_kept_data, django_db_blocker):
    """The world of a test file, built once (about 400 queries) and rolled back at its end.

    Module-scoped fixtures are set up before the test's own transaction opens, which is
    what lets this one wrap it.
    """
    kept = Kept("world", build_world)
    if not is_transactional(_running["item"]):
        kept.open(django_db_blocker)
    yield kept
    kept.close()


@pytest.fixture
def world(request, db, _module_world) -> World:
    """Two regions and the personas, as ``build_world`` leaves them.

    Built once per test file, and each test rolled back; a transactional test (whose data
    must be committed for a live server or a worker to see it) builds its own.
    """
    if _module_world.is_open and not is_transactional(request.node):
        return _module_world.fresh()
    return build_world()


# --- The demo plans, seeded once for every test that reads them --------------------------


def _seed_demo_and_large_plan() -> None:
    call_command("seed_demo", size="large", stdout=io.StringIO(), stderr=io.StringIO())


DEMO = Kept("demo", _seed_demo_and_large_plan)


@pytest.fixture(scope="module")
def demo_plans(_kept_data, django_db_blocker) -> None:
    """``seed_demo --size large``: the demo cohort (Pekalongan, Batang, their users) and the
    benchmark plan Kota Besar (300 programmes), seeded once per test process for all the
    tests that use this fixture. They run one after the other (pytest_collection_modifyitems),
    each rolled back; the seed is rolled back after the last of them.
    """
    DEMO.open(django_db_blocker)


DEMO_FIXTURE = "demo_plans"


def _plain_db(item: pytest.Item) -> bool:
    uses_db = item.get_closest_marker("django_db") is not None or "db" in item.fixturenames
    return uses_db and not is_transactional(item)


def _unique_node_ids(items: list[pytest.Item]) -> None:
    """schemathesis names its tests ``test[GET /api/v1/…]``, but pytest 9.2 builds node ids
    from the original name: the 168 operations of tests/api/test_schema_fuzz.py shared one
    id, and pytest-xdist (which schedules by id) ran one of them. Put the name back in."""
    counts = Counter(item.nodeid for item in items)
    for item in items:
        name, original = item.name, getattr(item, "originalname", item.name)
        if counts[item.nodeid] > 1 and name.startswith(f"{original}[") and hasattr(item, "_id"):
            item._id = type(item._id).parse(f"{item.nodeid}{name[len(original) :]}")
    repeated = [nodeid for nodeid, n in Counter(i.nodeid for i in items).items() if n > 1]
    if repeated:
        raise pytest.UsageError(f"tests share an id (xdist would run one of each): {repeated}")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgresql`` run where DATABASE_URL is PostgreSQL (CI's first run); on
    the embedded SQLite default they are deselected, so CI=true sees no skip.

    Then, after pytest-django's order (database tests, transactional ones, the rest): the
    tests of the demo plans first among the database tests, one after the other. Under
    `-n 2 --dist loadfile --no-loadscope-reorder` (make test) their files are one unit of
    work, the first one handed out: one worker seeds, once (pytest_xdist_make_scheduler)."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        dropped = [item for item in items if item.get_closest_marker("postgresql")]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
    _unique_node_ids(items)
    demo = [item for item in items if DEMO_FIXTURE in item.fixturenames]
    if not demo:
        return
    rest = [item for item in items if DEMO_FIXTURE not in item.fixturenames]
    at = next((n for n, item in enumerate(rest) if _plain_db(item)), 0)
    items[:] = rest[:at] + demo + rest[at:]


# Under xdist --dist loadfile a worker takes a whole file; the tests of these files are
# handed out one by one instead: long, independent, and cheap to set up twice (the schema
# fuzzer alone kept one worker busy for minutes after the other was done).
SPREAD_FILES = ("tests/api/test_schema_fuzz.py", "tests/security/test_html_matrix.py")
# The files that read the demo plans go to one worker together, as one unit: only that
# worker seeds them (seed_demo --size large, the costliest set-up of the suite) while the
# other starts on the rest; they are first in the collection, so that worker starts with them.
DEMO_SCOPE = "demo-plans"


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    root = config.rootpath

    @functools.cache
    def reads_the_demo(path: str) -> bool:
        # The controller that schedules collects no tests: it reads the file's source.
        try:
            return DEMO_FIXTURE in (root / path).read_text(encoding="utf-8")
        except OSError:
            return False

    class FileScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path in SPREAD_FILES:
                return nodeid
            return DEMO_SCOPE if reads_the_demo(path) else path

    return FileScheduling(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        # After the last test the database goes (and _kept_data rolls back before that).
        if nextitem is not None:
            if is_transactional(item):
                with item.config.stash[blocking_manager_key].unblock():
                    _load_reference_data()
            if DEMO.is_open and DEMO_FIXTURE not in nextitem.fixturenames:
                DEMO.close()
