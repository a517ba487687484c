from __future__ import annotations

from django.contrib import admin
from django.db import models

from dimensions.models import (
    Dimension,
    Element,
    ExistingInnovation,
    Framework,
    FundingSource,
    GapItem,
    Goal,
    Horizon,
    IndicatorType,
    InnovationType,
    Pillar,
    PillarAspect,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.admin_base import AuditedAdmin, ScopedAdmin

REGION_FILTER = ("plan__region", admin.RelatedOnlyFieldListFilter)


class ElementListFilter(admin.RelatedOnlyFieldListFilter):
    """An element's label needs its dimension's code: fetch both in one query."""

    def field_choices(self, field, request, model_admin):
        used = model_admin.get_queryset(request).values(self.field_path)
        elements = Element.objects.filter(pk__in=used).select_related("dimension")
        return [(element.pk, str(element)) for element in elements]


class AspectListFilter(admin.RelatedOnlyFieldListFilter):
    """An aspect's label needs its pillar's code: fetch both in one query."""

    def field_choices(self, field, request, model_admin):
        used = model_admin.get_queryset(request).values(self.field_path)
        aspects = PillarAspect.objects.filter(pk__in=used).select_related("pillar")
        return [(aspect.pk, str(aspect)) for aspect in aspects]


# --- Reference data --------------------------------------------------------------------


@admin.register(Framework)
class FrameworkAdmin(AuditedAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")
    search_fields = ("code", "name")


class ReferenceItemAdmin(AuditedAdmin):
    list_display = ("code", "name_id", "name_en", "framework", "order")
    list_filter = ("framework",)
    list_select_related = ("framework",)
    search_fields = ("code", "name_id", "name_en")
    ordering = ("framework", "order")


class ElementInline(admin.TabularInline):
    model = Element
    fields = ("order", "code", "name_id", "name_en")
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(ReferenceItemAdmin):
    list_display = (*ReferenceItemAdmin.list_display, "colour")
    inlines = [ElementInline]


@admin.register(Element)
class ElementAdmin(AuditedAdmin):
    list_display = ("code", "name_id", "name_en", "dimension", "order")
    list_filter = ("dimension__framework", "dimension")
    list_select_related = ("dimension",)
    search_fields = ("code", "name_id", "name_en", "dimension__code")
    ordering = ("dimension__framework", "dimension__order", "order")

    def get_queryset(self, request):
        # also serves the autocomplete, whose labels show the dimension's code
        return super().get_queryset(request).select_related("dimension")


class PillarAspectInline(admin.TabularInline):
    model = PillarAspect
    fields = ("order", "code", "name_id", "name_en")
    extra = 0


@admin.register(Pillar)
class PillarAdmin(ReferenceItemAdmin):
    list_display = (*ReferenceItemAdmin.list_display, "required")
    inlines = [PillarAspectInline]


@admin.register(PillarAspect)
class PillarAspectAdmin(AuditedAdmin):
    list_display = ("code", "name_id", "name_en", "pillar", "order")
    list_filter = ("pillar__framework", "pillar")
    list_select_related = ("pillar",)
    search_fields = ("code", "name_id", "name_en", "pillar__code")
    ordering = ("pillar__framework", "pillar__order", "order")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pillar")


@admin.register(FundingSource)
class FundingSourceAdmin(ReferenceItemAdmin):
    pass


@admin.register(Horizon)
class HorizonAdmin(ReferenceItemAdmin):
    list_display = (*ReferenceItemAdmin.list_display, "max_years")


@admin.register(IndicatorType)
class IndicatorTypeAdmin(ReferenceItemAdmin):
    pass


@admin.register(InnovationType)
class InnovationTypeAdmin(ReferenceItemAdmin):
    pass


# --- Buku 1: analysis ------------------------------------------------------------------


class PlanRecordAdmin(ScopedAdmin):
    list_select_related = ("plan__region",)
    autocomplete_fields = ("plan",)


@admin.register(RegionProfile)
class RegionProfileAdmin(PlanRecordAdmin):
    list_display = ("__str__", "plan", "data_year", "population", "hdi", "poverty_rate")
    list_filter = (REGION_FILTER, "data_year")
    search_fields = ("plan__title", "plan__region__name")


@admin.register(ReadinessAssessment)
class ReadinessAssessmentAdmin(PlanRecordAdmin):
    list_display = ("aspect", "plan__region", "rating", "updated_at")
    list_filter = (REGION_FILTER, "rating", "aspect__pillar", ("aspect", AspectListFilter))
    list_select_related = ("plan__region", "aspect__pillar")
    search_fields = ("narrative", "evidence", "aspect__name_id")
    autocomplete_fields = ("plan", "aspect")


@admin.register(GapItem)
class GapItemAdmin(PlanRecordAdmin):
    list_display = ("__str__", "plan__region", "pillar", "dimension", "order")
    list_filter = (REGION_FILTER, "pillar", ("dimension", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("plan__region", "pillar", "dimension")
    search_fields = ("current_condition", "expected_condition", "gap")


@admin.register(SwotItem)
class SwotItemAdmin(PlanRecordAdmin):
    list_display = ("__str__", "kind", "plan__region", "pillar", "dimension", "order")
    list_filter = (
        REGION_FILTER,
        "kind",
        "pillar",
        ("dimension", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("plan__region", "pillar", "dimension")
    search_fields = ("text",)


@admin.register(StrategicIssue)
class StrategicIssueAdmin(PlanRecordAdmin):
    list_display = ("title", "plan__region", "dimension", "element", "order")
    list_filter = (
        REGION_FILTER,
        ("dimension", admin.RelatedOnlyFieldListFilter),
        ("element", ElementListFilter),
    )
    list_select_related = ("plan__region", "dimension", "element__dimension")
    search_fields = ("title", "description")
    autocomplete_fields = ("plan", "element")


@admin.register(ExistingInnovation)
class ExistingInnovationAdmin(PlanRecordAdmin):
    list_display = ("name", "plan__region", "dimension", "agency", "status", "year_launched")
    list_filter = (
        REGION_FILTER,
        "status",
        ("dimension", admin.RelatedOnlyFieldListFilter),
        ("element", ElementListFilter),
    )
    list_select_related = ("plan__region", "dimension", "agency")
    search_fields = ("name", "description", "url")
    autocomplete_fields = ("plan", "element", "agency")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


# --- Buku 2: goals and strategy --------------------------------------------------------


@admin.register(Goal)
class GoalAdmin(PlanRecordAdmin):
    list_display = ("__str__", "plan__region", "dimension", "target_year", "order")
    list_filter = (REGION_FILTER, ("dimension", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("plan__region", "dimension")
    search_fields = ("statement", "target")


@admin.register(Strategy)
class StrategyAdmin(PlanRecordAdmin):
    list_display = ("__str__", "plan__region", "dimension", "element", "order")
    list_filter = (
        REGION_FILTER,
        ("dimension", admin.RelatedOnlyFieldListFilter),
        ("element", ElementListFilter),
    )
    list_select_related = ("plan__region", "dimension", "element__dimension")
    search_fields = ("strategy", "target", "policy_direction")
    autocomplete_fields = ("plan", "element", "issues")
