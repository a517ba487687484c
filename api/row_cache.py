"""Serialized rows of a list, cached per plan content version.

A programme in the API list carries all its parts (indicators and their targets, budget
lines, partners, risks, before/after indicators): eleven queries and some eight hundred
records for a page of fifty. Its JSON depends on the rows of its own plan only (the
records of the plan, and the primary keys of reference rows and agencies), and every write
to those moves the plan's ``PlanVersion`` in the same transaction
(``masterplan/plan_versions.py``), so a programme serialized at version *v* of its plan is
the programme at *v*. The page's rows are still chosen live (who may see what, filters,
ordering, pagination); only their representation comes from the cache.

Kept only for serializers whose every field reads nothing from the request
(``api.fast.shareable``), under the programme's UUID (never reused, unlike an id after a
rolled-back transaction), the plan's version, the time zone (dates are written in it) and a
fingerprint of the serializer's fields.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.db import models
from django.utils import timezone

from masterplan.plan_versions import plan_versions
from masterplan.release import code_digest

TIMEOUT = 24 * 3600
KEY_PREFIX = "api:rows:v1"


def _fingerprint(serializer) -> str:
    names = ",".join(
        f"{name}:{type(field).__name__}" for _kind, name, _s, field in serializer._read_plan()
    )
    return hashlib.blake2b(
        f"{code_digest()}|{type(serializer).__qualname__}|{names}".encode(), digest_size=6
    ).hexdigest()


def cached_rows(
    rows: Sequence[models.Model],
    serializer,
    load: Callable[[list[int]], Sequence[models.Model]],
) -> list[dict]:
    """The representation of ``rows`` (loaded with ``uuid`` and ``plan_id`` at least), in
    their order; ``load(ids)`` fetches the missing ones in full for ``serializer`` (the
    child of a ``many=True`` list serializer)."""
    if not rows:
        return []
    versions = plan_versions(row.plan_id for row in rows)
    zone = timezone.get_current_timezone_name()
    prefix = f"{KEY_PREFIX}:{_fingerprint(serializer)}:{zone}"
    keys = {row.pk: f"{prefix}:{row.uuid}:{versions[row.plan_id]}" for row in rows}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        fresh = {row.pk: serializer.to_representation(row) for row in load(missing)}
        cache.set_many({keys[pk]: data for pk, data in fresh.items()}, TIMEOUT)
        found.update({keys[pk]: data for pk, data in fresh.items()})
    return [found[keys[row.pk]] for row in rows if keys[row.pk] in found]
