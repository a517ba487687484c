"""Reading records out faster, with the same JSON.

DRF's ``Serializer.to_representation`` asks every field of every record for its value
through the field's generic ``get_attribute`` (a relation manager and a fresh queryset for
each prefetched list, a ``PKOnlyObject`` for each foreign key, the current time zone for
each date). A programme list of 50 programmes with their nested records is several
thousand such calls. ``FastRead`` sorts a serializer's fields once per serializer
instance (a ``many=True`` list shares one child) into what it can read directly:

- a model column: read from the record, then the field's own ``to_representation``;
- a foreign key shown as its primary key: the ``<name>_id`` column;
- a prefetched list (nested records, or primary keys of a many-to-many): the prefetched
  rows as they are, from ``prefetch()`` (a plain list on the record: Django then builds no
  queryset and no relation manager per record) or from ``prefetch_related``'s own cache;

and leaves anything else (properties, method fields, a list that was not prefetched) to
DRF. The output is the one DRF gives (tests/api compares them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import serializers
from rest_framework.fields import DateTimeField
from rest_framework.relations import ManyRelatedField, PKOnlyObject, PrimaryKeyRelatedField

from api.base import ScopedRelatedField

GENERIC, COLUMN, KEY, NESTED, KEYS = range(5)
PRIMARY_KEYS = (PrimaryKeyRelatedField, ScopedRelatedField)


TO_ATTR = "_read_"


def prefetch(lookup: str, queryset=None) -> Prefetch:
    """``prefetch_related`` for ``FastRead``: each level of ``lookup`` ("indicators__targets")
    lands in a plain list the serializer reads directly."""
    *parents, last = lookup.split("__")
    path = "__".join(TO_ATTR + name for name in parents)
    return Prefetch(f"{path}__{last}" if path else last, queryset=queryset, to_attr=TO_ATTR + last)


# Fields whose output depends only on the value (never on the request or the serializer's
# context): a read plan made only of these, of foreign keys and of nested lists of such
# serializers can serve every request.
PLAIN_FIELDS = (
    serializers.BooleanField,
    serializers.CharField,
    serializers.ChoiceField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.DecimalField,
    serializers.FloatField,
    serializers.IntegerField,
    serializers.JSONField,
    serializers.ReadOnlyField,
    serializers.UUIDField,
)


def _shareable(kind: int, field: Any) -> bool:
    """Whether a read plan's entry writes the same for every request."""
    if kind in (KEY, KEYS):
        return True
    if kind == NESTED:
        child = field.child
        if not isinstance(child, FastRead):
            return False
        return all(_shareable(entry[0], entry[3]) for entry in child._read_plan())
    return isinstance(field, PLAIN_FIELDS) and not isinstance(
        field, serializers.FileField | serializers.SerializerMethodField
    )


def shareable(serializer: Any) -> bool:
    """Whether ``serializer`` (a ``FastRead``) writes a record the same for every request."""
    return isinstance(serializer, FastRead) and all(
        _shareable(entry[0], entry[3]) for entry in serializer._read_plan()
    )


class FastRead:
    """Mixin for a ``ModelSerializer`` whose reads should skip DRF's per-field lookups."""

    def _read_plan(self) -> list[tuple[int, str, str, Any]]:
        plan = self.__dict__.get("_fast_plan")
        if plan is not None:
            return plan
        # A plan that reads nothing from the request is kept on the class, per time zone:
        # DRF would otherwise build every field of every nested serializer again for each
        # request (ModelSerializer.get_fields), a tenth of the programme list's time.
        zone = timezone.get_current_timezone_name()
        shared = type(self).__dict__.get("_shared_fast_plans", {}).get(zone)
        if shared is not None:
            self._fast_plan = shared
            return shared
        plan = self._build_read_plan()
        if all(_shareable(kind, field) for kind, _name, _source, field in plan):
            shared_plans = type(self).__dict__.get("_shared_fast_plans")
            if shared_plans is None:
                shared_plans = type(self)._shared_fast_plans = {}
            shared_plans[zone] = plan
        return plan

    def _build_read_plan(self) -> list[tuple[int, str, str, Any]]:
        model = self.Meta.model
        columns = {field.name: field for field in model._meta.concrete_fields}
        plan = []
        for field in self._readable_fields:
            source = field.source
            column = columns.get(source)
            if isinstance(field, DateTimeField) and not hasattr(field, "timezone"):
                # one look-up of the current time zone per request, not one per value
                field.timezone = field.default_timezone()
            if column is not None and not column.is_relation:
                plan.append((COLUMN, field.field_name, source, field))
            elif (
                column is not None
                and column.many_to_one
                and type(field) in PRIMARY_KEYS
                and field.pk_field is None
            ):
                plan.append((KEY, field.field_name, column.attname, field))
            elif isinstance(field, serializers.ListSerializer) and "." not in source:
                plan.append((NESTED, field.field_name, source, field))
            elif (
                isinstance(field, ManyRelatedField)
                and "." not in source
                and type(field.child_relation) in PRIMARY_KEYS
                and field.child_relation.pk_field is None
            ):
                plan.append((KEYS, field.field_name, source, field))
            else:
                plan.append((GENERIC, field.field_name, source, field))
        self._fast_plan = plan
        return plan

    def to_representation(self, instance):
        prefetched = getattr(instance, "_prefetched_objects_cache", None) or {}
        ret = {}
        for kind, name, source, field in self._read_plan():
            if kind == COLUMN:
                value = getattr(instance, source)
                ret[name] = None if value is None else field.to_representation(value)
            elif kind == KEY:
                ret[name] = getattr(instance, source)
            elif (
                kind in (NESTED, KEYS)
                and instance.pk is not None
                and (
                    (rows := instance.__dict__.get(TO_ATTR + source)) is not None
                    or (rows := prefetched.get(source)) is not None
                )
            ):
                if kind == NESTED:
                    child = field.child
                    ret[name] = [child.to_representation(row) for row in rows]
                else:
                    ret[name] = [row.pk for row in rows]
            else:
                try:
                    attribute = field.get_attribute(instance)
                except serializers.SkipField:
                    continue
                check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
                ret[name] = None if check is None else field.to_representation(attribute)
        return ret
