from __future__ import annotations

from django.contrib import admin

from masterplan.admin_base import ScopedAdmin, ScopedTabularInline
from programs.admin import PROGRAMME_REGION_FILTER, ProgrammeAdmin
from programs.models import Programme
from roadmap.models import Activity, RoadmapEntry


class ActivityInline(ScopedTabularInline):
    model = Activity
    fields = ("year", "quarter", "name", "output", "agency", "budget", "funding_source")
    autocomplete_fields = ("agency",)
    show_change_link = False


class RoadmapEntryInline(ScopedTabularInline):
    model = RoadmapEntry
    fields = ("year", "target", "budget", "note")
    show_change_link = False


class ProgrammeWithRoadmapAdmin(ProgrammeAdmin):
    """The programme page also edits its action plan and roadmap.

    Registered from here because programs must not import roadmap.
    """

    inlines = [*ProgrammeAdmin.inlines, ActivityInline, RoadmapEntryInline]


admin.site.unregister(Programme)
admin.site.register(Programme, ProgrammeWithRoadmapAdmin)


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    list_display = ("name", "programme", "year", "quarter", "agency", "budget", "funding_source")
    list_filter = (
        PROGRAMME_REGION_FILTER,
        "year",
        ("programme__dimension", admin.RelatedOnlyFieldListFilter),
        "funding_source",
    )
    list_select_related = ("programme", "agency", "funding_source")
    search_fields = ("name", "output", "programme__code", "programme__name")
    autocomplete_fields = ("programme", "agency")


@admin.register(RoadmapEntry)
class RoadmapEntryAdmin(ScopedAdmin):
    list_display = ("programme", "year", "target", "budget")
    list_filter = (
        PROGRAMME_REGION_FILTER,
        "year",
        ("programme__dimension", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("programme",)
    search_fields = ("target", "note", "programme__code", "programme__name")
    autocomplete_fields = ("programme",)
