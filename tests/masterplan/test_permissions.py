"""The permission matrix: role × action × own/other region, for predicates and QuerySets."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from dimensions.models import StrategicIssue, SwotItem
from masterplan import permissions
from masterplan.models import Agency, Book, Plan, Region, Section, User
from programs.models import Programme
from roadmap.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db

PERSONAS = [
    "admin",
    "coordinator_a",
    "editor_a",
    "economy_editor_a",
    "viewer_a",
    "mentor_a",
    "editor_b",
    "outsider",
]

# action → personas allowed on a region-A record of the GOV dimension
ALLOWED_ON_A = {
    "view": {"admin", "coordinator_a", "editor_a", "economy_editor_a", "viewer_a", "mentor_a"},
    "edit": {"admin", "coordinator_a", "editor_a"},
    "comment": {"admin", "coordinator_a", "editor_a", "economy_editor_a", "mentor_a"},
    "review": {"admin", "mentor_a"},
    "submit": {"admin", "coordinator_a"},
    "finalise": {"admin"},
    "manage": {"admin", "coordinator_a"},
}

PREDICATES = {
    "view": permissions.can_view,
    "edit": permissions.can_edit,
    "comment": permissions.can_comment,
    "review": permissions.can_review,
    "submit": permissions.can_submit,
    "finalise": permissions.can_finalise,
    "manage": lambda user, obj: permissions.can_manage_region(user, obj.scope_region_id()),
}


@pytest.fixture
def records(world):
    def build(plan):
        gov = factories.programme(plan, factories.element("GOV", "SRV"), name="Layanan")
        eco = factories.programme(plan, factories.element("ECO", "TRX"), name="QRIS")
        return {
            "gov_programme": gov,
            "eco_programme": eco,
            "eco_activity": Activity.objects.create(programme=eco, name="Pelatihan", year=2026),
            "book": plan.books.get(number=1),
            "section": plan.books.get(number=2).sections.get(key="pendahuluan"),
            "eco_section": plan.books.get(number=2).sections.get(key="strategi--eco"),
            "issue": StrategicIssue.objects.create(
                plan=plan, dimension=factories.dimension("ECO"), title="UMKM belum digital"
            ),
            "swot": SwotItem.objects.create(plan=plan, kind="S", text="Batik mendunia"),
        }

    return {"a": build(world.plan_a), "b": build(world.plan_b)}


@pytest.mark.parametrize("action", list(ALLOWED_ON_A))
@pytest.mark.parametrize("persona", PERSONAS)
def test_predicates_follow_the_matrix_on_own_and_other_region(world, records, persona, action):
    user = getattr(world, persona)
    predicate = PREDICATES[action]
    assert predicate(user, records["a"]["gov_programme"]) is (persona in ALLOWED_ON_A[action])
    # region B: only the admin, and region B's editor for what editors may do
    expected_b = persona == "admin" or (
        persona == "editor_b" and action in {"view", "edit", "comment"}
    )
    assert predicate(user, records["b"]["gov_programme"]) is expected_b


def test_anonymous_may_do_nothing(records):
    anonymous = AnonymousUser()
    for predicate in PREDICATES.values():
        assert not predicate(anonymous, records["a"]["gov_programme"])
    assert not Programme.objects.visible_to(anonymous).exists()
    assert not Programme.objects.editable_by(anonymous).exists()


def test_a_dimension_limited_editor_edits_only_that_dimension(world, records):
    user = world.economy_editor_a
    own = records["a"]
    assert permissions.can_edit(user, own["eco_programme"])
    assert permissions.can_edit(user, own["eco_activity"])
    assert permissions.can_edit(user, own["issue"])
    assert permissions.can_edit(user, own["eco_section"])
    assert not permissions.can_edit(user, own["gov_programme"])
    assert not permissions.can_edit(user, own["section"])
    assert not permissions.can_edit(user, own["swot"])  # no dimension: the whole group's
    assert permissions.can_view(user, own["gov_programme"])
    assert permissions.can_create_in(user, world.region_a, factories.dimension("ECO"))
    assert not permissions.can_create_in(user, world.region_a, factories.dimension("GOV"))
    assert not permissions.can_create_in(user, world.region_a)


def test_visible_to_returns_nothing_of_region_b_to_members_of_region_a(world, records):
    for persona in ["coordinator_a", "editor_a", "economy_editor_a", "viewer_a", "mentor_a"]:
        user = getattr(world, persona)
        for model in (Programme, Activity, Book, Section, StrategicIssue, SwotItem, Plan, Agency):
            visible = model.objects.visible_to(user)
            assert not visible.in_region(world.region_b).exists(), (persona, model)
        assert list(Region.objects.visible_to(user)) == [world.region_a]


def test_visible_to_returns_everything_assigned_to_a_mentor(world, records):
    second = factories.make_plan(
        factories.RegionFactory(name="Kota C", slug="kota-c"), world.plan_a.cohort
    )
    factories.mentor(world.mentor_a, second.region)
    permissions.forget_access(world.mentor_a)
    programme_c = factories.programme(second)
    visible = set(Programme.objects.visible_to(world.mentor_a))
    assert visible == {records["a"]["gov_programme"], records["a"]["eco_programme"], programme_c}
    assert set(Plan.objects.visible_to(world.mentor_a)) == {world.plan_a, second}
    assert not Programme.objects.editable_by(world.mentor_a).exists()


def test_an_inactive_region_disappears_for_its_members(world, records):
    # (another user object: roles are computed once per user object, i.e. per request)
    assert Programme.objects.visible_to(User.objects.get(pk=world.editor_a.pk)).exists()
    Region.objects.filter(pk=world.region_a.pk).update(is_active=False)
    permissions.forget_access(world.editor_a)  # roles are read once per request: a new one
    assert not Programme.objects.visible_to(world.editor_a).exists()


def test_a_final_book_is_locked_for_everyone(world, records):
    book = records["a"]["book"]
    book.status = Book.Status.FINAL
    book.save()
    section = book.sections.first()
    assert not permissions.can_edit(world.admin, section)
    assert not permissions.can_edit(world.editor_a, book)
    assert permissions.can_view(world.viewer_a, section)


def scoped_models():
    return [model for model in apps.get_models() if hasattr(model._default_manager, "visible_to")]


@pytest.mark.parametrize("persona", PERSONAS)
def test_querysets_and_predicates_agree_for_every_scoped_model(world, records, persona):
    """A list page (QuerySet) and a detail page (predicate) must never disagree."""
    user = getattr(world, persona)
    checked = 0
    for model in scoped_models():
        ordered = model.objects.order_by("pk")
        objects = {*ordered[:25], *ordered.reverse()[:25]}
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        editable = set(model.objects.editable_by(user).values_list("pk", flat=True))
        for obj in objects:
            assert (obj.pk in visible) is permissions.can_view(user, obj), (model, obj)
            if not getattr(obj, "is_locked", lambda: False)():
                assert (obj.pk in editable) is permissions.can_edit(user, obj), (model, obj)
            checked += 1
    assert len(scoped_models()) >= 25
    assert checked > 60


@pytest.mark.smoke
def test_roles_are_computed_with_a_constant_number_of_queries(world, django_assert_num_queries):
    user = type(world.editor_a).objects.get(pk=world.editor_a.pk)
    with django_assert_num_queries(3):
        permissions.access_for(user)
        permissions.access_for(user)
        permissions.role_in(user, world.region_a)
