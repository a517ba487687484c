from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from masterplan.models import AuditEvent, BimtekStage, Book, Plan
from masterplan.permissions import access, role_in


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The region dashboard: the user's plans, their books' progress, the bimtek stage."""
    plans = list(
        Plan.objects.visible_to(request.user)
        .select_related("region", "cohort")
        .prefetch_related(
            Prefetch("books", queryset=Book.objects.with_progress().order_by("number")),
            Prefetch("cohort__stages", queryset=BimtekStage.objects.order_by("number")),
        )
        .order_by("-cohort__year", "region__name")
    )
    today = timezone.localdate()
    for plan in plans:
        plan.role = role_in(request.user, plan.region_id)
        plan.stage = plan.cohort.current_stage(today)
        plan.next_stage = next((s for s in plan.cohort.stages.all() if s.starts_on > today), None)
    recent = (
        AuditEvent.objects.visible_to(request.user)
        .select_related("actor", "region")
        .order_by("-at")[:10]
    )
    return render(
        request, "masterplan/home.html", {"plans": plans, "recent": recent, "today": today}
    )


def plan_context(request: HttpRequest, plan: Plan, **extra) -> dict:
    """What every page of a plan needs (the layout's navigation reads plan_role)."""
    return {"plan": plan, "plan_role": role_in(request.user, plan.region_id), **extra}


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access(
        request.user, Plan.objects.select_related("region", "cohort", "framework"), pk=plan_id
    )
    books = plan.books.with_progress().order_by("number")
    return render(request, "masterplan/plan_detail.html", plan_context(request, plan, books=books))
