"""Writes that span several models. Single-record changes are model methods."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, router, transaction
from django.db.models import Model
from django.utils import timezone

from masterplan.middleware import client_ip, current_client_ip
from masterplan.models import (
    AuditEvent,
    BimtekStage,
    Book,
    BookTemplate,
    Cohort,
    DeletedRecord,
    Plan,
    Region,
    Revision,
    Section,
    SectionTemplate,
    TrackedModel,
    User,
)
from masterplan.outlines import DEFAULT_BOOKS, DEFAULT_STAGES, Outline
from masterplan.signals import record_deleted, record_saved


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Model,
    region: Region | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write the audit row; call inside the transaction of the change it describes.

    The client's address comes from the request being handled (ClientIPMiddleware);
    work done outside a request (Celery, commands) has none.
    """
    if region is None and hasattr(target, "scope_region_id"):
        region_id = target.scope_region_id()
    else:
        region_id = region.pk if region else None
    return AuditEvent.objects.create(
        actor=actor,
        region_id=region_id,
        action=action,
        target_type=target._meta.label_lower,
        target_uuid=getattr(target, "uuid", None),
        target_repr=str(target)[:250],
        changes=changes or {},
        ip=current_client_ip(),
    )


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Before/after of the fields that differ between two snapshots, for the audit row."""
    names = [name for name in after if name not in before or before[name] != after[name]]
    names += [name for name in before if name not in after]
    return {
        "before": {name: before[name] for name in names if name in before},
        "after": {name: after[name] for name in names if name in after},
    }


def audit_login(sender, request, user, **kwargs) -> None:
    """Receiver of ``user_logged_in``; filed under the user's region when there is one."""
    regions = list(Region.objects.filter(memberships__user=user).distinct()[:2])
    region = regions[0] if len(regions) == 1 else None
    audit_record(actor=user, action="user.login", target=user, region=region)


def audit_logout(sender, request, user, **kwargs) -> None:
    """Receiver of ``user_logged_out`` (``user`` is None when nobody was logged in)."""
    if user is not None:
        audit_record(actor=user, action="user.logout", target=user)


def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Receiver of ``user_login_failed``: the username tried, never the password."""
    username = str(credentials.get("username") or "")[:150]
    locked = bool(getattr(request, "axes_locked_out", False))
    AuditEvent.objects.create(
        actor=None,
        action="user.login_failed",
        target_type=User._meta.label_lower,
        target_repr=username,
        changes={"username": username, "locked_out": locked},
        ip=current_client_ip() or (client_ip(request) if request is not None else None),
    )


def _create_section_templates(
    book_template: BookTemplate, outline: Outline, parent: SectionTemplate | None = None
) -> None:
    for order, (key, title, title_en, options, children) in enumerate(outline, start=1):
        node = SectionTemplate.objects.create(
            book_template=book_template,
            parent=parent,
            key=key if parent is None else f"{parent.key}--{key}"[:80],
            order=order,
            title=title,
            title_en=title_en,
            required=options.get("required", True),
            records=options.get("records", ""),
            per_dimension=options.get("per_dimension", False),
        )
        _create_section_templates(book_template, children, node)


@transaction.atomic
def cohort_create_templates(*, cohort: Cohort, stage_dates: list[tuple[date, date]] | None = None):
    """Give a cohort the default four books, their outlines and the four bimtek stages.

    Does nothing for books or stages the cohort already has, so admins' changes stay.
    """
    templates = {}
    for number, title, title_en, description, outline in DEFAULT_BOOKS:
        template, created = BookTemplate.objects.get_or_create(
            cohort=cohort,
            number=number,
            defaults={"title": title, "title_en": title_en, "description": description},
        )
        if created:
            _create_section_templates(template, outline)
        templates[number] = template
    if stage_dates:
        for (number, name, expectations, books), (starts_on, ends_on) in zip(
            DEFAULT_STAGES, stage_dates, strict=False
        ):
            stage, created = BimtekStage.objects.get_or_create(
                cohort=cohort,
                number=number,
                defaults={
                    "name": name,
                    "expectations": expectations,
                    "starts_on": starts_on,
                    "ends_on": ends_on,
                },
            )
            if created:
                stage.expected_books.set([templates[n] for n in books if n in templates])
    return templates


def _copy_sections(
    book: Book,
    templates: list[SectionTemplate],
    dimensions: list,
    by: User | None,
) -> None:
    children: dict[int | None, list[SectionTemplate]] = {}
    for template in templates:
        children.setdefault(template.parent_id, []).append(template)

    def copy(template: SectionTemplate, parent: Section | None, order: int) -> None:
        section = Section.objects.create(
            book=book,
            parent=parent,
            template=template,
            key=template.key,
            order=order,
            title=template.title,
            title_en=template.title_en,
            required=template.required,
            records=template.records,
            created_by=by,
            updated_by=by,
        )
        kids = sorted(children.get(template.pk, []), key=lambda t: t.order)
        for child_order, child in enumerate(kids, start=1):
            copy(child, section, child_order)
        if template.per_dimension:
            for offset, dimension in enumerate(dimensions, start=len(kids) + 1):
                Section.objects.create(
                    book=book,
                    parent=section,
                    template=template,
                    key=f"{template.key}--{dimension.code.lower()}"[:80],
                    order=offset,
                    title=dimension.name_id,
                    title_en=dimension.name_en,
                    required=template.required,
                    records=template.records,
                    dimension=dimension,
                    created_by=by,
                    updated_by=by,
                )

    roots = sorted(children.get(None, []), key=lambda t: t.order)
    for order, template in enumerate(roots, start=1):
        copy(template, None, order)


@transaction.atomic
def plan_create_from_template(
    *,
    region: Region,
    cohort: Cohort,
    start_year: int,
    end_year: int,
    by: User | None = None,
    title: str = "",
    framework=None,
    **fields: Any,
) -> Plan:
    """Create a plan with its books and chapter outlines copied from the cohort."""
    framework = framework or cohort.framework
    plan = Plan(
        region=region,
        cohort=cohort,
        framework=framework,
        start_year=start_year,
        end_year=end_year,
        title=title or f"Masterplan Smart City {region.name} {start_year}–{end_year}",
        **fields,
    )
    plan.stamp(by)
    plan.full_clean()
    plan.save()
    plan_add_books(plan=plan, by=by)
    audit_record(actor=by, action="plan.create", target=plan, region=region)
    return plan


@transaction.atomic
def plan_add_books(*, plan: Plan, by: User | None = None) -> list[Book]:
    """Create the books of the cohort's book set that the plan does not have yet."""
    dimensions = list(plan.framework.dimensions.order_by("order"))
    existing = set(plan.books.values_list("number", flat=True))
    created = []
    for template in plan.cohort.book_templates.order_by("number"):
        if template.number in existing:
            continue
        book = Book.objects.create(
            plan=plan,
            template=template,
            number=template.number,
            title=template.title,
            title_en=template.title_en,
            created_by=by,
            updated_by=by,
        )
        _copy_sections(book, list(template.section_templates.all()), dimensions, by)
        created.append(book)
    return created


