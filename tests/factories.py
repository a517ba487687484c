"""Test data builders (factory_boy). Reference data comes from the migration."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from dimensions.models import Dimension, Element, Framework, FundingSource
from masterplan.models import Agency, Cohort, Membership, MentorAssignment, Plan, Region, User
from masterplan.services import cohort_create_templates, plan_create_from_template

DEMO_PASSWORD = "test-password-123"


def framework() -> Framework:
    return Framework.objects.get(code="kominfo-2017")


def dimension(code: str = "GOV") -> Dimension:
    return Dimension.objects.get(framework__code="kominfo-2017", code=code)


def element(dimension_code: str = "GOV", code: str = "SRV") -> Element:
    return Element.objects.get(
        dimension__framework__code="kominfo-2017", dimension__code=dimension_code, code=code
    )


def funding_source(code: str = "APBD-KAB") -> FundingSource:
    return FundingSource.objects.get(framework__code="kominfo-2017", code=code)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.id")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ("year",)
        skip_postgeneration_save = True

    year = 2024
    name = factory.LazyAttribute(lambda c: f"Menuju Kota Cerdas {c.year}")
    framework = factory.LazyFunction(framework)

    @factory.post_generation
    def templates(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            start = datetime.date(obj.year, 5, 1)
            cohort_create_templates(
                cohort=obj,
                stage_dates=[
                    (
                        start + datetime.timedelta(days=30 * i),
                        start + datetime.timedelta(days=30 * i + 1),
                    )
                    for i in range(4)
                ],
            )


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kabupaten Contoh {n}")
    kind = Region.Kind.KABUPATEN
    province = "Jawa Tengah"
    code = factory.Sequence(lambda n: f"33.{n + 50:02d}")
    slug = factory.Sequence(lambda n: f"contoh-{n}")


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    acronym = factory.Sequence(lambda n: f"DC{n}")


def make_plan(
    region: Region | None = None,
    cohort: Cohort | None = None,
    *,
    start_year: int = 2025,
    end_year: int = 2034,
    by: User | None = None,
) -> Plan:
    return plan_create_from_template(
        region=region or RegionFactory(),
        cohort=cohort or CohortFactory(),
        start_year=start_year,
        end_year=end_year,
        by=by,
    )


def member(
    user: User,
    region: Region,
    role: str = Membership.Role.EDITOR,
    dimensions: list[Dimension] | None = None,
) -> Membership:
    membership = Membership.objects.create(user=user, region=region, role=role)
    if dimensions:
        membership.dimensions.set(dimensions)
    return membership


def mentor(user: User, region: Region) -> MentorAssignment:
    return MentorAssignment.objects.create(user=user, region=region)


def programme(plan: Plan, element_obj: Element | None = None, **fields):
    from programs.models import Programme

    fields.setdefault("name", "Program contoh")
    record = Programme(plan=plan, element=element_obj or element(), **fields)
    record.full_clean()
    record.save()
    return record
