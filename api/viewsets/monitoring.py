"""Implementation monitoring: what each programme reached, spent and how it stands."""

from __future__ import annotations

from django_filters import rest_framework as filters

from api.base import ScopedViewSet
from api.filters import IdFilter, ProgrammeRecordFilter, YearFilter
from api.serializers.monitoring import (
    BudgetRealisationSerializer,
    IndicatorRealisationSerializer,
    ProgrammeReportSerializer,
)
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from monitoring.reporting import may_report


class ProgrammeReportFilter(ProgrammeRecordFilter):
    year = YearFilter()

    class Meta:
        model = ProgrammeReport
        fields = ["programme", "plan", "year", "status", "evaluation_level"]


class IndicatorRealisationFilter(filters.FilterSet):
    indicator = IdFilter(field_name="indicator")
    programme = IdFilter(field_name="indicator__programme")
    plan = IdFilter(field_name="indicator__programme__plan")
    year = YearFilter()

    class Meta:
        model = IndicatorRealisation
        fields = ["indicator", "programme", "plan", "year"]


class BudgetRealisationFilter(ProgrammeRecordFilter):
    year = YearFilter()

    class Meta:
        model = BudgetRealisation
        fields = ["programme", "plan", "year", "funding_source"]


class ReportViewSet(ScopedViewSet):
    # A member reporting for an agency (OPD) changes its programmes' reports only
    # (monitoring.reporting); the rest they read.

    def may_change(self, user, record) -> bool:
        return may_report(user, record)

    def may_create(self, user, record) -> bool:
        return may_report(user, record)


class ProgrammeReportViewSet(ReportViewSet):
    model = ProgrammeReport
    serializer_class = ProgrammeReportSerializer
    filterset_class = ProgrammeReportFilter
    search_fields = ("reason", "note")
    ordering_fields = ("year",)


class IndicatorRealisationViewSet(ReportViewSet):
    model = IndicatorRealisation
    serializer_class = IndicatorRealisationSerializer
    filterset_class = IndicatorRealisationFilter
    ordering_fields = ("year", "value")


class BudgetRealisationViewSet(ReportViewSet):
    model = BudgetRealisation
    serializer_class = BudgetRealisationSerializer
    filterset_class = BudgetRealisationFilter
    ordering_fields = ("year", "allocated", "spent")
