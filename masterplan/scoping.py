"""Who sees which rows: the ``Access`` summary of a user and ``ScopedQuerySet``.

The one place where permissions become a WHERE clause. It imports no model: the
user's memberships and mentor assignments are read through the user's own relations,
so the models can use ``ScopedQuerySet`` without a cycle. ``masterplan.permissions``
re-exports everything here; callers import from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from masterplan.roles import COORDINATOR, EDITOR

_CACHE_ATTR = "_masterplan_access"


@dataclass(frozen=True)
class Access:
    is_admin: bool = False
    member_roles: dict[int, str] = field(default_factory=dict)
    # region id -> dimension ids an editor is limited to (absent: not limited)
    limited_dimensions: dict[int, frozenset[int]] = field(default_factory=dict)
    mentor_regions: frozenset[int] = frozenset()
    # region id -> the agency (OPD) the membership names, where it names one
    member_agencies: dict[int, int] = field(default_factory=dict)

    @property
    def visible_regions(self) -> frozenset[int]:
        return frozenset(self.member_roles) | self.mentor_regions

    @property
    def full_edit_regions(self) -> frozenset[int]:
        return frozenset(
            region_id
            for region_id, role in self.member_roles.items()
            if role == COORDINATOR or (role == EDITOR and region_id not in self.limited_dimensions)
        )

    def may_edit(self, region_id: int | None, dimension_id: int | None) -> bool:
        if self.is_admin:
            return True
        if region_id in self.full_edit_regions:
            return True
        dims = self.limited_dimensions.get(region_id)
        return dims is not None and dimension_id in dims


NO_ACCESS = Access()


def is_admin(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def access_for(user: Any) -> Access:
    """The user's roles, computed once per user object (i.e. once per request)."""
    if not user or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    access = Access(is_admin=True) if is_admin(user) else _member_access(user)
    setattr(user, _CACHE_ATTR, access)
    return access


def _member_access(user: Any) -> Access:
    memberships = list(
        user.memberships.filter(region__is_active=True).values_list(
            "pk", "region_id", "role", "agency_id"
        )
    )
    limited: dict[int, set[int]] = {}
    editor_ids = {pk: region_id for pk, region_id, role, _agency in memberships if role == EDITOR}
    if editor_ids:
        through = user.memberships.model.dimensions.through
        rows = through.objects.filter(membership_id__in=editor_ids)
        for membership_id, dimension_id in rows.values_list("membership_id", "dimension_id"):
            limited.setdefault(editor_ids[membership_id], set()).add(dimension_id)
    return Access(
        member_roles={region_id: role for _, region_id, role, _agency in memberships},
        member_agencies={
            region_id: agency for _, region_id, _role, agency in memberships if agency is not None
        },
        limited_dimensions={r: frozenset(d) for r, d in limited.items()},
        mentor_regions=frozenset(
            user.mentor_assignments.filter(region__is_active=True).values_list(
                "region_id", flat=True
            )
        ),
    )


def forget_access(user: Any) -> None:
    """Drop the cached roles, e.g. after memberships changed within one request."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


class ScopedQuerySet(models.QuerySet):
    """Turns permissions into a WHERE clause.

    The model declares ``region_path`` (the lookup from the model to its Region,
    empty for Region itself) and ``dimension_path`` (the lookup to its Dimension,
    or None when the record belongs to no dimension); see ``masterplan.models.Scoped``.
    """

    def _region_lookup(self) -> str:
        path = self.model.region_path
        return f"{path}__in" if path else "pk__in"

    def visible_to(self, user: Any) -> ScopedQuerySet:
        access = access_for(user)
        if access.is_admin:
            return self
        if not access.visible_regions:
            return self.none()
        return self.filter(**{self._region_lookup(): access.visible_regions})

    def editable_by(self, user: Any) -> ScopedQuerySet:
        access = access_for(user)
        if access.is_admin:
            return self
        condition = Q(pk__in=[])
        if access.full_edit_regions:
            condition |= Q(**{self._region_lookup(): access.full_edit_regions})
        dimension_path = self.model.dimension_path
        if dimension_path:
            for region_id, dimension_ids in access.limited_dimensions.items():
                condition |= Q(**{self._region_lookup(): [region_id]}) & Q(
                    **{f"{dimension_path}__in": dimension_ids}
                )
        return self.filter(condition)

    def in_region(self, region: Any) -> ScopedQuerySet:
        return self.filter(**{self._region_lookup(): [getattr(region, "pk", region)]})
