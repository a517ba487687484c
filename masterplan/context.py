"""What every page of a plan puts in its template context (no views here)."""

from __future__ import annotations

from django.http import HttpRequest

from masterplan.models import Plan
from masterplan.permissions import role_in


def plan_context(request: HttpRequest, plan: Plan, **extra) -> dict:
    """What every page of a plan needs (the layout's navigation reads plan_role)."""
    return {"plan": plan, "plan_role": role_in(request.user, plan.region_id), **extra}
