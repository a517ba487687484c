"""The Django admin: every model registered, scoped by the permissions module."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dimensions.models import Horizon
from masterplan.admin import AgencyAdmin, MembershipAdmin
from masterplan.models import (
    Agency,
    AuditEvent,
    Book,
    BookTemplate,
    Cohort,
    Membership,
    Plan,
    Region,
    Revision,
    Section,
)
from masterplan.outlines import DEFAULT_STAGES
from programs.models import BudgetLine, Indicator, Partner, Programme, Risk
from roadmap.models import Activity, RoadmapEntry
from tests import factories

pytestmark = pytest.mark.django_db

BOOK_APPS = ["masterplan", "dimensions", "programs", "roadmap"]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def request_as(user, method: str = "get"):
    request = getattr(RequestFactory(), method)("/admin/")
    request.user = user
    return request


def page_data(response) -> dict:
    """The POST data of an admin form page as shown, without its blank extra rows."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += formset.initial_forms
        initial = formset.management_form.initial["INITIAL_FORMS"]
        data[f"{formset.prefix}-TOTAL_FORMS"] = initial
        data[f"{formset.prefix}-INITIAL_FORMS"] = initial
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value is not None and value is not False and value != "":
                data[form.add_prefix(name)] = value
    return data


def grant(user, *codenames: str) -> None:
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    for cache in ("_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(cache, None)


@pytest.fixture
def programmes(world):
    agency_a = factories.AgencyFactory(region=world.region_a, name="Diskominfo A")
    programme_a = factories.programme(world.plan_a, name="Layanan A", lead_agency=agency_a)
    programme_b = factories.programme(world.plan_b, name="Layanan B")
    Indicator.objects.create(programme=programme_a, name="Pengguna aktif", unit="orang")
    BudgetLine.objects.create(
        programme=programme_a, year=2026, funding_source=factories.funding_source(), amount=10**8
    )
    Partner.objects.create(programme=programme_a, name="Universitas", kind=Partner.Kind.ACADEMIA)
    Risk.objects.create(plan=world.plan_a, programme=programme_a, description="Anggaran")
    Activity.objects.create(programme=programme_a, name="Sosialisasi", year=2026)
    RoadmapEntry.objects.create(programme=programme_a, year=2026, target="10 desa")
    return programme_a, programme_b


# --- Registration and pages ------------------------------------------------------------


def test_it_registers_every_model_of_the_book_apps():
    missing = [
        model._meta.label
        for label in BOOK_APPS
        for model in apps.get_app_config(label).get_models()
        if model not in admin.site._registry
    ]
    assert missing == []


def test_it_opens_every_changelist_and_add_page(client, world, programmes):
    client.force_login(world.admin)
    request = request_as(world.admin)
    for model, model_admin in admin.site._registry.items():
        response = client.get(admin_url(model, "changelist"))
        assert response.status_code == 200, model._meta.label
        if model_admin.search_fields:
            response = client.get(admin_url(model, "changelist"), {"q": "a"})
            assert response.status_code == 200, model._meta.label
        expected = 200 if model_admin.has_add_permission(request) else 403
        response = client.get(admin_url(model, "add"))
        assert response.status_code == expected, model._meta.label


def test_it_answers_every_autocomplete(client, world, programmes):
    request = request_as(world.admin)
    sources = []
    for model_admin in admin.site._registry.values():
        for owner in (model_admin, *model_admin.get_inline_instances(request)):
            sources += [(owner.model, name) for name in owner.get_autocomplete_fields(request)]
    client.force_login(world.admin)
    for model, field_name in sources:
        params = {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": "a",
        }
        response = client.get(reverse("admin:autocomplete"), params)
        assert response.status_code == 200, (model._meta.label, field_name)


def test_it_opens_the_change_pages_of_real_objects(client, world, programmes):
    programme_a, _ = programmes
    book = world.plan_a.books.get(number=1)
    objects = [
        world.plan_a,
        world.region_a,
        world.plan_a.cohort,
        world.editor_a,
        book,
        book.sections.first(),
        book.template,
        programme_a,
        programme_a.indicators.get(),
        programme_a.activities.get(),
        AuditEvent.objects.filter(region=world.region_a).first(),
    ]
    client.force_login(world.admin)
    for obj in objects:
        response = client.get(admin_url(type(obj), "change", obj.pk))
        assert response.status_code == 200, type(obj).__name__
    response = client.get(admin_url(Programme, "change", programme_a.pk))
    for inline in ("Sosialisasi", "10 desa", "Universitas", "Pengguna aktif", "Anggaran"):
        assert inline in response.content.decode()


def test_it_shows_programme_columns(client, world, programmes):
    programme_a, _ = programmes
    client.force_login(world.admin)
    response = client.get(admin_url(Programme, "changelist"))
    assert response.status_code == 200
    assert "GOV-SRV-01" in response.content.decode()
    assert "Kabupaten A" in response.content.decode()
    assert programme_a.lead_agency.acronym in response.content.decode()


# --- Scoping: the mixin, called as the portal's users ---------------------------------


def test_it_lists_only_programmes_of_the_users_regions(world, programmes):
    programme_a, programme_b = programmes
    model_admin = admin.site._registry[Programme]
    queryset = model_admin.get_queryset(request_as(world.editor_a))
    assert list(queryset) == [programme_a]
    assert list(model_admin.get_queryset(request_as(world.outsider))) == []
    assert set(model_admin.get_queryset(request_as(world.admin))) == {programme_a, programme_b}


def test_it_checks_the_record_on_top_of_model_permissions(world, programmes):
    programme_a, programme_b = programmes
    model_admin = admin.site._registry[Programme]
    request = request_as(world.editor_a)
    assert not model_admin.has_change_permission(request, programme_a)  # no model permission

    grant(world.editor_a, "view_programme", "change_programme", "delete_programme")
    assert model_admin.has_change_permission(request, programme_a)
    assert model_admin.has_delete_permission(request, programme_a)
    assert not model_admin.has_view_permission(request, programme_b)
    assert not model_admin.has_change_permission(request, programme_b)
    assert not model_admin.has_delete_permission(request, programme_b)


def test_it_lets_readers_view_but_not_change(world, programmes):
    programme_a, _ = programmes
    model_admin = admin.site._registry[Programme]
    for user in (world.viewer_a, world.mentor_a, world.economy_editor_a):
        grant(user, "view_programme", "change_programme")
        request = request_as(user)
        assert model_admin.has_view_permission(request, programme_a), user
        assert not model_admin.has_change_permission(request, programme_a), user


def test_it_scopes_inlines_by_their_parent(world, programmes):
    programme_a, programme_b = programmes
    grant(world.editor_a, "view_activity", "add_activity", "change_activity")
    programme_admin = admin.site._registry[Programme]
    request = request_as(world.editor_a)
    inline = next(i for i in programme_admin.get_inline_instances(request) if i.model is Activity)
    assert inline.has_add_permission(request, programme_a)
    assert not inline.has_add_permission(request, programme_b)
    assert not inline.has_change_permission(request, programme_b)
    assert list(inline.get_queryset(request)) == list(programme_a.activities.all())


def test_it_limits_related_choices_to_visible_records(world, programmes):
    agency_b = factories.AgencyFactory(region=world.region_b, name="Diskominfo B")
    model_admin = admin.site._registry[Programme]
    form = model_admin.get_form(request_as(world.editor_a))
    for field in ("lead_agency", "supporting_agencies"):
        choices = set(form.base_fields[field].queryset)
        assert Agency.objects.get(name="Diskominfo A") in choices
        assert agency_b not in choices
    assert set(form.base_fields["plan"].queryset) == {world.plan_a}

    admin_form = model_admin.get_form(request_as(world.admin))
    assert agency_b in set(admin_form.base_fields["lead_agency"].queryset)


def test_it_leaves_reference_choices_alone(world):
    model_admin = admin.site._registry[Programme]
    form = model_admin.get_form(request_as(world.outsider))
    assert form.base_fields["horizon"].queryset.count() == Horizon.objects.count()


def test_it_refuses_everyone_changes_to_a_final_book(world):
    book = world.plan_a.books.get(number=1)
    book.status = Book.Status.FINAL
    book.save()
    model_admin = admin.site._registry[Book]
    request = request_as(world.admin)
    assert model_admin.has_view_permission(request, book)
    assert not model_admin.has_change_permission(request, book)


def test_it_lets_only_coordinators_manage_members_and_agencies(world):
    grant(world.editor_a, "change_membership", "change_agency")
    grant(world.coordinator_a, "change_membership", "change_agency")
    membership = Membership.objects.get(user=world.viewer_a)
    agency = factories.AgencyFactory(region=world.region_a)
    for admin_class, obj in ((MembershipAdmin, membership), (AgencyAdmin, agency)):
        model_admin = admin_class(type(obj), admin.site)
        assert not model_admin.has_change_permission(request_as(world.editor_a), obj)
        assert model_admin.has_change_permission(request_as(world.coordinator_a), obj)


# --- Writes through the admin ----------------------------------------------------------


def test_it_gives_a_new_cohort_the_default_books(client, world):
    client.force_login(world.admin)
    url = admin_url(Cohort, "add")
    data = {"year": 2030, "name": "Menuju Kota Cerdas 2030", "framework": factories.framework().pk}
    response = client.post(url, {**data, **page_data(client.get(url))})
    assert response.status_code == 302
    cohort = Cohort.objects.get(year=2030)
    assert list(cohort.book_templates.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert BookTemplate.objects.get(cohort=cohort, number=1).section_templates.exists()


def test_it_saves_the_prefilled_stages_that_got_dates(client, world):
    client.force_login(world.admin)
    url = admin_url(Cohort, "add")
    response = client.get(url)
    assert "Bimtek Tahap IV" in response.content.decode()
    data = {
        **page_data(response),
        "year": 2031,
        "name": "Menuju Kota Cerdas 2031",
        "framework": factories.framework().pk,
        "stages-TOTAL_FORMS": len(DEFAULT_STAGES),
    }
    # what the browser sends back: the prefilled rows, dates only in the first one
    for row, (number, name, expectations, _books) in enumerate(DEFAULT_STAGES):
        data |= {
            f"stages-{row}-number": number,
            f"stages-{row}-name": name,
            f"stages-{row}-expectations": expectations,
        }
    data |= {"stages-0-starts_on": "2031-05-01", "stages-0-ends_on": "2031-05-02"}
    response = client.post(url, data)
    assert response.status_code == 302
    cohort = Cohort.objects.get(year=2031)
    assert list(cohort.stages.values_list("number", "name")) == [(1, "Bimtek Tahap I")]
    assert cohort.book_templates.count() == 4


@pytest.fixture
def plan_form(client, world):
    client.force_login(world.admin)
    url = admin_url(Plan, "add")
    region = factories.RegionFactory(name="Kota C", slug="region-c")
    data = {
        "region": region.pk,
        "cohort": world.plan_a.cohort.pk,
        "framework": "",
        "title": "Masterplan Smart City Kota C",
        "start_year": 2025,
        "end_year": 2034,
        **page_data(client.get(url)),
    }
    return url, data, region


def test_it_copies_the_outline_into_a_new_plan(client, world, plan_form):
    url, data, region = plan_form
    response = client.post(url, data)
    assert response.status_code == 302
    plan = Plan.objects.get(region=region)
    assert plan.framework == world.plan_a.cohort.framework
    assert plan.created_by == world.admin
    assert list(plan.books.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert Section.objects.filter(book__plan=plan).count() == (
        Section.objects.filter(book__plan=world.plan_a).count()
    )
    event = AuditEvent.objects.get(region=region, action="plan.create")
    assert (event.actor, event.target_uuid) == (world.admin, plan.uuid)
    assert event.changes["after"]["title"] == "Masterplan Smart City Kota C"
    assert Revision.objects.for_object(plan).get().actor == world.admin


@pytest.mark.parametrize("end_year", [2028, 2035])
def test_it_rejects_a_period_outside_5_to_10_years(client, plan_form, end_year):
    url, data, region = plan_form
    response = client.post(url, {**data, "end_year": end_year})
    assert response.status_code == 200
    assert "end_year" in response.context["adminform"].form.errors
    assert not Plan.objects.filter(region=region).exists()


def test_it_files_a_programmes_risks_under_its_plan(client, world, programmes):
    programme_a, _ = programmes
    client.force_login(world.admin)
    url = admin_url(Programme, "change", programme_a.pk)
    data = page_data(client.get(url))
    row = data["risks-TOTAL_FORMS"]
    data["risks-TOTAL_FORMS"] = row + 1
    data.update({f"risks-{row}-description": "Data tidak tersedia", f"risks-{row}-likelihood": 2})
    data[f"risks-{row}-impact"] = 3
    response = client.post(url, data)
    assert response.status_code == 302
    risk = Risk.objects.get(description="Data tidak tersedia")
    assert risk.plan == world.plan_a
    assert risk.created_by == world.admin
    assert programme_a.risks.count() == 2


# --- Query counts ----------------------------------------------------------------------


@pytest.mark.smoke
def test_it_lists_programmes_in_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    agency = factories.AgencyFactory(region=world.region_a)
    horizon = Horizon.objects.get(framework=world.plan_a.framework, code="SHORT")
    elements = [factories.element("GOV", "SRV"), factories.element("ECO", "TRX")]

    def add_programmes(count: int) -> None:
        for n in range(count):
            factories.programme(
                world.plan_a,
                elements[n % 2],
                name=f"Program {n}",
                lead_agency=agency,
                horizon=horizon,
                is_quick_win=n % 3 == 0,
            )

    client.force_login(world.admin)
    url = admin_url(Programme, "changelist")
    add_programmes(5)
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    add_programmes(35)
    with django_assert_max_num_queries(len(five)):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 40


def test_region_model_is_scoped_too(world):
    model_admin = admin.site._registry[Region]
    assert list(model_admin.get_queryset(request_as(world.mentor_a))) == [world.region_a]
