"""The checks' findings are cached per plan content version (PlanVersion), exactly invalidated."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checks import cache as findings_cache
from checks.cache import cached_findings_bulk
from checks.registry import run_checks_bulk
from masterplan.editing import record_reorder
from masterplan.plan_versions import plan_versions
from masterplan.registry import plan_record_kinds
from masterplan.services import record_delete, record_restore, record_save
from reviews.models import BookTransition, Comment, SectionApproval
from reviews.services import comment_resolve
from tests import factories
from tests.security.conftest import build_region_objects

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    if request.param == "redis":
        redis = pytest.importorskip("redis")
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        except redis.exceptions.ConnectionError:
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "test-findings",
            }
        }
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "test-findings",
            }
        }
    caches["default"].clear()
    yield request.param
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


def messages(findings) -> list[str]:
    return [f"{finding.code}:{finding.message}" for finding in findings]


def change_one(kind, plan, by) -> None:
    """Change one row of the kind the way the portal does."""
    row = kind.of_plan(plan).order_by("-pk").first()
    assert row is not None, kind.label
    if kind.tracked:
        record_save(row, by=by)
    elif row.__class__ is Comment:
        comment_resolve(comment=row, by=by)
    elif row.__class__ is SectionApproval:
        row.approved_version += 1
        row.at = timezone.now()
        row.save()
    elif row.__class__ is BookTransition:
        BookTransition.objects.create(
            book=row.book, action="return", from_status="submitted", to_status="draft"
        )
    else:  # a section image: replaced, i.e. deleted
        row.delete()


def test_a_change_to_any_kind_of_record_gives_fresh_findings(world, cache_backend):
    plan = world.plan_a
    build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    other = world.plan_b
    for kind in plan_record_kinds():
        before = plan_versions([plan.pk, other.pk])
        cached_findings_bulk([plan, other])  # the cache now holds this version
        change_one(kind, plan, world.coordinator_a)
        after = plan_versions([plan.pk, other.pk])
        assert after[plan.pk] != before[plan.pk], kind.label
        if not kind.of_region:
            assert after[other.pk] == before[other.pk], kind.label
        cached = cached_findings_bulk([plan, other])
        fresh = run_checks_bulk([plan, other])
        assert messages(cached[plan.pk]) == messages(fresh[plan.pk]), kind.label


def dashboard_findings(client, plan) -> int:
    """The number of findings the dashboard shows for the plan."""
    page = client.get(reverse("home")).text
    block = page[page.index(reverse("checks:plan_checks", args=[plan.pk])) - 400 :]
    return int(re.search(r"(\d+) temuan", page[: len(page) - len(block) + 400]).group(1))


def test_the_dashboard_shows_fresh_findings_after_each_kind_of_write(client, world, cache_backend):
    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    client.force_login(world.coordinator_a)

    def fresh() -> int:
        return len(run_checks_bulk([plan])[plan.pk])

    assert dashboard_findings(client, plan) == fresh()
    assert dashboard_findings(client, plan) == fresh()  # from the cache

    # the review workflow: resolving the comment removes its finding
    before = fresh()
    comment_resolve(comment=objects.comment, by=world.coordinator_a)
    assert fresh() == before - 1
    assert dashboard_findings(client, plan) == fresh()

    # the save service: a required section written
    section = plan.books.get(number=1).sections.filter(required=True, body="").first()
    before = fresh()
    section.body = "<p>Ditulis.</p>"
    record_save(section, by=world.coordinator_a)
    assert fresh() == before - 1
    assert dashboard_findings(client, plan) == fresh()

    # delete, then restore
    programme = factories.programme(plan, name="Program tanpa target")
    before = fresh()
    deleted = record_delete(programme, by=world.coordinator_a)
    assert fresh() != before
    assert dashboard_findings(client, plan) == fresh()
    record_restore(deleted, by=world.coordinator_a)
    assert fresh() == before
    assert dashboard_findings(client, plan) == fresh()


def test_a_move_without_a_new_version_changes_the_version_of_the_plan(world, cache_backend):
    from dimensions.views import KINDS

    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    issue = getattr(objects.gov, "isu-strategis")
    kind = next(kind for kind in KINDS.values() if kind.model is type(issue))
    type(issue).objects.create(
        plan=plan, dimension=issue.dimension, title="Isu kedua", order=issue.order + 1
    )
    before = plan_versions([plan.pk])[plan.pk]
    record_reorder(issue, kind, step=1, by=world.coordinator_a)
    assert plan_versions([plan.pk])[plan.pk] > before


def test_the_second_dashboard_view_runs_fewer_queries(client, world, cache_backend):
    build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    client.force_login(world.coordinator_a)
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("home")).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(reverse("home")).status_code == 200
    # the versions are one query; the checks' own queries are skipped
    assert len(second) < len(first) - 10
    version_queries = [q for q in second.captured_queries if "planversion" in q["sql"]]
    assert len(version_queries) == 1


def test_the_versions_of_many_plans_take_one_query(world, cache_backend):
    build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    plan_versions([world.plan_a.pk, world.plan_b.pk])  # rows exist
    with CaptureQueriesContext(connection) as captured:
        versions = plan_versions([world.plan_a.pk, world.plan_b.pk])
    assert len(captured) == 1
    assert set(versions) == {world.plan_a.pk, world.plan_b.pk}


def test_findings_are_kept_per_language(world, cache_backend):
    from django.utils import translation

    plan = world.plan_a
    with translation.override("en"):
        english = findings_cache._key(plan.pk, 1)
    with translation.override("id"):
        indonesian = findings_cache._key(plan.pk, 1)
    assert english != indonesian


def test_the_cohort_dashboard_counts_follow_a_change(client, world, cache_backend):
    from checks.cache import cached_finding_counts
    from checks.registry import ERROR

    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)

    def fresh() -> tuple[int, int]:
        findings = run_checks_bulk([plan])[plan.pk]
        errors = sum(1 for finding in findings if finding.severity == ERROR)
        return errors, len(findings) - errors

    assert cached_finding_counts([plan])[plan.pk] == fresh()
    comment_resolve(comment=objects.comment, by=world.coordinator_a)
    assert cached_finding_counts([plan])[plan.pk] == fresh()
    client.force_login(world.admin)
    page = client.get(reverse("checks:cohort_dashboard", args=[plan.cohort_id]))
    assert page.status_code == 200


def test_the_books_progress_follows_a_written_section(world, cache_backend):
    from checks.cache import cached_book_progress
    from masterplan.models import Book

    plan = world.plan_a
    book = plan.books.get(number=1)

    def fresh() -> tuple[int, int]:
        counted = Book.objects.with_progress().get(pk=book.pk)
        return counted.required_sections, counted.written_sections

    assert cached_book_progress([plan])[book.pk] == fresh()
    section = book.sections.filter(required=True, body="").first()
    section.body = "<p>Ditulis.</p>"
    record_save(section, by=world.coordinator_a)
    required, written = cached_book_progress([plan])[book.pk]
    assert (required, written) == fresh()
    assert written >= 1
    # read again: from the cache, no counting query
    with CaptureQueriesContext(connection) as captured:
        assert cached_book_progress([plan])[book.pk] == (required, written)
    assert not any("COUNT" in query["sql"].upper() for query in captured.captured_queries)
