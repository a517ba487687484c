"""One registry of a plan's records (masterplan/registry.py), read by every consumer.

A new model with a ``region_path`` is a plan record; these tests say which consumer misses
it: the backup, the export content hash, the comment targets, the API, the test builders.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from api.serializers.reviews import CommentSerializer
from api.urls import NOT_EXPOSED, router
from exports.backup import plan_tables
from exports.services import NOT_HASHED, hashed_kinds
from masterplan import registry
from masterplan.models import Plan, SectionImage
from masterplan.registry import plan_record_kind, plan_record_kinds, scoped_models
from reviews.targets import NOT_COMMENTABLE, comment_target_model, comment_target_models
from tests.api.conftest import build_records
from tests.security.conftest import build_region_objects

LABELS = {kind.label for kind in plan_record_kinds()}
SERVER_SIDE = {
    "masterplan.membership",
    "masterplan.mentorassignment",
    "masterplan.auditevent",
    "masterplan.revision",
    "masterplan.deletedrecord",
    "exports.exportjob",
    "editions.edition",  # frozen history of a book, not one of its records
}


def labels(models) -> set[str]:
    return {model._meta.label_lower for model in models}


def _missing(plan: Plan) -> list[str]:
    return [kind.label for kind in plan_record_kinds() if not kind.of_plan(plan).exists()]


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def fresh_registry():
    registry.plan_record_kinds.cache_clear()
    yield
    registry.plan_record_kinds.cache_clear()


# --- the registry -------------------------------------------------------------------------


def test_it_finds_the_plan_records_and_leaves_out_what_says_it_is_none():
    core = {"masterplan.plan", "masterplan.book", "masterplan.section", "masterplan.agency"}
    assert core | {"programs.programme", "roadmap.activity", "reviews.comment"} < LABELS
    assert labels(scoped_models()) - SERVER_SIDE - {"masterplan.region"} == LABELS
    for model in scoped_models():
        if model._meta.label_lower in SERVER_SIDE:
            assert model.plan_record is False


def test_it_knows_the_way_from_each_kind_to_its_plan_and_book():
    assert plan_record_kind("masterplan.plan").plan_path == ""
    assert plan_record_kind("programs.indicatortarget").plan_path == "indicator__programme__plan"
    assert plan_record_kind(SectionImage).plan_path == "section__book__plan"
    assert plan_record_kind("masterplan.agency").of_region
    assert plan_record_kind("reviews.comment").anchor == "target_uuid"
    assert plan_record_kind("masterplan.book").book_path == ""
    assert plan_record_kind("reviews.sectionapproval").book_path == "section__book"
    assert plan_record_kind("programs.programme").book_path is None
    with pytest.raises(LookupError):
        plan_record_kind("masterplan.revision")


def test_parents_come_before_their_children():
    position = {kind.model: number for number, kind in enumerate(plan_record_kinds())}
    for kind in plan_record_kinds():
        for field in kind.model._meta.concrete_fields:
            parent = field.related_model if field.is_relation else None
            if parent in position and parent is not kind.model:
                assert position[parent] < position[kind.model], (kind.label, field.name)


def test_a_plan_path_that_leads_nowhere_is_refused(monkeypatch, fresh_registry):
    monkeypatch.setattr(SectionImage, "plan_path", "section__book", raising=False)
    with pytest.raises(ImproperlyConfigured, match="does not lead to a plan"):
        plan_record_kinds()


def test_a_region_record_without_a_way_to_its_plan_is_shared_by_the_region(
    monkeypatch, fresh_registry
):
    monkeypatch.delattr(SectionImage, "plan_path")
    assert plan_record_kind(SectionImage).of_region


@pytest.mark.django_db
def test_each_kind_finds_the_rows_of_one_plan_only(world):
    build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    build_region_objects(world.plan_b, author=world.editor_b, reader=world.editor_b)
    for kind in plan_record_kinds():
        rows_a = set(kind.of_plan(world.plan_a).values_list("pk", flat=True))
        rows_b = set(kind.of_plan(world.plan_b).values_list("pk", flat=True))
        assert rows_a and rows_b, kind.label
        assert not rows_a & rows_b, kind.label
        in_region = kind.model._base_manager.filter(**{kind.model.region_path: world.region_a})
        assert rows_a <= set(in_region.values_list("pk", flat=True)), kind.label


# --- its consumers --------------------------------------------------------------------------


def test_the_backup_holds_every_kind():
    assert {kind.label for kind in plan_tables()} == LABELS


def test_the_content_hash_covers_every_kind_or_says_why_not():
    hashed = {kind.label for kind in hashed_kinds()}
    assert set(NOT_HASHED) <= LABELS
    assert hashed | set(NOT_HASHED) == LABELS and not hashed & set(NOT_HASHED)
    assert all(reason.strip() for reason in NOT_HASHED.values())


def test_every_kind_takes_comments_or_says_why_not():
    targets = labels(comment_target_models())
    assert set(NOT_COMMENTABLE) <= LABELS
    assert targets | set(NOT_COMMENTABLE) == LABELS and not targets & set(NOT_COMMENTABLE)
    assert all(reason.strip() for reason in NOT_COMMENTABLE.values())
    for model in comment_target_models():
        kind = plan_record_kind(model)
        assert kind.tracked, f"{kind.label}: a comment needs a UUID and a version"
        assert hasattr(model._default_manager, "visible_to"), kind.label
    assert set(CommentSerializer().fields["target_type"].choices) == targets
    for label in NOT_COMMENTABLE:
        with pytest.raises(LookupError):
            comment_target_model(label)


@pytest.mark.django_db
def test_the_comment_panel_opens_on_every_target_kind_and_on_no_other(client, world):
    build_records(world.plan_a)
    client.force_login(world.editor_a)
    for kind in plan_record_kinds():
        row = kind.of_plan(world.plan_a).first()
        if not hasattr(row, "uuid"):
            continue
        response = client.get(reverse("reviews:comment_list", args=[kind.label, row.uuid]))
        expected = 404 if kind.label in NOT_COMMENTABLE else 200
        assert response.status_code == expected, kind.label


def test_every_kind_has_an_api_endpoint_or_says_why_not():
    exposed = labels(viewset.model for _prefix, viewset, _basename in router.registry)
    assert set(NOT_EXPOSED) <= LABELS
    assert LABELS - exposed == set(NOT_EXPOSED) and not exposed & set(NOT_EXPOSED)
    assert all(reason.strip() for reason in NOT_EXPOSED.values())


@pytest.mark.django_db
def test_the_api_builder_makes_every_kind_under_its_endpoint_name(world):
    records = build_records(world.plan_a)
    assert _missing(world.plan_a) == []
    for _prefix, viewset, basename in router.registry:
        if viewset.model._meta.label_lower in LABELS:
            assert isinstance(records.get(basename), viewset.model), basename


@pytest.mark.django_db
def test_the_security_builder_makes_every_kind(world):
    build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    assert _missing(world.plan_a) == []
