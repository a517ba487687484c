"""The kinds of record a plan is made of, derived from the installed models.

Every model that declares ``region_path`` is a plan record, unless it says otherwise with
``plan_record = False`` (accounts and access, history, the audit log, the trash, export
jobs: they belong to the server, not to the plan). Region itself (``region_path = ""``) is
the owner of plans, not one of their records.

How a record belongs to its plan follows from ``region_path`` too:

- ``...plan__region``: through a chain of foreign keys (``plan_path`` is that chain);
- ``region`` on Plan: the plan itself (``plan_path`` is ``""``);
- ``region`` elsewhere: a record of the region, shared by its plans (agencies);
- a model may declare ``plan_path`` when its ``region_path`` is a shortcut (section
  images), or ``plan_anchor``, the field holding the UUID of the plan record it is about
  (comments).

Backup, the export content hash, the comment targets, the API and the test builders read
this list; tests/masterplan/test_registry.py fails when one of them misses a kind. The core
imports no app above it, so the list comes from ``apps.get_models()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from masterplan.models import Book, Plan


@dataclass(frozen=True)
class PlanRecordKind:
    model: type[models.Model]
    plan_path: str | None
    """Lookup from a row to its Plan; ``""`` for Plan itself, None when no foreign key leads
    there (records of the region, anchored records)."""
    anchor: str | None = None
    """The field holding the UUID of the plan record this row is about."""

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def of_region(self) -> bool:
        """A record of the region, shared by all its plans."""
        return self.plan_path is None and self.anchor is None

    @property
    def tracked(self) -> bool:
        """Has a UUID and a version that every save bumps (a TrackedModel)."""
        from masterplan.models import TrackedModel

        return issubclass(self.model, TrackedModel)

    @property
    def book_path(self) -> str | None:
        """Lookup from a row to its Book (``""`` for Book itself), or None: not in one book."""
        if self.model is apps.get_model("masterplan", "Book"):
            return ""
        if self.plan_path and self.plan_path.endswith("book__plan"):
            return self.plan_path.removesuffix("__plan")
        return None

    def of_plan(self, plan: Plan) -> models.QuerySet:
        """Every row of this kind that belongs to the plan (the base manager: no filtering)."""
        manager = self.model._base_manager
        if self.plan_path is not None:
            return manager.filter(**{self.plan_path or "pk": plan.pk})
        rows = manager.filter(**{self.model.region_path: plan.region_id})
        if self.anchor is None:
            return rows
        anchored = Q()
        for kind in plan_record_kinds():
            if kind.anchor is None and _has_field(kind.model, "uuid"):
                anchored |= Q(**{f"{self.anchor}__in": kind.of_plan(plan).values("uuid")})
        return rows.filter(anchored)

    def of_book(self, book: Book) -> models.QuerySet:
        """The rows a book is built from: its own for the kinds that live in one book (books,
        sections and what hangs on them), the plan's for the others."""
        path = self.book_path
        if path is None:
            return self.of_plan(book.plan)
        return self.model._base_manager.filter(**{path or "pk": book.pk})


def scoped_models() -> list[type[models.Model]]:
    """Every installed model that declares how it belongs to a region."""
    return [model for model in apps.get_models() if hasattr(model, "region_path")]


@cache
def plan_record_kinds() -> tuple[PlanRecordKind, ...]:
    """The plan's record kinds, parents before children (an order to insert them in)."""
    kinds = [
        _kind(model)
        for model in scoped_models()
        if model.region_path and getattr(model, "plan_record", True)
    ]
    return _parents_first(kinds)


def plan_record_models() -> list[type[models.Model]]:
    return [kind.model for kind in plan_record_kinds()]


def plan_record_kind(model_or_label: type[models.Model] | str) -> PlanRecordKind:
    """The kind of a model (or of ``"app.model"``); LookupError when it is no plan record."""
    if isinstance(model_or_label, str):
        label = model_or_label.lower()
    else:
        label = model_or_label._meta.label_lower
    for kind in plan_record_kinds():
        if kind.label == label:
            return kind
    raise LookupError(f"{model_or_label} is not a record of a plan")


# --- deriving ---------------------------------------------------------------------------


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _kind(model: type[models.Model]) -> PlanRecordKind:
    plan_model = apps.get_model("masterplan", "Plan")
    label = model._meta.label_lower
    anchor = getattr(model, "plan_anchor", None)
    if anchor is not None:
        if not _has_field(model, anchor):
            raise ImproperlyConfigured(f"{label}.plan_anchor names no field: {anchor!r}")
        return PlanRecordKind(model, None, anchor)
    if hasattr(model, "plan_path"):
        path = model.plan_path
    elif model is plan_model:
        path = ""
    elif model.region_path.endswith("plan__region"):
        path = model.region_path.removesuffix("__region")
    elif model.region_path == "region":
        path = None
    else:
        raise ImproperlyConfigured(
            f"{label}: region_path {model.region_path!r} does not pass through a plan; "
            "declare plan_path, plan_anchor, or plan_record = False"
        )
    if path and _walk(model, path) is not plan_model:
        raise ImproperlyConfigured(f"{label}.plan_path {path!r} does not lead to a plan")
    return PlanRecordKind(model, path)


def _walk(model: type[models.Model], path: str) -> type[models.Model] | None:
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not (field.many_to_one or field.one_to_one) or field.related_model is None:
            return None
        model = field.related_model
    return model


def _parents_first(kinds: list[PlanRecordKind]) -> tuple[PlanRecordKind, ...]:
    """Kahn's sort on the foreign keys between the kinds; ties keep the installed order."""
    index = {kind.model: number for number, kind in enumerate(kinds)}
    needs = {
        kind.model: {
            field.related_model
            for field in kind.model._meta.concrete_fields
            if field.is_relation
            and field.related_model in index
            and field.related_model is not kind.model  # rows pointing at their own table
        }
        for kind in kinds
    }
    ordered: list[PlanRecordKind] = []
    placed: set[type[models.Model]] = set()
    while len(ordered) < len(kinds):
        ready = [kind for kind in kinds if kind.model not in placed and needs[kind.model] <= placed]
        if not ready:
            stuck = sorted(kind.label for kind in kinds if kind.model not in placed)
            raise ImproperlyConfigured(f"plan records point at each other in a cycle: {stuck}")
        first = min(ready, key=lambda kind: index[kind.model])
        ordered.append(first)
        placed.add(first.model)
    return tuple(ordered)
