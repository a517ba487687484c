"""Editions in the admin: to look at, never to change (the model refuses too)."""

from __future__ import annotations

from django.contrib import admin

from editions.models import Edition
from masterplan.admin_base import ScopedAdmin


@admin.register(Edition)
class EditionAdmin(ScopedAdmin):
    list_display = ("book", "number", "regulation_number", "regulation_date", "frozen_at")
    list_select_related = ("book__plan__region",)
    # the snapshot is large JSON: the admin shows what identifies the edition
    fields = (
        "book",
        "number",
        "frozen_by",
        "frozen_at",
        "content_hash",
        "pdf",
        "pages",
        "redline_pdf",
        "regulation_number",
        "regulation_date",
        "adopted_by",
        "adopted_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
