"""Every write to a plan's records moves the plan's content version, in the same transaction.

Caches of what is derived from a plan (the checks' findings, dashboard summaries, API
lists) are kept under ``(plan, version)``: one indexed read of ``PlanVersion`` tells any
node whether what it holds is current, whatever the size of the plan.

Which writes move it is derived from the plan-record registry (``masterplan.registry``),
not listed by hand:

- a save or a deletion of any plan record (``post_save``/``pre_delete`` of every kind):
  the save services, the admin (which goes through them), the API, the review workflow;
- a change of a many-to-many relation of a plan record (``m2m_changed``);
- writes that send no signal call ``bump_plans``/``bump_record`` themselves: the reorder
  service (``QuerySet.update``), the backup import and the large demo seed (``bulk_create``);
- records of the region (agencies, comments) move every plan of their region;
- deleting a user moves every plan (the records it wrote lose their ``created_by``/
  ``updated_by``);
- reference rows that the checks read (the framework's dimensions, elements, pillars) are
  watched by the app that owns them with ``watch_reference`` and move every plan of that
  framework.

A cascade moves the plan once: rows deleted because their parent was deleted leave the
bump to the parent.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F
from django.db.models.signals import m2m_changed, post_save, pre_delete

from masterplan.models import Plan, PlanVersion
from masterplan.registry import PlanRecordKind, plan_record_kinds


def plan_versions(plan_ids: Iterable[int]) -> dict[int, int]:
    """Plan id → content version, in one query (plans that never had one get a row)."""
    ids = sorted(set(plan_ids))
    if not ids:
        return {}
    versions = dict(PlanVersion.objects.filter(plan_id__in=ids).values_list("plan_id", "version"))
    missing = [plan_id for plan_id in ids if plan_id not in versions]
    if missing:  # plans written by bulk_create (an import): counted from now on
        PlanVersion.objects.bulk_create(
            [PlanVersion(plan_id=plan_id) for plan_id in missing], ignore_conflicts=True
        )
        versions.update(
            PlanVersion.objects.filter(plan_id__in=missing).values_list("plan_id", "version")
        )
    return versions


def _bump(plans: models.QuerySet | Iterable[int]) -> None:
    """One UPDATE; ``plans`` is a subquery of plan ids or a list of them."""
    PlanVersion.objects.filter(plan_id__in=plans).update(version=F("version") + 1)


def bump_plans(plan_ids: Iterable[int]) -> None:
    ids = sorted(set(plan_ids))
    if ids:
        _bump(ids)


def bump_region(region_id: int) -> None:
    _bump(Plan.objects.filter(region_id=region_id).values("pk"))


def _plans_of(kind: PlanRecordKind, rows: models.QuerySet) -> models.QuerySet:
    """A subquery of the ids of the plans that ``rows`` (of one kind) belong to."""
    if kind.plan_path is not None:
        return rows.order_by().values(kind.plan_path or "pk")
    # a record of the region (or anchored to a record of one of its plans)
    region = rows.order_by().values(kind.model.region_path)
    return Plan.objects.filter(region__in=region).values("pk")


def bump_record(instance: models.Model) -> None:
    """Move the version of the plans ``instance`` (a plan record) belongs to (one UPDATE)."""
    kind = _kinds().get(type(instance))
    if kind is None:
        return
    if kind.plan_path == "":
        _bump([instance.pk])
    elif kind.plan_path is not None and "__" not in kind.plan_path:
        _bump([getattr(instance, f"{kind.plan_path}_id")])
    else:
        _bump(_plans_of(kind, kind.model._base_manager.filter(pk=instance.pk)))


# --- receivers ----------------------------------------------------------------------------


def _kinds() -> dict[type[models.Model], PlanRecordKind]:
    kinds = plan_record_kinds()
    if _KINDS.get("from") is not kinds:
        _KINDS.update({"from": kinds, "by_model": {kind.model: kind for kind in kinds}})
    return _KINDS["by_model"]


_KINDS: dict = {}
# the querysets whose deletion already moved their plans (one UPDATE per QuerySet.delete())
_DELETED_QUERYSETS: weakref.WeakSet = weakref.WeakSet()


def _saved(sender, instance, created=False, **kwargs) -> None:
    # raw saves too: the trash's restore writes deserialised rows
    if sender is Plan and created:
        PlanVersion.objects.get_or_create(plan_id=instance.pk)
        return
    bump_record(instance)


def _deleting(sender, instance, origin=None, **kwargs) -> None:
    kinds = _kinds()
    if isinstance(origin, models.QuerySet) and origin.model in kinds:
        # rows.delete(): their plans move once, while the rows are still there
        if origin not in _DELETED_QUERYSETS:
            _DELETED_QUERYSETS.add(origin)
            _bump(_plans_of(kinds[origin.model], origin))
        return
    if isinstance(origin, models.Model) and origin is not instance and type(origin) in kinds:
        return  # deleted with its parent record: the parent moved the plan
    bump_record(instance)


def _many_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    kinds = _kinds()
    if type(instance) in kinds:
        bump_record(instance)
    elif reverse and model in kinds and pk_set:
        # e.g. a programme removed from an agency's side
        for row in model._base_manager.filter(pk__in=pk_set):
            bump_record(row)


def _user_deleting(sender, instance, **kwargs) -> None:
    # Every record keeps who created and last changed it; deleting a user empties those
    # columns (SET_NULL, an UPDATE that sends no signal) in any plan the user wrote to.
    # Rare enough to move every plan (one UPDATE).
    PlanVersion.objects.update(version=F("version") + 1)


def connect() -> None:
    """Called from the core's ``ready()``: every kind the registry knows is watched."""
    pre_delete.connect(_user_deleting, sender=get_user_model(), dispatch_uid="plan_version:user")
    for kind in plan_record_kinds():
        uid = f"plan_version:{kind.label}"
        post_save.connect(_saved, sender=kind.model, dispatch_uid=uid)
        pre_delete.connect(_deleting, sender=kind.model, dispatch_uid=uid)
        for field in kind.model._meta.local_many_to_many:
            m2m_changed.connect(
                _many_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}.{field.name}",
            )


def watch_reference(model: type[models.Model], framework_path: str) -> None:
    """Move every plan of a framework when one of its reference rows (``model``, reaching
    its framework through ``framework_path``) is saved or deleted."""

    def changed(sender, instance, **kwargs) -> None:
        rows = model._base_manager.filter(pk=instance.pk).values(framework_path)
        _bump(Plan.objects.filter(framework__in=rows).values("pk"))

    uid = f"plan_version:{model._meta.label_lower}"
    post_save.connect(changed, sender=model, dispatch_uid=uid, weak=False)
    pre_delete.connect(changed, sender=model, dispatch_uid=uid, weak=False)
