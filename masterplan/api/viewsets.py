"""One thin viewset per resource: model, serializer, filters, and what to fetch in bulk.
Scoping, permissions and versions live in ``ScopedViewSet``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dimensions.models import (
    ExistingInnovation,
    Framework,
    FundingSource,
    GapItem,
    Goal,
    Horizon,
    IndicatorType,
    InnovationType,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.api import filters, serializers
from masterplan.api.base import Conflict, ReadOnlyViewSet, ScopedViewSet, UpdateOnlyViewSet
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
from masterplan.reviews.services import book_note_edit
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    Risk,
)
from roadmap.models import Activity, RoadmapEntry

# --- Reference data: the same for every signed-in user ---------------------------------


class FrameworkViewSet(ReadOnlyViewSet):
    model = Framework
    scoped = False
    serializer_class = serializers.FrameworkSerializer
    prefetch = ("dimensions__elements", "pillars__aspects")
    search_fields = ("code", "name")
    ordering_fields = ("code", "valid_from")


class ReferenceViewSet(ReadOnlyViewSet):
    scoped = False
    filterset_class = filters.ReferenceFilter
    search_fields = ("code", "name_id", "name_en")
    ordering_fields = ("order", "code")


class FundingSourceViewSet(ReferenceViewSet):
    model = FundingSource
    serializer_class = serializers.FundingSourceSerializer


class HorizonViewSet(ReferenceViewSet):
    model = Horizon
    serializer_class = serializers.HorizonSerializer


class IndicatorTypeViewSet(ReferenceViewSet):
    model = IndicatorType
    serializer_class = serializers.IndicatorTypeSerializer


class InnovationTypeViewSet(ReferenceViewSet):
    model = InnovationType
    serializer_class = serializers.InnovationTypeSerializer


class CohortViewSet(ReadOnlyViewSet):
    model = Cohort
    scoped = False
    serializer_class = serializers.CohortSerializer
    filterset_class = filters.CohortFilter
    ordering_fields = ("year",)


# --- Regions, plans, books, sections ----------------------------------------------------


class RegionViewSet(ReadOnlyViewSet):
    model = Region
    serializer_class = serializers.RegionSerializer
    filterset_fields = ("kind", "province")
    search_fields = ("name", "code", "slug")
    ordering_fields = ("name", "code")


class PlanViewSet(UpdateOnlyViewSet):
    model = Plan
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter
    search_fields = ("title", "region__name")
    ordering_fields = ("start_year", "title", "updated_at")


class BookViewSet(ReadOnlyViewSet):
    model = Book
    serializer_class = serializers.BookSerializer
    filterset_class = filters.BookFilter
    ordering_fields = ("number",)


class SectionViewSet(UpdateOnlyViewSet):
    model = Section
    serializer_class = serializers.SectionSerializer
    filterset_class = filters.SectionFilter
    search_fields = ("title", "key")
    ordering_fields = ("order", "updated_at")

    def perform_update(self, serializer: serializers.SectionSerializer) -> None:
        super().perform_update(serializer)
        # as in the chapter editor: editing a submitted or approved book returns it to draft
        book_note_edit(book=serializer.instance.book, by=self.request.user)


# --- The region's agencies and the plan's institutions ---------------------------------


class AgencyViewSet(ScopedViewSet):
    """Agencies are the region's, managed by its coordinators (and admins)."""

    model = Agency
    serializer_class = serializers.AgencySerializer
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
    serializer_class = serializers.InstitutionSerializer
    prefetch = ("members",)
    filterset_class = filters.InstitutionFilter
    ordering_fields = ("kind",)


class InstitutionMemberViewSet(ScopedViewSet):
    model = InstitutionMember
    serializer_class = serializers.InstitutionMemberSerializer
    filterset_class = filters.InstitutionMemberFilter
    search_fields = ("name", "position")
    ordering_fields = ("order", "name")


# --- Buku 1 and Buku 2 records ----------------------------------------------------------


class RegionProfileViewSet(ScopedViewSet):
    model = RegionProfile
    serializer_class = serializers.RegionProfileSerializer
    filterset_class = filters.RegionProfileFilter


