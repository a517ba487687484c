"""Editions: what a book was when its final PDF was made, frozen for good."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from exports.models import ExportJob, ExportStorage
from masterplan.models import Book, Scoped
from masterplan.permissions import ScopedQuerySet


class EditionFrozen(Exception):
    """An edition never changes once written (only its adopting regulation is filled in)."""


def edition_upload_to(edition: Edition, filename: str) -> str:
    plan = edition.book.plan
    return (
        f"{plan.region.slug}/{plan.cohort.year}/buku-{edition.book.number}/"
        f"edisi-{edition.number}/{filename}"
    )


class EditionQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        if set(kwargs) - Edition.ADOPTION_FIELDS:
            raise EditionFrozen(_("An edition cannot be changed."))
        return super().update(**kwargs)

    def delete(self):
        raise EditionFrozen(_("An edition cannot be deleted."))


class Edition(Scoped):
    ADOPTION_FIELDS = frozenset(
        {"regulation_number", "regulation_date", "adopted_by", "adopted_at"}
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    book = models.ForeignKey(
        Book, verbose_name=_("book"), on_delete=models.CASCADE, related_name="editions"
    )
    number = models.PositiveIntegerField(_("edition"))
    export_job = models.OneToOneField(
        ExportJob,
        verbose_name=_("export job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edition",
    )
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    frozen_at = models.DateTimeField(_("frozen at"), db_index=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    snapshot = models.JSONField(_("snapshot"), editable=False)
    pdf = models.FileField(_("PDF"), storage=ExportStorage(), upload_to=edition_upload_to)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    redline_pdf = models.FileField(
        _("redline PDF against the previous edition"),
        storage=ExportStorage(),
        upload_to=edition_upload_to,
        blank=True,
    )
    regulation_number = models.CharField(_("regulation number"), max_length=120, blank=True)
    regulation_date = models.DateField(_("regulation date"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regulation entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_at = models.DateTimeField(_("regulation entered at"), null=True, blank=True)

    objects = EditionQuerySet.as_manager()
    region_path = "book__plan__region"
    plan_record = False  # the history of the plan, not one of its records
    dimension_path = None

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["book", "number"]
        constraints = [
            models.UniqueConstraint(fields=["book", "number"], name="edition_unique_number")
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise EditionFrozen(_("An edition cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EditionFrozen(_("An edition cannot be deleted."))

    @property
    def is_adopted(self) -> bool:
        return bool(self.regulation_number)

    @property
    def label(self) -> str:
        """``Edisi 1 — Perbup No. 12/2025, 3 Maret 2025`` (the regulation once known)."""
        text = _("Edition %(number)s") % {"number": self.number}
        if self.regulation_number:
            text = f"{text} — {self.regulation_number}"
            if self.regulation_date:
                text = f"{text}, {date_format(self.regulation_date, 'j F Y')}"
        return text

    def is_locked(self) -> bool:
        return True
