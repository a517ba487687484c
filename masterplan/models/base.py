"""What the models of every app build on: the scope of a record, tracking, shared helpers."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router, transaction
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

YEAR_RANGE = (2000, 2100)


def constraint_field(constraint: models.BaseConstraint) -> str | None:
    """The field a CheckConstraint is about: the left side of its first lookup."""
    condition = getattr(constraint, "condition", None)
    while isinstance(condition, Q) and condition.children:
        condition = condition.children[0]
    if isinstance(condition, tuple):
        return condition[0].split("__")[0]
    return None


class ConstraintErrorsOnFields(models.Model):
    """A violated CheckConstraint is an error of its field, not of the whole form: the
    form marks the field and says the allowed range (the constraint's message)."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors: dict = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = constraint_field(constraint)
                    if isinstance(constraint, models.UniqueConstraint):
                        fields = constraint.fields
                        field = fields[0] if len(fields) == 1 and error.code == "unique" else None
                    if field is None or (exclude and field in exclude):
                        field = NON_FIELD_ERRORS
                    errors.setdefault(field, []).append(error)
        if errors:
            raise ValidationError(errors)


def localized(obj, field: str) -> str:
    """The Indonesian value, or the English one when English is active and filled."""
    if (get_language() or "id").startswith("en"):
        return getattr(obj, f"{field}_en", "") or getattr(obj, field)
    return getattr(obj, field)


class Scoped(ConstraintErrorsOnFields):
    """A record that belongs to a region (and maybe to a dimension of its plan).

    ``region_path`` is the lookup from the model to its Region (empty for Region
    itself), ``dimension_path`` the lookup to its Dimension (None: no dimension).
    ``ScopedQuerySet`` turns the paths into WHERE clauses; the ``can_*`` predicates
    ask ``scope_region_id``/``scope_dimension_id``, which walk the same paths.
    """

    region_path: str
    dimension_path: str | None = None

    class Meta:
        abstract = True

    def _walk(self, path: str | None):
        obj = self
        for part in (path or "").split("__"):
            if not part or obj is None:
                break
            obj = getattr(obj, part)
        return obj

    def _scope_id(self, path: str) -> int | None:
        owner_path, _, last = path.rpartition("__")
        owner = self._walk(owner_path) if owner_path else self
        return getattr(owner, f"{last}_id", None) if owner is not None else None

    def scope_region_id(self) -> int | None:
        return self._scope_id(self.region_path) if self.region_path else self.pk

    def scope_dimension_id(self) -> int | None:
        return self._scope_id(self.dimension_path) if self.dimension_path else None


class VersionConflict(Exception):
    """A save was based on a version that someone else has replaced meanwhile."""

    def __init__(self, obj: models.Model, current_version: int | None):
        super().__init__(f"{obj!r} was changed by someone else (now version {current_version})")
        self.obj = obj
        self.current_version = current_version


class TrackedModel(Scoped):
    """Every editable record: a stable UUID for comment anchors, who/when, and a version."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    region_path = "plan__region"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at", "updated_by"}
        super().save(*args, **kwargs)

    @transaction.atomic
    def save_if_current(self, *, based_on: int, by=None, update_fields=None) -> None:
        """Save only if nobody saved since ``based_on``; else raise VersionConflict.

        The row is locked while we compare, so two concurrent saves based on the
        same version cannot both win.
        """
        current = (
            type(self)
            ._base_manager.select_for_update()
            .filter(pk=self.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current != based_on:
            raise VersionConflict(self, current)
        self.version = based_on
        if by is not None:
            self.updated_by = by
        self.save(update_fields=update_fields)

    def stamp(self, by) -> None:
        """Record who creates or changes this record before a save."""
        if by is None:
            return
        if self._state.adding and self.created_by_id is None:
            self.created_by = by
        self.updated_by = by


def year_constraint(name: str, field: str = "year") -> models.CheckConstraint:
    low, high = YEAR_RANGE
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=name,
        violation_error_code="year_range",
        violation_error_message=format_lazy(
            _("Enter a year from {low} to {high}."), low=low, high=high
        ),
    )


def region_upload_to(instance, filename: str) -> str:
    """Uploads live per region so exports and checks can find a region's own files."""
    region_slug = instance.upload_region().slug
    return f"regions/{region_slug}/{type(instance).__name__.lower()}/{uuid.uuid4().hex}/{filename}"
