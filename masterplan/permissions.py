"""Who may do what, in one place.

Every view, API endpoint, admin page and export asks this module. Region-scoped
models get their ``visible_to(user)`` / ``editable_by(user)`` QuerySet methods from
``ScopedQuerySet``; single objects are checked with the ``can_*`` predicates. Both
read the same ``Access`` summary of the user, so a list and a detail page never
disagree. ``Access`` and ``ScopedQuerySet`` live in ``masterplan.scoping`` (the models
need them, and they need no model), the role names in ``masterplan.roles``; this
module re-exports both, so callers import from here.

Roles:
- admin (staff): everything, everywhere;
- coordinator of a region: edits all of that region's plan, submits books, manages members;
- editor: edits the region's plan, or only some dimensions of it when limited;
- viewer: reads the region's plan;
- mentor assigned to a region: reads, comments and reviews; never edits content.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from masterplan.models import Region
from masterplan.roles import (
    ADMIN,
    COMMENT_ROLES,
    COORDINATOR,
    EDITOR,
    MANAGE_ROLES,
    MENTOR,
    REVIEW_ROLES,
    SUBMIT_ROLES,
    VIEWER,
)
from masterplan.scoping import (
    NO_ACCESS,
    Access,
    ScopedQuerySet,
    access_for,
    forget_access,
    is_admin,
)

__all__ = [
    "ADMIN",
    "COORDINATOR",
    "EDITOR",
    "MENTOR",
    "NO_ACCESS",
    "VIEWER",
    "Access",
    "ScopedQuerySet",
    "access",
    "access_for",
    "can_comment",
    "can_create_in",
    "can_edit",
    "can_export",
    "can_finalise",
    "can_manage_region",
    "can_review",
    "can_submit",
    "can_view",
    "forget_access",
    "is_admin",
    "role_in",
]


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
        return ADMIN
    region_id = getattr(region, "pk", region)
    if region_id in access.member_roles:
        return access.member_roles[region_id]
    if region_id in access.mentor_regions:
        return MENTOR
    return None


def can_comment(user: Any, obj: Any) -> bool:
    return role_in(user, _region_id(obj)) in COMMENT_ROLES


def can_review(user: Any, obj: Any) -> bool:
    return role_in(user, _region_id(obj)) in REVIEW_ROLES


def can_submit(user: Any, obj: Any) -> bool:
    return role_in(user, _region_id(obj)) in SUBMIT_ROLES


def can_export(user: Any, obj: Any) -> bool:
    """Draft PDFs may be exported by anyone who sees the plan; the final book by admins."""
    return can_view(user, obj)


def can_finalise(user: Any, obj: Any) -> bool:
    return access_for(user).is_admin


def can_manage_region(user: Any, region: Region | int) -> bool:
    """Manage the region's agencies and its working group's memberships."""
    return role_in(user, region) in MANAGE_ROLES


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
    queryset = (
        model_or_queryset._default_manager.all()
        if isinstance(model_or_queryset, type)
        else model_or_queryset
    )
    obj = get_object_or_404(queryset.visible_to(user), **lookup)
    if not _ACTIONS[action](user, obj):
        raise PermissionDenied
    return obj
