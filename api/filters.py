"""Whitelisted filters. Ids filter without looking the record up, so a filter on another
region's plan finds nothing instead of telling whether it exists."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework.filters import SearchFilter

from dimensions.models import (
    ExistingInnovation,
    GapItem,
    Goal,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from editions.models import Edition
from exports.models import ExportJob
from masterplan.models import (
    Agency,
    Book,
    Cohort,
    Institution,
    InstitutionMember,
    Plan,
    Section,
)
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    ProgrammePhoto,
    Risk,
)
from reviews.models import BookTransition, Comment, ReviewFlag, SectionApproval, Suggestion
from roadmap.models import Activity, RoadmapEntry

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": 32767})
class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "year")
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 32767)
        super().__init__(*args, **kwargs)


class CodeFilter(filters.CharFilter):
    """A reference item by its code (GOV, SRV, APBD-KAB…), case-insensitive."""

    def __init__(self, field_name: str, **kwargs):
        kwargs.setdefault("lookup_expr", "iexact")
        kwargs.setdefault("max_length", 20)
        super().__init__(field_name=f"{field_name}__code", **kwargs)


class SafeSearchFilter(SearchFilter):
    """``?search=``, its errors keyed by the parameter, and at most ten terms."""

    max_terms = 10

    def get_search_terms(self, request):
        try:
            terms = super().get_search_terms(request)
        except exceptions.ValidationError as error:  # e.g. a NUL character
            raise exceptions.ValidationError({self.search_param: error.detail}) from error
        if len(terms) > self.max_terms:
            raise exceptions.ValidationError(
                {self.search_param: [_("Use at most ten search words.")]}
            )
        return terms


class CohortFilter(filters.FilterSet):
    year = YearFilter()

    class Meta:
        model = Cohort
        fields = ["year"]


class PlanFilter(filters.FilterSet):
    region = IdFilter(field_name="region")
    cohort = IdFilter(field_name="cohort")
    year = YearFilter(field_name="cohort__year")

    class Meta:
        model = Plan
        fields = ["region", "cohort"]


class BookFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan")

    class Meta:
        model = Book
        fields = ["plan", "status"]


class SectionFilter(filters.FilterSet):
    book = IdFilter(field_name="book")
    plan = IdFilter(field_name="book__plan")
    dimension = CodeFilter("dimension")

    class Meta:
        model = Section
        fields = ["book", "plan", "dimension"]


class AgencyFilter(filters.FilterSet):
    region = IdFilter(field_name="region")

    class Meta:
        model = Agency
        fields = ["region", "kind"]


class PlanRecordFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan")


class DimensionRecordFilter(PlanRecordFilter):
    dimension = CodeFilter("dimension")


class InstitutionFilter(PlanRecordFilter):
    class Meta:
        model = Institution
        fields = ["plan", "kind"]


class InstitutionMemberFilter(filters.FilterSet):
    institution = IdFilter(field_name="institution")
    plan = IdFilter(field_name="institution__plan")

    class Meta:
        model = InstitutionMember
        fields = ["institution", "plan"]


class RegionProfileFilter(PlanRecordFilter):
    class Meta:
        model = RegionProfile
        fields = ["plan"]


class ReadinessFilter(PlanRecordFilter):
    pillar = CodeFilter("aspect__pillar")

    class Meta:
        model = ReadinessAssessment
        fields = ["plan", "rating"]


class GapItemFilter(DimensionRecordFilter):
    pillar = CodeFilter("pillar")

    class Meta:
        model = GapItem
        fields = ["plan"]


class SwotItemFilter(DimensionRecordFilter):
    pillar = CodeFilter("pillar")

    class Meta:
        model = SwotItem
        fields = ["plan", "kind"]


class StrategicIssueFilter(DimensionRecordFilter):
    class Meta:
        model = StrategicIssue
        fields = ["plan"]


class ExistingInnovationFilter(DimensionRecordFilter):
    agency = IdFilter(field_name="agency")

    class Meta:
        model = ExistingInnovation
        fields = ["plan", "status"]


class GoalFilter(DimensionRecordFilter):
    class Meta:
        model = Goal
        fields = ["plan"]


class StrategyFilter(DimensionRecordFilter):
    element = CodeFilter("element")

    class Meta:
        model = Strategy
        fields = ["plan"]


class ProgrammeFilter(DimensionRecordFilter):
    element = CodeFilter("element")
    horizon = CodeFilter("horizon")
    lead_agency = IdFilter(field_name="lead_agency")

    class Meta:
        model = Programme
        fields = ["plan", "is_flagship", "is_quick_win", "priority", "flagship_status"]


class ProgrammeRecordFilter(filters.FilterSet):
    programme = IdFilter(field_name="programme")
    plan = IdFilter(field_name="programme__plan")


class IndicatorFilter(ProgrammeRecordFilter):
    class Meta:
        model = Indicator
        fields = ["programme", "plan"]


class IndicatorTargetFilter(filters.FilterSet):
    indicator = IdFilter(field_name="indicator")
    programme = IdFilter(field_name="indicator__programme")
    plan = IdFilter(field_name="indicator__programme__plan")

    year = YearFilter()

    class Meta:
        model = IndicatorTarget
        fields = ["indicator", "programme", "plan", "year"]


class BudgetLineFilter(ProgrammeRecordFilter):
    funding_source = CodeFilter("funding_source")

    year = YearFilter()

    class Meta:
        model = BudgetLine
        fields = ["programme", "plan", "year", "status"]


class PartnerFilter(ProgrammeRecordFilter):
    class Meta:
        model = Partner
        fields = ["programme", "plan", "kind"]


class FlagshipIndicatorFilter(ProgrammeRecordFilter):
    class Meta:
        model = FlagshipIndicator
        fields = ["programme", "plan"]


class ProgrammePhotoFilter(ProgrammeRecordFilter):
    class Meta:
        model = ProgrammePhoto
        fields = ["programme", "plan"]


class RiskFilter(PlanRecordFilter):
    programme = IdFilter(field_name="programme")

    class Meta:
        model = Risk
        fields = ["plan", "programme", "likelihood", "impact"]


class ActivityFilter(ProgrammeRecordFilter):
    agency = IdFilter(field_name="agency")
    dimension = CodeFilter("programme__dimension")

    year = YearFilter()

    class Meta:
        model = Activity
        fields = ["programme", "plan", "year", "quarter"]


class RoadmapEntryFilter(ProgrammeRecordFilter):
    year = YearFilter()

    class Meta:
        model = RoadmapEntry
        fields = ["programme", "plan", "year"]


class ReferenceFilter(filters.FilterSet):
    framework = IdFilter(field_name="framework")


# --- Review and exports -----------------------------------------------------------------


class CommentFilter(filters.FilterSet):
    region = IdFilter(field_name="region")
    book = IdFilter(field_name="book")
    parent = IdFilter(field_name="parent")
    target_type = filters.CharFilter(field_name="target_type", max_length=60)
    target_uuid = filters.UUIDFilter(field_name="target_uuid")
    is_thread = filters.BooleanFilter(field_name="parent", lookup_expr="isnull")
    resolved = filters.BooleanFilter(field_name="resolved_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Comment
        fields = ["region", "book", "parent", "target_type", "target_uuid"]


class ReviewFlagFilter(filters.FilterSet):
    section = IdFilter(field_name="section")
    book = IdFilter(field_name="section__book")
    plan = IdFilter(field_name="section__book__plan")
    is_open = filters.BooleanFilter(field_name="cleared_at", lookup_expr="isnull")

    class Meta:
        model = ReviewFlag
        fields = ["section"]


class SuggestionFilter(filters.FilterSet):
    region = IdFilter(field_name="region")
    target_type = filters.CharFilter(field_name="target_type", max_length=60)
    target_uuid = filters.UUIDFilter(field_name="target_uuid")
    status = filters.ChoiceFilter(choices=Suggestion.Status.choices)

    class Meta:
        model = Suggestion
        fields = ["region", "target_type", "target_uuid", "status"]


class BookTransitionFilter(filters.FilterSet):
    book = IdFilter(field_name="book")
    plan = IdFilter(field_name="book__plan")

    class Meta:
        model = BookTransition
        fields = ["book", "plan", "action"]


class SectionApprovalFilter(filters.FilterSet):
    section = IdFilter(field_name="section")
    book = IdFilter(field_name="section__book")

    class Meta:
        model = SectionApproval
        fields = ["section", "book"]


class EditionFilter(filters.FilterSet):
    book = IdFilter(field_name="book")
    plan = IdFilter(field_name="book__plan")

    class Meta:
        model = Edition
        fields = ["book", "plan", "number"]


class ExportJobFilter(filters.FilterSet):
    book = IdFilter(field_name="book")
    plan = IdFilter(field_name="plan")

    class Meta:
        model = ExportJob
        fields = ["kind", "book", "plan", "year", "state", "final"]
