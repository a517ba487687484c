"""Admin base classes for region-scoped models, shared by every app's ``admin.py``.

``ScopedAdminMixin`` makes the admin ask the same questions as the portal
(``visible_to``, ``can_view``, ``can_edit``) on top of Django's model permissions.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from masterplan.permissions import can_edit, can_manage_region, can_view, is_admin
from masterplan.services import audit_record

TRACKED_FIELDS = ("uuid", "version", "created_at", "created_by", "updated_at", "updated_by")
TRACKED_FIELDSET = (_("Record"), {"fields": TRACKED_FIELDS, "classes": ["collapse"]})


class ScopedAdminMixin:
    """Show and change only what the permissions module allows.

    Used by ModelAdmins and inlines of region-scoped models. In an inline, the
    ``obj`` handed to the permission methods is the parent record.
    """

    def user_may_edit(self, user, obj) -> bool:
        """Override where a record has a stricter rule than ``can_edit``."""
        return can_edit(user, obj)

    def _allows(self, check, user, obj) -> bool:
        # An inline's parent may live outside any region (a user, a cohort).
        return obj is None or not hasattr(obj, "scope_region_id") or check(user, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allows(
            can_view, request.user, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allows(
            self.user_may_edit, request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allows(
            self.user_may_edit, request.user, obj
        )

    def get_field_queryset(self, db, db_field, request):
        """Choices of foreign keys and many-to-many fields: only what the user sees."""
        queryset = super().get_field_queryset(db, db_field, request)
        scoped = queryset
        if scoped is None:
            scoped = db_field.remote_field.model._default_manager.using(db).all()
        if hasattr(scoped, "visible_to"):
            return scoped.visible_to(request.user)
        return queryset

    def save_model(self, request, obj, form, change):
        if not change and not self.user_may_edit(request.user, obj):
            raise PermissionDenied
        if hasattr(obj, "stamp"):
            obj.stamp(request.user)
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action="admin.change" if change else "admin.add",
            target=obj,
            changes={"fields": form.changed_data},
        )

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if hasattr(obj, "stamp"):
                obj.stamp(request.user)
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action="admin.delete", target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        objs = list(queryset)
        if not all(self.user_may_edit(request.user, obj) for obj in objs):
            raise PermissionDenied
        for obj in objs:
            audit_record(actor=request.user, action="admin.delete", target=obj)
        super().delete_queryset(request, queryset)


class ScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if hasattr(self.model, "stamp"):
            readonly += tuple(f for f in TRACKED_FIELDS if f not in readonly)
        return readonly


class ScopedInlineMixin(ScopedAdminMixin):
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._allows(
            self.user_may_edit, request.user, obj
        )


class ScopedTabularInline(ScopedInlineMixin, admin.TabularInline):
    pass


def may_manage_region(user, obj) -> bool:
    return can_manage_region(user, obj.scope_region_id())


def may_administer(user, obj) -> bool:
    return is_admin(user)
