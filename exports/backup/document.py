"""What the backup document holds and how it names things (shared by export and import)."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

from django.db import models

from masterplan.registry import PlanRecordKind, plan_record_kinds

FORMAT = "kota-cerdas-plan"
VERSION = 1


class PlanImportError(Exception):
    """The document cannot be imported; the message says why, for the person importing."""


def plan_tables() -> tuple[PlanRecordKind, ...]:
    """The plan's tables, in the order they are inserted: every kind of plan record."""
    return plan_record_kinds()


# Natural keys of the tables records point at that are not themselves plan records,
# and the path that scopes them (to the plan's framework or the cohort).
NATURAL_KEYS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "dimensions.framework": (("code",), None),
    "dimensions.dimension": (("code",), "framework"),
    "dimensions.element": (("dimension__code", "code"), "dimension__framework"),
    "dimensions.pillar": (("code",), "framework"),
    "dimensions.pillaraspect": (("pillar__code", "code"), "pillar__framework"),
    "dimensions.fundingsource": (("code",), "framework"),
    "dimensions.horizon": (("code",), "framework"),
    "dimensions.indicatortype": (("code",), "framework"),
    "dimensions.innovationtype": (("code",), "framework"),
    "masterplan.region": (("slug",), None),
    "masterplan.cohort": (("year",), None),
    "masterplan.booktemplate": (("number",), "cohort"),
    "masterplan.sectiontemplate": (("book_template__number", "key"), "book_template__cohort"),
    "masterplan.user": (("username",), None),
}


def label_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def as_tuple(key: Any) -> tuple:
    return tuple(key) if isinstance(key, list | tuple) else (key,)


def has_uuid(model: type[models.Model]) -> bool:
    return any(field.name == "uuid" for field in model._meta.concrete_fields)


def is_auto_time(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def plan_dumps(document: dict) -> str:
    """The canonical text of a document: sorted keys, so equal plans give equal text."""
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False)
