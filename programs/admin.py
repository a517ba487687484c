from __future__ import annotations

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from dimensions.admin import ElementListFilter
from masterplan.admin_base import TRACKED_FIELDSET, ScopedAdmin, ScopedTabularInline
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

RELATED_ONLY = admin.RelatedOnlyFieldListFilter
PROGRAMME_REGION_FILTER = ("programme__plan__region", RELATED_ONLY)


class IndicatorInline(ScopedTabularInline):
    model = Indicator
    fields = (
        "order",
        "indicator_type",
        "name",
        "unit",
        "baseline_year",
        "baseline_value",
        "data_source",
    )


class BudgetLineInline(ScopedTabularInline):
    model = BudgetLine
    fields = ("year", "funding_source", "amount", "status", "note")
    show_change_link = False


class PartnerInline(ScopedTabularInline):
    model = Partner
    fields = ("name", "kind", "contribution")
    show_change_link = False


class FlagshipIndicatorInline(ScopedTabularInline):
    model = FlagshipIndicator
    fields = ("order", "name", "unit", "before", "after")
    show_change_link = False


class ProgrammePhotoInline(ScopedTabularInline):
    model = ProgrammePhoto
    fields = ("order", "image", "caption", "taken_on")
    show_change_link = False


class ProgrammeRiskFormSet(BaseInlineFormSet):
    """A programme's risks belong to the programme's plan."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.plan_id = self.instance.plan_id
        return form


class RiskInline(ScopedTabularInline):
    model = Risk
    formset = ProgrammeRiskFormSet
    fields = ("description", "likelihood", "impact", "mitigation", "owner")
    autocomplete_fields = ("owner",)


@admin.register(Programme)
class ProgrammeAdmin(ScopedAdmin):
    list_display = (
        "code",
        "name",
        "plan__region",
        "dimension",
        "element",
        "lead_agency",
        "is_flagship",
        "is_quick_win",
        "horizon",
    )
    list_display_links = ("code", "name")
    list_filter = (
        ("plan__region", RELATED_ONLY),
        ("dimension", RELATED_ONLY),
        ("element", ElementListFilter),
        ("horizon", RELATED_ONLY),
        "is_flagship",
        "is_quick_win",
    )
    list_select_related = (
        "plan__region",
        "dimension",
        "element__dimension",
        "lead_agency",
        "horizon",
    )
    search_fields = ("code", "name")
    autocomplete_fields = (
        "plan",
        "element",
        "lead_agency",
        "supporting_agencies",
        "strategies",
        "issues",
        "swot_items",
        "gap_items",
    )
    readonly_fields = ("code", "dimension")
    fieldsets = (
        (None, {"fields": ("plan", "code", "name", "description", "problem")}),
        (
            _("Classification"),
            {
                "fields": (
                    "element",
                    "dimension",
                    "pillar",
                    "horizon",
                    "innovation_type",
                    "priority",
                    "order",
                )
            },
        ),
        (
            _("Alignment"),
            {
                "fields": (
                    "rpjmd_alignment",
                    "budget_code",
                    "strategies",
                    "issues",
                    "swot_items",
                    "gap_items",
                )
            },
        ),
        (_("Responsibility"), {"fields": ("lead_agency", "supporting_agencies")}),
        (
            _("Flagship and quick win"),
            {
                "fields": (
                    "is_flagship",
                    "is_quick_win",
                    "quick_win_year",
                    "flagship_status",
                    "launch_date",
                    "beneficiaries",
                    "beneficiaries_count",
                )
            },
        ),
        (_("Sustainability"), {"fields": ("sustainability",)}),
        TRACKED_FIELDSET,
    )
    inlines = [
        IndicatorInline,
        BudgetLineInline,
        PartnerInline,
        FlagshipIndicatorInline,
        ProgrammePhotoInline,
        RiskInline,
    ]


class IndicatorTargetInline(ScopedTabularInline):
    model = IndicatorTarget
    fields = ("year", "value")
    show_change_link = False


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ("name", "programme", "indicator_type", "unit", "baseline_value")
    list_filter = (PROGRAMME_REGION_FILTER, "indicator_type")
    list_select_related = ("programme", "indicator_type")
    search_fields = ("name", "programme__code", "programme__name")
    autocomplete_fields = ("programme",)
    inlines = [IndicatorTargetInline]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ScopedAdmin):
    list_display = ("indicator", "indicator__programme", "year", "value")
    list_filter = (("indicator__programme__plan__region", RELATED_ONLY), "year")
    list_select_related = ("indicator__programme",)
    search_fields = ("indicator__name", "indicator__programme__code")
    autocomplete_fields = ("indicator",)


@admin.register(BudgetLine)
class BudgetLineAdmin(ScopedAdmin):
    list_display = ("programme", "year", "funding_source", "amount", "status")
    list_filter = (PROGRAMME_REGION_FILTER, "status", "year", "funding_source")
    list_select_related = ("programme", "funding_source")
    search_fields = ("programme__code", "programme__name", "note")
    autocomplete_fields = ("programme",)


@admin.register(Partner)
class PartnerAdmin(ScopedAdmin):
    list_display = ("name", "kind", "programme", "contribution")
    list_filter = (PROGRAMME_REGION_FILTER, "kind")
    list_select_related = ("programme",)
    search_fields = ("name", "contribution", "programme__code", "programme__name")
    autocomplete_fields = ("programme",)


@admin.register(Risk)
class RiskAdmin(ScopedAdmin):
    list_display = ("__str__", "plan__region", "programme", "likelihood", "impact", "owner")
    list_filter = (("plan__region", RELATED_ONLY), "likelihood", "impact")
    list_select_related = ("plan__region", "programme", "owner")
    search_fields = ("description", "mitigation", "programme__code")
    autocomplete_fields = ("plan", "programme", "owner")


@admin.register(FlagshipIndicator)
class FlagshipIndicatorAdmin(ScopedAdmin):
    list_display = ("name", "programme", "before", "after", "unit")
    list_filter = (PROGRAMME_REGION_FILTER,)
    list_select_related = ("programme",)
    search_fields = ("name", "programme__code", "programme__name")
    autocomplete_fields = ("programme",)


@admin.register(ProgrammePhoto)
class ProgrammePhotoAdmin(ScopedAdmin):
    list_display = ("__str__", "programme", "taken_on", "order")
    list_filter = (PROGRAMME_REGION_FILTER,)
    list_select_related = ("programme",)
    search_fields = ("caption", "programme__code", "programme__name")
    autocomplete_fields = ("programme",)
