"""Cohorts, regions, plans, books and sections; the region's agencies and the plan's
institutions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from api import filters
from api.base import Conflict, ReadOnlyViewSet, ScopedViewSet, UpdateOnlyViewSet
from api.serializers.core import (
    AgencySerializer,
    BookSerializer,
    CohortSerializer,
    InstitutionMemberSerializer,
    InstitutionSerializer,
    PlanSerializer,
    RegionSerializer,
    SectionSerializer,
)
from masterplan.models import (
    Agency,
    Book,
    Cohort,
    Institution,
    InstitutionMember,
    Plan,
    Region,
    Section,
    User,
)
from masterplan.permissions import can_manage_region
from reviews.services import book_note_edit


class CohortViewSet(ReadOnlyViewSet):
    model = Cohort
    scoped = False
    serializer_class = CohortSerializer
    filterset_class = filters.CohortFilter
    ordering_fields = ("year",)


class RegionViewSet(ReadOnlyViewSet):
    model = Region
    serializer_class = RegionSerializer
    filterset_fields = ("kind", "province")
    search_fields = ("name", "code", "slug")
    ordering_fields = ("name", "code")


class PlanViewSet(UpdateOnlyViewSet):
    model = Plan
    serializer_class = PlanSerializer
    filterset_class = filters.PlanFilter
    search_fields = ("title", "region__name")
    ordering_fields = ("start_year", "title", "updated_at")


class BookViewSet(ReadOnlyViewSet):
    model = Book
    serializer_class = BookSerializer
    filterset_class = filters.BookFilter
    ordering_fields = ("number",)


class SectionViewSet(UpdateOnlyViewSet):
    model = Section
    serializer_class = SectionSerializer
    filterset_class = filters.SectionFilter
    search_fields = ("title", "key")
    ordering_fields = ("order", "updated_at")

    def perform_update(self, serializer: SectionSerializer) -> None:
        super().perform_update(serializer)
        # as in the chapter editor: editing a submitted or approved book returns it to draft
        book_note_edit(book=serializer.instance.book, by=self.request.user)


class AgencyViewSet(ScopedViewSet):
    """Agencies are the region's, managed by its coordinators (and admins)."""

    model = Agency
    serializer_class = AgencySerializer
    filterset_class = filters.AgencyFilter
    search_fields = ("name", "acronym")
    ordering_fields = ("name", "acronym")

    def may_change(self, user: User, record: Agency) -> bool:
        return can_manage_region(user, record.region_id)

    def may_create(self, user: User, record: Agency) -> bool:
        return can_manage_region(user, record.region_id)

    def perform_destroy(self, record: Agency) -> None:
        # as in the portal: an agency that records still name is not deleted
        if any(
            relation.related_model._base_manager.filter(**{relation.field.name: record}).exists()
            for relation in record._meta.related_objects
            if relation.on_delete is not models.CASCADE
        ):
            raise Conflict(_("Programmes or other records still name this agency."))
        super().perform_destroy(record)


class InstitutionViewSet(ScopedViewSet):
    model = Institution
    serializer_class = InstitutionSerializer
    prefetch = ("members",)
    filterset_class = filters.InstitutionFilter
    ordering_fields = ("kind",)


class InstitutionMemberViewSet(ScopedViewSet):
    model = InstitutionMember
    serializer_class = InstitutionMemberSerializer
    filterset_class = filters.InstitutionMemberFilter
    search_fields = ("name", "position")
    ordering_fields = ("order", "name")
