"""The back office's history: the audit log, revisions, the trash with its undo, uploads
and presence. Read-only, except the trash's restore action."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from masterplan.admin_base import ScopedAdmin
from masterplan.models import (
    AuditEvent,
    DeletedRecord,
    Plan,
    PlanVersion,
    Revision,
    Section,
    SectionImage,
    SectionPresence,
)
from masterplan.permissions import is_admin
from masterplan.services import record_restore

# --- Audit -----------------------------------------------------------------------------


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdmin):
    """The audit log, read-only: admins see every region, others the regions they manage."""

    list_display = ("at", "actor", "region", "action", "target_type", "target_repr", "ip")
    list_filter = (
        ("region", admin.RelatedOnlyFieldListFilter),
        "action",
        "target_type",
        ("at", admin.DateFieldListFilter),
    )
    list_select_related = ("actor", "region")
    search_fields = (
        "actor__username",
        "actor__full_name",
        "target_repr",
        "target_uuid__exact",
        "action",
        "ip__exact",
    )
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "region",
        "action",
        "target_type",
        "target_uuid",
        "target_repr",
        "ip",
        "changes",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryAdmin(ScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(ReadOnlyHistoryAdmin):
    list_display = ("at", "actor", "region", "target_type", "version", "note")
    list_filter = ("target_type", ("region", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("actor", "region")
    search_fields = ("target_uuid", "actor__username", "note")
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "region",
        "target_type",
        "target_uuid",
        "version",
        "note",
        "snapshot",
    )


@admin.register(DeletedRecord)
class DeletedRecordAdmin(ReadOnlyHistoryAdmin):
    """The trash: what working groups deleted, with an undo for admins."""

    list_display = (
        "deleted_at",
        "target_repr",
        "target_type",
        "region",
        "deleted_by",
        "restored_at",
        "restored_by",
    )
    list_filter = (
        "target_type",
        ("region", admin.RelatedOnlyFieldListFilter),
        ("restored_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("region", "deleted_by", "restored_by")
    search_fields = ("target_repr", "target_uuid")
    readonly_fields = (
        "deleted_at",
        "deleted_by",
        "region",
        "target_type",
        "target_uuid",
        "target_repr",
        "restored_at",
        "restored_by",
        "payload",
    )
    actions = ["restore"]

    @admin.action(description=_("Restore the selected deleted records"))
    def restore(self, request, queryset):
        if not is_admin(request.user):
            raise PermissionDenied
        restored = 0
        for deleted in queryset.filter(restored_at__isnull=True).order_by("deleted_at"):
            try:
                record_restore(deleted, by=request.user)
            except IntegrityError:
                self.message_user(
                    request,
                    _("“%(record)s” can no longer be restored.") % {"record": deleted},
                    messages.ERROR,
                )
            else:
                restored += 1
        self.message_user(
            request,
            ngettext("%(count)d record restored.", "%(count)d records restored.", restored)
            % {"count": restored},
        )


@admin.register(SectionImage)
class SectionImageAdmin(ReadOnlyHistoryAdmin):
    list_display = ("__str__", "region", "section", "uploaded_by", "uploaded_at")
    list_filter = (("region", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("region", "section", "uploaded_by")


@admin.register(SectionPresence)
class SectionPresenceAdmin(admin.ModelAdmin):
    """Who has a section open right now (rows expire by themselves)."""

    list_display = ("section", "user", "last_seen")
    list_select_related = ("section", "user")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(section__in=Section.objects.visible_to(request.user))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    """The content version of each plan, which caches are keyed by (moved by every write)."""

    list_display = ("plan", "version")
    list_select_related = ("plan__region",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(plan__in=Plan.objects.visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
