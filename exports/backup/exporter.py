"""Export: one plan, read in a single snapshot, as a JSON-ready document."""

from __future__ import annotations

import base64
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from exports.backup.document import (
    FORMAT,
    NATURAL_KEYS,
    VERSION,
    has_uuid,
    json_value,
    label_of,
    plan_tables,
    sort_key,
)
from masterplan.models import BimtekStage, BookTemplate, Cohort, Plan, Region, SectionTemplate


class _Exporter:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.scope = {"framework": plan.framework, "cohort": plan.cohort}
        self.keys: dict[str, dict[int, Any]] = {}  # label -> pk -> key in the document
        self.user_ids: set[int] = set()
        self.warnings: list[str] = []

    def key(self, model: type[models.Model], pk: int) -> Any:
        label = label_of(model)
        if label == "masterplan.user":
            self.user_ids.add(pk)
        known = self.keys.setdefault(label, {})
        if pk not in known:
            known.update(self._load_keys(model, pk))
        if pk not in known:
            raise LookupError(f"{label} {pk} has no key")
        return known[pk]

    def _load_keys(self, model: type[models.Model], pk: int) -> dict[int, Any]:
        label = label_of(model)
        if label not in NATURAL_KEYS:  # a record: its UUID
            rows = model._base_manager.filter(pk=pk).values_list("pk", "uuid")
            return {row_pk: str(value) for row_pk, value in rows}
        fields, scope = NATURAL_KEYS[label]
        queryset = model._base_manager.all()
        if scope:
            owner = scope.rsplit("__", 1)[-1]
            queryset = queryset.filter(**{scope: self.scope[owner]})
        else:
            queryset = queryset.filter(pk=pk)
        keys = {}
        for row in queryset.values_list("pk", *fields):
            keys[row[0]] = row[1] if len(fields) == 1 else list(row[1:])
        return keys

    def rows(self, queryset: models.QuerySet) -> list[dict]:
        model = queryset.model
        objects = list(queryset.order_by("pk"))
        if has_uuid(model):
            self.keys.setdefault(label_of(model), {}).update(
                (obj.pk, str(obj.uuid)) for obj in objects
            )
        many = self._many_to_many(model, [obj.pk for obj in objects])
        rows = []
        for obj in objects:
            row = {}
            for field in model._meta.concrete_fields:
                if field.primary_key:
                    continue
                if field.is_relation:
                    value = getattr(obj, field.attname)
                    row[field.name] = (
                        None if value is None else self.key(field.related_model, value)
                    )
                elif isinstance(field, models.FileField):
                    row[field.name] = self.file(getattr(obj, field.name))
                else:
                    row[field.name] = json_value(field.value_from_object(obj))
            for field in model._meta.many_to_many:
                row[field.name] = sorted(many[field.name].get(obj.pk, []), key=sort_key)
            rows.append(row)
        return rows

    def _many_to_many(self, model, pks: list[int]) -> dict[str, dict[int, list]]:
        result: dict[str, dict[int, list]] = {}
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = through._base_manager.filter(**{f"{source}__in": pks}).values_list(
                f"{source}_id", f"{target}_id"
            )
            by_owner: dict[int, list] = defaultdict(list)
            for owner, other in links.order_by("pk"):
                by_owner[owner].append(self.key(field.related_model, other))
            result[field.name] = by_owner
        return result

    def file(self, field_file) -> dict | None:
        if not field_file:
            return None
        name = field_file.name.rsplit("/", 1)[-1]
        try:
            with field_file.storage.open(field_file.name, "rb") as handle:
                data = base64.b64encode(handle.read()).decode("ascii")
        except OSError:
            self.warnings.append(f"file {field_file.name} is missing; exported without it")
            data = None
        return {"name": name, "data": data}

    def run(self) -> dict:
        plan = self.plan
        region, cohort = plan.region, plan.cohort
        document: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "region": self.rows(Region.objects.filter(pk=region.pk))[0],
            "cohort": {
                **self.rows(Cohort.objects.filter(pk=cohort.pk))[0],
                "book_templates": self.rows(BookTemplate.objects.filter(cohort=cohort)),
                "section_templates": self.rows(
                    SectionTemplate.objects.filter(book_template__cohort=cohort)
                ),
                "stages": self.rows(BimtekStage.objects.filter(cohort=cohort)),
            },
        }
        document["tables"] = {kind.label: self.rows(kind.of_plan(plan)) for kind in plan_tables()}
        users = apps.get_model("masterplan.user")._base_manager.filter(pk__in=self.user_ids)
        document["users"] = [
            {"username": username, "full_name": full_name}
            for username, full_name in users.order_by("username").values_list(
                "username", "full_name"
            )
        ]
        return document


def plan_export(plan: Plan, warnings: list[str] | None = None) -> dict:
    """The plan as a JSON-ready document; problems that did not stop it go to ``warnings``.

    Read in one transaction that sees a single snapshot, so people saving meanwhile
    cannot leave the document with a record whose parent it does not hold.
    """
    exporter = _Exporter(plan)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        document = exporter.run()
    if warnings is not None:
        warnings.extend(exporter.warnings)
    return document
