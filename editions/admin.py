"""Editions in the admin: to look at, never to change (the model refuses too)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
        "pdf_link",
        "pages",
        "redline_link",
        "regulation_number",
        "regulation_date",
        "adopted_by",
        "adopted_at",
    )

    @admin.display(description=_("PDF"))
    def pdf_link(self, edition: Edition) -> str:
        # exported files are served by the download views only (permission-checked)
        url = reverse("editions:edition_download", args=[edition.uuid])
        return format_html('<a href="{}">{}</a>', url, edition.pdf.name.rsplit("/", 1)[-1])

    @admin.display(description=_("redline PDF against the previous edition"))
    def redline_link(self, edition: Edition) -> str:
        if not edition.redline_pdf:
            return "–"
        url = reverse("editions:edition_redline_pdf", args=[edition.uuid])
        return format_html('<a href="{}">{}</a>', url, edition.redline_pdf.name.rsplit("/", 1)[-1])

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
