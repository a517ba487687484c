from __future__ import annotations

from django.contrib import admin
from django.db import models

from masterplan.admin_base import ScopedAdmin
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport

RELATED_ONLY = admin.RelatedOnlyFieldListFilter


@admin.register(ProgrammeReport)
class ProgrammeReportAdmin(ScopedAdmin):
    list_display = ("programme", "year", "status", "evaluation_level")
    list_filter = (("programme__plan__region", RELATED_ONLY), "year", "status")
    list_select_related = ("programme",)
    search_fields = ("programme__code", "programme__name", "reason", "note")
    autocomplete_fields = ("programme",)


@admin.register(IndicatorRealisation)
class IndicatorRealisationAdmin(ScopedAdmin):
    list_display = ("indicator", "indicator__programme", "year", "value")
    list_filter = (("indicator__programme__plan__region", RELATED_ONLY), "year")
    list_select_related = ("indicator__programme",)
    search_fields = ("indicator__name", "indicator__programme__code", "note")
    autocomplete_fields = ("indicator",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(BudgetRealisation)
class BudgetRealisationAdmin(ScopedAdmin):
    list_display = ("programme", "year", "funding_source", "allocated", "spent")
    list_filter = (("programme__plan__region", RELATED_ONLY), "year", "funding_source")
    list_select_related = ("programme", "funding_source")
    search_fields = ("programme__code", "programme__name", "note")
    autocomplete_fields = ("programme",)
