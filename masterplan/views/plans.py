"""The dashboard, a plan's page and a book read as one page with its outline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from masterplan.activity import describe
from masterplan.context import plan_context
from masterplan.editing import plan_for
from masterplan.lib.records import record_links
from masterplan.models import AuditEvent, BimtekStage, Book, Plan
from masterplan.permissions import can_create_in, can_edit, role_in


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The region dashboard: the user's plans, their books' progress, the bimtek stage."""
    stages = BimtekStage.objects.order_by("number").prefetch_related("expected_books")
    plans = list(
        Plan.objects.visible_to(request.user)
        .select_related("region", "cohort")
        .prefetch_related(
            Prefetch("books", queryset=Book.objects.with_progress().order_by("number")),
            Prefetch("cohort__stages", queryset=stages),
        )
        .order_by("-cohort__year", "region__name")
    )
    today = timezone.localdate()
    for plan in plans:
        plan.role = role_in(request.user, plan.region_id)
        plan.stage = plan.cohort.current_stage(today)
        plan.next_stage = next((s for s in plan.cohort.stages.all() if s.starts_on > today), None)
        plan.expected_books = _expected_books(plan, plan.stage or plan.next_stage)
    recent = describe(
        AuditEvent.objects.visible_to(request.user)
        .select_related("actor", "region")
        .order_by("-at")[:10]
    )
    return render(
        request, "masterplan/home.html", {"plans": plans, "recent": recent, "today": today}
    )


def _expected_books(plan: Plan, stage: BimtekStage | None) -> list[Book]:
    """The plan's books that the stage expects, from the prefetched rows."""
    if stage is None:
        return []
    template_ids = {template.pk for template in stage.expected_books.all()}
    return [book for book in plan.books.all() if book.template_id in template_ids]


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    books = plan.books.with_progress().order_by("number")
    return render(request, "masterplan/plan_detail.html", plan_context(request, plan, books=books))


@login_required
def book_detail(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    """The whole book as one page, its outline as navigation."""
    plan = plan_for(request, plan_id)
    book = get_object_or_404(plan.books.with_progress(), number=number)
    book.plan = plan
    outline = book.outline()
    nodes = [node for root in outline for node in root.walk()]
    for node in nodes:
        node.section.book = book
        node.editable = can_edit(request.user, node.section)
    links = record_links(plan, {node.section.records for node in nodes if node.section.records})
    for node in nodes:
        node.record = links.get(node.section.records)
    context = plan_context(
        request,
        plan,
        book=book,
        outline=outline,
        nodes=nodes,
        can_add=not book.is_locked() and can_create_in(request.user, plan.region_id),
        can_add_any=not book.is_locked() and any(node.editable for node in nodes),
    )
    template = "masterplan/book_detail.html"
    if request.htmx:
        template += "#book_body"
    return render(request, template, context)
