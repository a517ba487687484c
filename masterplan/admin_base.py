"""Admin base classes shared by every app's ``admin.py``.

``AuditedAdminMixin`` sends every write through the portal's save services, so an admin's
change leaves the same trace as an editor's: ``record_save``/``record_delete`` (version
check, revision, trash, audit event with before/after) for tracked records,
``untracked_save``/``untracked_delete`` (audit event with before/after) for the rest.
Inline rows are saved one by one through the same services, inside the transaction
Django opens around the whole change form.

``ScopedAdminMixin`` adds the portal's questions (``visible_to``, ``can_view``,
``can_edit``) on top of Django's model permissions.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from masterplan.models import TrackedModel, VersionConflict
from masterplan.permissions import can_edit, can_manage_region, can_view, is_admin
from masterplan.services import record_delete, record_save, untracked_delete, untracked_save

TRACKED_FIELDS = ("uuid", "version", "created_at", "created_by", "updated_at", "updated_by")
TRACKED_FIELDSET = (_("Record"), {"fields": TRACKED_FIELDS, "classes": ["collapse"]})

BASED_ON = "based_on"
CONFLICT_MESSAGE = _(
    "Someone else changed this record after you opened it. Reload the page to see "
    "their version, then make your change again."
)


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the page showed, so a save over someone else's change is refused."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[BASED_ON].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        based_on = cleaned_data.get(BASED_ON)
        if self.instance.pk is not None and based_on not in (None, self.instance.version):
            raise ValidationError(CONFLICT_MESSAGE, code="version_conflict")
        return cleaned_data


class AuditedAdminMixin:
    """Create, change and delete through the save services, inlines and bulk actions too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if issubclass(self.model, TrackedModel) and not issubclass(self.form, VersionedAdminForm):
            self.form = type(self.form.__name__, (VersionedAdminForm, self.form), {})

    # --- The version the page was built from --------------------------------------------

    def get_fields(self, request, obj=None):
        # get_fieldsets() decides where the hidden version goes, and whether it goes at all.
        return [name for name in super().get_fields(request, obj) if name != BASED_ON]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._sends_version(request, obj) or BASED_ON in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], BASED_ON)}), *rest]

    def _sends_version(self, request, obj) -> bool:
        if not issubclass(self.model, TrackedModel):
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            # ``obj`` is the parent here; its existing rows each carry their version.
            return self.has_change_permission(request, obj)
        return obj is not None and self.has_change_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except VersionConflict:
            # Someone saved between the form's check and our locked one; nothing was written.
            self.message_user(request, CONFLICT_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    # --- Writes -------------------------------------------------------------------------

    def save_record(self, request, obj, form) -> None:
        """Save one record (the page's own or an inline row) with its revision and audit."""
        if isinstance(obj, TrackedModel):
            based_on = form.cleaned_data.get(BASED_ON)
            record_save(obj, by=request.user, based_on=based_on, save_many=form.save_m2m)
        else:
            untracked_save(obj, by=request.user, save_many=form.save_m2m)

    def delete_record(self, request, obj) -> None:
        """Delete one record: tracked ones go to the trash, where an admin can undo it."""
        if isinstance(obj, TrackedModel):
            record_delete(obj, by=request.user)
        else:
            untracked_delete(obj, by=request.user)

    def save_model(self, request, obj, form, change):
        # Django saves the page's record even when only its inline rows changed;
        # an untouched record keeps its version and gets no revision.
        if not change or form.has_changed():
            self.save_record(request, obj, form)

    def save_related(self, request, form, formsets, change):
        # The page's many-to-many values were saved with the record, inside its revision.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # sorts the rows into new, changed and deleted
        form_of = {id(row.instance): row for row in formset.forms}
        for obj in formset.deleted_objects:
            self.delete_record(request, obj)
        for obj, _changed in formset.changed_objects:
            self.save_record(request, obj, form_of[id(obj)])
        for obj in formset.new_objects:
            self.save_record(request, obj, form_of[id(obj)])

    def delete_model(self, request, obj):
        self.delete_record(request, obj)

    def delete_queryset(self, request, queryset):
        # Django's bulk delete action runs outside a transaction: all of it, or none.
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                # A record selected together with its parent went with the parent.
                if type(obj)._base_manager.filter(pk=obj.pk).exists():
                    self.delete_record(request, obj)

    def response_action(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)


class AuditedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """For models outside any region: reference data, the ministry's programme."""


class ScopedAdminMixin(AuditedAdminMixin):
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
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        if not all(self.user_may_edit(request.user, obj) for obj in queryset):
            raise PermissionDenied
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
