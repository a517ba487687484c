"""A model's default ordering among records that share a parent, without the parent's.

``Indicator.Meta.ordering`` starts with ``"programme"``, which Django expands into the
programme's own ordering, then its plan's (cohort year, region name): four joins in every
query, and their compilation, for a value that is the same for all the rows when they
belong to one programme (a programme's page) or are grouped by programme anyway (a
prefetch). Dropping the leading parent entries gives the same order within the parent.
"""

from __future__ import annotations

from django.db import models


def sibling_order(model: type[models.Model], *parents: str) -> tuple[str, ...]:
    """``model``'s ordering among rows that share ``parents`` (foreign keys whose value is
    the same for all the rows): its leading entries naming one of them dropped."""
    ordering = list(model._meta.ordering)
    while ordering and isinstance(ordering[0], str) and ordering[0].lstrip("-") in parents:
        ordering.pop(0)
    return tuple(ordering)