# --- Saving with history, deleting with undo ------------------------------------------

_UNTRACKED = {"id", "uuid", "version", "created_at", "updated_at", "created_by", "updated_by"}
# Never copied into a revision or an audit row, not even hashed.
_SECRET = {"password"}


def snapshot_of(obj: Model) -> dict[str, Any]:
    """The record's own field values (many-to-many as sorted ids), JSON-ready."""
    data = serializers.serialize("python", [obj])[0]["fields"]
    data = {name: value for name, value in data.items() if name not in _UNTRACKED | _SECRET}
    for name, value in data.items():
        if isinstance(value, list):
            data[name] = sorted(value)
        elif isinstance(value, datetime) and timezone.is_aware(value):
            # A form's value is in local time, the stored one in UTC: the same instant.
            data[name] = value.astimezone(UTC)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def record_save(
    obj: TrackedModel,
    *,
    by: User | None,
    based_on: int | None = None,
    update_fields: list[str] | None = None,
    note: str = "",
    save_many: Callable[[], None] | None = None,
) -> Revision:
    """Save a record with the optimistic-concurrency check, a revision and an audit event.

    ``based_on`` is the version the user's form was built from; a stale one raises
    VersionConflict and nothing is written. Many-to-many values reach the revision and
    the audit's before/after either through ``save_many`` (a form's ``save_m2m``, called
    once the record is saved) or by being saved before this runs.
    """
    adding = obj._state.adding
    before = {} if adding else _snapshot_before(obj)
    if adding or based_on is None:
        obj.stamp(by)
        obj.save(update_fields=None if adding else update_fields)
    else:
        obj.save_if_current(based_on=based_on, by=by, update_fields=update_fields)
    if save_many is not None:
        save_many()
    revision = revision_record(obj, by=by, note=note)
    audit_record(
        actor=by,
        action=f"{obj._meta.model_name}.{'create' if adding else 'update'}",
        target=obj,
        changes={
            "version": obj.version,
            "revision": revision.pk,
            **changes_between(before, revision.snapshot),
        },
    )
    record_saved.send(
        sender=type(obj),
        record=obj,
        by=by,
        before=before,
        after=revision.snapshot,
        created=adding,
    )
    return revision


def _snapshot_before(obj: TrackedModel) -> dict[str, Any]:
    """The record as stored before this save, for the audit's before/after.

    Many-to-many values come from the latest revision: a form saves them before this runs.
    """
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    if stored is None:
        return {}
    before = snapshot_of(stored)
    many = [field.name for field in obj._meta.many_to_many]
    if many:
        latest = (
            Revision.objects.filter(target_type=obj._meta.label_lower, target_uuid=obj.uuid)
            .order_by("-pk")
            .values_list("snapshot", flat=True)
            .first()
        )
        before.update({name: latest[name] for name in many if latest and name in latest})
    return before


