"""The reference framework (the same for every signed-in user) and the records of Buku 1
and Buku 2."""

from __future__ import annotations

from api import filters
from api.base import ReadOnlyViewSet, ScopedViewSet
from api.serializers.dimensions import (
    ExistingInnovationSerializer,
    FrameworkSerializer,
    FundingSourceSerializer,
    GapItemSerializer,
    GoalSerializer,
    HorizonSerializer,
    IndicatorTypeSerializer,
    InnovationTypeSerializer,
    ReadinessAssessmentSerializer,
    RegionProfileSerializer,
    StrategicIssueSerializer,
    StrategySerializer,
    SwotItemSerializer,
)
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


class FrameworkViewSet(ReadOnlyViewSet):
    model = Framework
    scoped = False
    serializer_class = FrameworkSerializer
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
    serializer_class = FundingSourceSerializer


class HorizonViewSet(ReferenceViewSet):
    model = Horizon
    serializer_class = HorizonSerializer


class IndicatorTypeViewSet(ReferenceViewSet):
    model = IndicatorType
    serializer_class = IndicatorTypeSerializer


class InnovationTypeViewSet(ReferenceViewSet):
    model = InnovationType
    serializer_class = InnovationTypeSerializer


class RegionProfileViewSet(ScopedViewSet):
    model = RegionProfile
    serializer_class = RegionProfileSerializer
    filterset_class = filters.RegionProfileFilter


class ReadinessAssessmentViewSet(ScopedViewSet):
    model = ReadinessAssessment
    serializer_class = ReadinessAssessmentSerializer
    filterset_class = filters.ReadinessFilter


class GapItemViewSet(ScopedViewSet):
    model = GapItem
    serializer_class = GapItemSerializer
    filterset_class = filters.GapItemFilter
    search_fields = ("current_condition", "gap")
    ordering_fields = ("order", "updated_at")


class SwotItemViewSet(ScopedViewSet):
    model = SwotItem
    serializer_class = SwotItemSerializer
    filterset_class = filters.SwotItemFilter
    search_fields = ("text",)
    ordering_fields = ("kind", "order", "updated_at")


class StrategicIssueViewSet(ScopedViewSet):
    model = StrategicIssue
    serializer_class = StrategicIssueSerializer
    filterset_class = filters.StrategicIssueFilter
    search_fields = ("title",)
    ordering_fields = ("order", "updated_at")


class ExistingInnovationViewSet(ScopedViewSet):
    model = ExistingInnovation
    serializer_class = ExistingInnovationSerializer
    filterset_class = filters.ExistingInnovationFilter
    search_fields = ("name",)
    ordering_fields = ("name", "year_launched", "updated_at")


class GoalViewSet(ScopedViewSet):
    model = Goal
    serializer_class = GoalSerializer
    filterset_class = filters.GoalFilter
    search_fields = ("statement",)
    ordering_fields = ("order", "target_year")


class StrategyViewSet(ScopedViewSet):
    model = Strategy
    serializer_class = StrategySerializer
    prefetch = ("issues",)
    filterset_class = filters.StrategyFilter
    search_fields = ("strategy",)
    ordering_fields = ("order", "updated_at")