class ReadinessAssessmentViewSet(ScopedViewSet):
    model = ReadinessAssessment
    serializer_class = serializers.ReadinessAssessmentSerializer
    filterset_class = filters.ReadinessFilter


class GapItemViewSet(ScopedViewSet):
    model = GapItem
    serializer_class = serializers.GapItemSerializer
    filterset_class = filters.GapItemFilter
    search_fields = ("current_condition", "gap")
    ordering_fields = ("order", "updated_at")


class SwotItemViewSet(ScopedViewSet):
    model = SwotItem
    serializer_class = serializers.SwotItemSerializer
    filterset_class = filters.SwotItemFilter
    search_fields = ("text",)
    ordering_fields = ("kind", "order", "updated_at")


class StrategicIssueViewSet(ScopedViewSet):
    model = StrategicIssue
    serializer_class = serializers.StrategicIssueSerializer
    filterset_class = filters.StrategicIssueFilter
    search_fields = ("title",)
    ordering_fields = ("order", "updated_at")


class ExistingInnovationViewSet(ScopedViewSet):
    model = ExistingInnovation
    serializer_class = serializers.ExistingInnovationSerializer
    filterset_class = filters.ExistingInnovationFilter
    search_fields = ("name",)
    ordering_fields = ("name", "year_launched", "updated_at")


class GoalViewSet(ScopedViewSet):
    model = Goal
    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter
    search_fields = ("statement",)
    ordering_fields = ("order", "target_year")


class StrategyViewSet(ScopedViewSet):
    model = Strategy
    serializer_class = serializers.StrategySerializer
    prefetch = ("issues",)
    filterset_class = filters.StrategyFilter
    search_fields = ("strategy",)
    ordering_fields = ("order", "updated_at")


# --- Buku 2/3: programmes and their parts -----------------------------------------------


class ProgrammeViewSet(ScopedViewSet):
    model = Programme
    serializer_class = serializers.ProgrammeSerializer
    prefetch = (
        "supporting_agencies",
        "strategies",
        "issues",
        "swot_items",
        "gap_items",
        "indicators__targets",
        "budget_lines",
        "partners",
        "risks",
        "before_after",
    )
    filterset_class = filters.ProgrammeFilter
    search_fields = ("code", "name")
    ordering_fields = ("code", "name", "priority", "order", "updated_at")


class IndicatorViewSet(ScopedViewSet):
    model = Indicator
    serializer_class = serializers.IndicatorSerializer
    prefetch = ("targets",)
    filterset_class = filters.IndicatorFilter
    search_fields = ("name",)
    ordering_fields = ("order", "name")


class IndicatorTargetViewSet(ScopedViewSet):
    model = IndicatorTarget
    serializer_class = serializers.IndicatorTargetSerializer
    filterset_class = filters.IndicatorTargetFilter
    ordering_fields = ("year",)


class BudgetLineViewSet(ScopedViewSet):
    model = BudgetLine
    serializer_class = serializers.BudgetLineSerializer
    filterset_class = filters.BudgetLineFilter
    ordering_fields = ("year", "amount")


class PartnerViewSet(ScopedViewSet):
    model = Partner
    serializer_class = serializers.PartnerSerializer
    filterset_class = filters.PartnerFilter
    search_fields = ("name",)
    ordering_fields = ("name",)


class RiskViewSet(ScopedViewSet):
    model = Risk
    serializer_class = serializers.RiskSerializer
    filterset_class = filters.RiskFilter
    ordering_fields = ("likelihood", "impact", "updated_at")


class FlagshipIndicatorViewSet(ScopedViewSet):
    model = FlagshipIndicator
    serializer_class = serializers.FlagshipIndicatorSerializer
    filterset_class = filters.FlagshipIndicatorFilter
    ordering_fields = ("order",)


# --- Action plan and roadmap ------------------------------------------------------------


class ActivityViewSet(ScopedViewSet):
    model = Activity
    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilter
    search_fields = ("name", "output")
    ordering_fields = ("year", "quarter", "order", "budget")


class RoadmapEntryViewSet(ScopedViewSet):
    model = RoadmapEntry
    serializer_class = serializers.RoadmapEntrySerializer
    filterset_class = filters.RoadmapEntryFilter
    ordering_fields = ("year", "budget")