def revision_record(obj: TrackedModel, *, by: User | None, note: str = "") -> Revision:
    return Revision.objects.create(
        target_type=obj._meta.label_lower,
        target_uuid=obj.uuid,
        region_id=obj.scope_region_id(),
        version=obj.version,
        snapshot=snapshot_of(obj),
        actor=by,
        note=note,
    )


@transaction.atomic
def record_revert(revision: Revision, *, by: User | None) -> TrackedModel:
    """Put a revision's values back into its record; the restore is itself a new revision."""
    model = apps.get_model(revision.target_type)
    obj = model._default_manager.select_for_update().get(uuid=revision.target_uuid)
    before = snapshot_of(obj)
    many = {}
    for field in model._meta.get_fields():
        if field.name not in revision.snapshot or field.name in _UNTRACKED:
            continue
        value = revision.snapshot[field.name]
        if field.many_to_many:
            many[field.name] = value
        elif field.is_relation:
            setattr(obj, field.attname, value)
        else:
            setattr(obj, field.attname, field.to_python(value))
    obj.stamp(by)
    obj.save()
    for name, ids in many.items():
        getattr(obj, name).set(ids)
    restored = revision_record(obj, by=by, note=f"restore:v{revision.version}")
    audit_record(
        actor=by,
        action=f"{obj._meta.model_name}.restore",
        target=obj,
        changes={
            "restored_version": revision.version,
            "version": obj.version,
            **changes_between(before, restored.snapshot),
        },
    )
    record_saved.send(
        sender=model, record=obj, by=by, before=before, after=restored.snapshot, created=False
    )
    return obj


@transaction.atomic
def record_delete(obj: TrackedModel, *, by: User | None) -> DeletedRecord:
    """Delete a record and what cascades with it, keeping all of it for an admin's undo."""
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    # Parents before children, so a restore can insert in the same order.
    ordered = []
    for model, instances in collector.data.items():
        ordered.append((model, list(instances)))
    ordered.sort(key=lambda pair: 0 if pair[0] is type(obj) else 1)
    objects = [instance for _, instances in ordered for instance in instances]
    payload = json.loads(serializers.serialize("json", objects))
    deleted = DeletedRecord.objects.create(
        target_type=obj._meta.label_lower,
        target_uuid=getattr(obj, "uuid", None),
        target_repr=str(obj)[:250],
        region_id=obj.scope_region_id(),
        payload=payload,
        deleted_by=by,
    )
    last = snapshot_of(obj)
    audit_record(
        actor=by,
        action=f"{obj._meta.model_name}.delete",
        target=obj,
        changes={
            "deleted_record": deleted.pk,
            "rows": len(objects),
            **changes_between(last, {}),
        },
    )
    record_deleted.send(sender=type(obj), record=obj, by=by, before=last)
    obj.delete()
    return deleted


@transaction.atomic
def untracked_save(
    obj: Model, *, by: User | None, save_many: Callable[[], None] | None = None
) -> AuditEvent:
    """Save a record that keeps no revisions (a membership, a cohort) with its audit event.

    The event carries the before/after of the fields that changed, as ``record_save``'s does.
    """
    adding = obj._state.adding
    stored = None if adding else type(obj)._base_manager.filter(pk=obj.pk).first()
    before = snapshot_of(stored) if stored is not None else {}
    obj.save()
    if save_many is not None:
        save_many()
    return audit_record(
        actor=by,
        action=f"{obj._meta.model_name}.{'create' if adding else 'update'}",
        target=obj,
        changes=changes_between(before, snapshot_of(obj)),
    )


@transaction.atomic
def untracked_delete(obj: Model, *, by: User | None) -> AuditEvent:
    """Delete a record that keeps no revisions, its last values kept in the audit event."""
    event = audit_record(
        actor=by,
        action=f"{obj._meta.model_name}.delete",
        target=obj,
        changes=changes_between(snapshot_of(obj), {}),
    )
    obj.delete()
    return event


@transaction.atomic
def record_restore(deleted: DeletedRecord, *, by: User | None) -> Model:
    """Undo a deletion: insert the rows back with their ids and uuids."""
    if deleted.restored_at is not None:
        raise ValueError("This record was restored already.")
    pending = list(serializers.deserialize("json", json.dumps(deleted.payload)))
    # Insert in dependency order: retry rows whose parents are not back yet.
    for _ in range(len(pending) + 1):
        failed = []
        for item in pending:
            try:
                with transaction.atomic():
                    item.save()
            except IntegrityError:
                failed.append(item)
        if not failed:
            break
        if len(failed) == len(pending):
            raise IntegrityError("The deleted record can no longer be restored.")
        pending = failed
    deleted.restored_at = timezone.now()
    deleted.restored_by = by
    deleted.save(update_fields=["restored_at", "restored_by"])
    model = apps.get_model(deleted.target_type)
    obj = model._default_manager.get(uuid=deleted.target_uuid)
    audit_record(
        actor=by,
        action=f"{obj._meta.model_name}.undelete",
        target=obj,
        changes={"deleted_record": deleted.pk, **changes_between({}, snapshot_of(obj))},
    )
    return obj
