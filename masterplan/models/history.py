"""The trace of every change: audit events, revisions of a record, and the trash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from masterplan.models.base import Scoped
from masterplan.models.regions import Region
from masterplan.scoping import ScopedQuerySet


class AuditEvent(Scoped):
    """Who did what to which record, written in the same transaction as the change."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=60)
    target_type = models.CharField(_("record type"), max_length=60)
    target_uuid = models.UUIDField(_("record"), null=True, db_index=True)
    target_repr = models.CharField(_("record name"), max_length=250, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # the audit log stays on the server that wrote it
    dimension_path = None

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_repr}"

    @cached_property
    def summary(self) -> str:
        return f"{self.action}: {self.target_repr}"


# --- Revisions and the trash ------------------------------------------------------------


class RecordQuerySet(ScopedQuerySet):
    def for_object(self, obj: models.Model) -> RecordQuerySet:
        return self.filter(target_type=obj._meta.label_lower, target_uuid=obj.uuid)


class Revision(Scoped):
    """A snapshot of a record after a save: who, when, and the field values."""

    target_type = models.CharField(_("record type"), max_length=60)
    target_uuid = models.UUIDField(_("record"), db_index=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = RecordQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # history stays on the server that wrote it
    dimension_path = None

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_uuid", "-at"])]

    def __str__(self) -> str:
        return f"{self.target_type} v{self.version} ({self.at:%Y-%m-%d %H:%M})"

    def changes_since(self, older: Revision | None) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field that differs from ``older``."""
        before = older.snapshot if older else {}
        return [
            (name, before.get(name), value)
            for name, value in self.snapshot.items()
            if before.get(name) != value
        ]


class DeletedRecord(Scoped):
    """A deleted record and everything that was deleted with it, for an admin's undo."""

    target_type = models.CharField(_("record type"), max_length=60)
    target_uuid = models.UUIDField(_("record"), null=True, db_index=True)
    target_repr = models.CharField(_("record name"), max_length=250)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    payload = models.JSONField(_("content"))
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("deleted at"), auto_now_add=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("restored by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)

    objects = RecordQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # the trash stays on the server that wrote it
    dimension_path = None

    class Meta:
        verbose_name = _("deleted record")
        verbose_name_plural = _("deleted records")
        ordering = ["-deleted_at", "-pk"]

    def __str__(self) -> str:
        return self.target_repr
