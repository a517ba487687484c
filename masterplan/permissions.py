"""Who may do what, in one place.

Every view, API endpoint, admin page and export asks this module. Region-scoped
models get their ``visible_to(user)`` / ``editable_by(user)`` QuerySet methods from
``ScopedQuerySet``; single objects are checked with the ``can_*`` predicates. Both
read the same ``Access`` summary of the user, so a list and a detail page never
disagree.

Roles:
- admin (staff): everything, everywhere;
- coordinator of a region: edits all of that region's plan, submits books, manages members;
- editor: edits the region's plan, or only some dimensions of it when limited;
- viewer: reads the region's plan;
- mentor assigned to a region: reads, comments and reviews; never edits content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from masterplan.models import Region

COORDINATOR = "coordinator"
EDITOR = "editor"
VIEWER = "viewer"

_CACHE_ATTR = "_masterplan_access"


@dataclass(frozen=True)
class Access:
    is_admin: bool = False
    member_roles: dict[int, str] = field(default_factory=dict)
    # region id -> dimension ids an editor is limited to (absent: not limited)
    limited_dimensions: dict[int, frozenset[int]] = field(default_factory=dict)
    mentor_regions: frozenset[int] = frozenset()

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

    from masterplan.models import Membership, MentorAssignment

    if is_admin(user):
        access = Access(is_admin=True)
    else:
        memberships = list(
            Membership.objects.filter(user=user, region__is_active=True).values_list(
                "pk", "region_id", "role"
            )
        )
        limited: dict[int, set[int]] = {}
        editor_ids = {pk: region_id for pk, region_id, role in memberships if role == EDITOR}
        if editor_ids:
            through = Membership.dimensions.through.objects.filter(membership_id__in=editor_ids)
            for membership_id, dimension_id in through.values_list("membership_id", "dimension_id"):
                limited.setdefault(editor_ids[membership_id], set()).add(dimension_id)
        access = Access(
            member_roles={region_id: role for _, region_id, role in memberships},
            limited_dimensions={r: frozenset(d) for r, d in limited.items()},
            mentor_regions=frozenset(
                MentorAssignment.objects.filter(user=user, region__is_active=True).values_list(
                    "region_id", flat=True
                )
            ),
        )
    setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user: Any) -> None:
    """Drop the cached roles, e.g. after memberships changed within one request."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


class ScopedQuerySet(models.QuerySet):
    """Turns permissions into a WHERE clause.

    The model declares ``region_path`` (the lookup from the model to its Region,
    empty for Region itself) and ``dimension_path`` (the lookup to its Dimension,
    or None when the record belongs to no dimension).
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

    def in_region(self, region: Region | int) -> ScopedQuerySet:
        return self.filter(**{self._region_lookup(): [getattr(region, "pk", region)]})


def _region_id(obj: Any) -> int | None:
    return obj.scope_region_id()


def _dimension_id(obj: Any) -> int | None:
    return obj.scope_dimension_id()


def can_view(user: Any, obj: Any) -> bool:
    access = access_for(user)
    return access.is_admin or _region_id(obj) in access.visible_regions


def can_edit(user: Any, obj: Any) -> bool:
    """May change (or delete) this record. Frozen records refuse everyone."""
    if getattr(obj, "is_locked", lambda: False)():
        return False
    return access_for(user).may_edit(_region_id(obj), _dimension_id(obj))


def can_create_in(user: Any, region: Region | int, dimension: Any = None) -> bool:
    """May add a new record to this region (in this dimension, when it has one)."""
    region_id = getattr(region, "pk", region)
    dimension_id = getattr(dimension, "pk", dimension)
    return access_for(user).may_edit(region_id, dimension_id)


def role_in(user: Any, region: Region | int) -> str | None:
    """The user's role in a region: a member role, 'mentor', 'admin' or None."""
    access = access_for(user)
    if access.is_admin:
        return "admin"
    region_id = getattr(region, "pk", region)
    if region_id in access.member_roles:
        return access.member_roles[region_id]
    if region_id in access.mentor_regions:
        return "mentor"
    return None


def can_comment(user: Any, obj: Any) -> bool:
    return role_in(user, _region_id(obj)) in {"admin", "mentor", COORDINATOR, EDITOR}


def can_review(user: Any, obj: Any) -> bool:
    return role_in(user, _region_id(obj)) in {"admin", "mentor"}


def can_submit(user: Any, obj: Any) -> bool:
    return role_in(user, _region_id(obj)) in {"admin", COORDINATOR}


def can_export(user: Any, obj: Any) -> bool:
    """Draft PDFs may be exported by anyone who sees the plan; the final book by admins."""
    return can_view(user, obj)


def can_finalise(user: Any, obj: Any) -> bool:
    return access_for(user).is_admin


def can_manage_region(user: Any, region: Region | int) -> bool:
    """Manage the region's agencies and its working group's memberships."""
    return role_in(user, region) in {"admin", COORDINATOR}


_ACTIONS = {
    "view": can_view,
    "edit": can_edit,
    "comment": can_comment,
    "review": can_review,
    "submit": can_submit,
    "finalise": can_finalise,
    "export": can_export,
}


def access(user: Any, model_or_queryset: Any, *, action: str = "view", **lookup: Any) -> Any:
    """Fetch and authorise in one call, for views and endpoints.

    Outsiders get a 404 (another region's records do not exist for them);
    insiders without the right for ``action`` get a 403.
    """
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    queryset = (
        model_or_queryset._default_manager.all()
        if isinstance(model_or_queryset, type)
        else model_or_queryset
    )
    obj = get_object_or_404(queryset.visible_to(user), **lookup)
    if not _ACTIONS[action](user, obj):
        raise PermissionDenied
    return obj
