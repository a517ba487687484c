"""What a page shows of a plan's records, kept per plan content version.

Every write to a plan's records, to its region's agencies and to the framework's
reference rows that pages name moves the plan's ``PlanVersion`` in the same transaction
(``masterplan/plan_versions.py``), so what was read at version *v* is what the plan holds
at *v*. Keys hold the record's UUID (ids come back after a rolled-back transaction) and a
digest of every model's columns and of the code (``masterplan/release.py``: rows and HTML
kept by another release are never read back).
Nothing that depends on the reader (rights, buttons, suggestions, comments) goes in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache as once
from typing import Any, TypeVar

import django
from django.apps import apps
from django.core.cache import cache

from masterplan.plan_versions import plan_versions
from masterplan.release import code_digest

TIMEOUT = 24 * 3600
KEY_PREFIX = "plan-cache:v1"
T = TypeVar("T")


@once
def _schema() -> str:
    columns = ";".join(
        f"{model._meta.label}:{','.join(field.attname for field in model._meta.concrete_fields)}"
        for model in sorted(apps.get_models(), key=lambda model: model._meta.label)
    )
    return hashlib.blake2b(
        f"{django.__version__}|{code_digest()}|{columns}".encode(), digest_size=6
    ).hexdigest()


def plan_version(plan: Any) -> int:
    """The plan's content version (one query)."""
    return plan_versions([plan.pk])[plan.pk]


def plan_cache_key(name: str, record: Any, version: int, *parts: str) -> str:
    return ":".join([KEY_PREFIX, _schema(), name, str(record.uuid), str(version), *parts])


def kept(key: str, load: Callable[[], T]) -> T:
    """What the cache holds under ``key``, else ``load()`` (kept)."""
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, TIMEOUT)
    return value
