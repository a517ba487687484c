from __future__ import annotations

import uuid as uuid_lib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from masterplan.context import plan_context
from masterplan.models import Book, Plan, Section
from masterplan.permissions import access, access_for, can_comment, can_edit, can_review, role_in
from reviews import services, workflow
from reviews.models import (
    BookTransition,
    Comment,
    Notification,
    NotificationSettings,
    SectionApproval,
)
from reviews.targets import comment_target_model

# --- Comments on any record -----------------------------------------------------------------


def _target_for(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID, action: str = "view"):
    try:
        model = comment_target_model(type_label)
    except LookupError as error:
        raise Http404 from error
    return access(request.user, model, action=action, uuid=uuid)


def panel_context(request: HttpRequest, target, *, open_only: bool = False, next_url: str = ""):
    """What the comments panel of one record shows: three queries whatever the threads."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    threads = list(
        Comment.objects.on(target)
        .threads()
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    for thread in threads:
        thread.outdated = thread.is_outdated(target)
    open_threads = [thread for thread in threads if not thread.is_resolved]
    return {
        "target": target,
        "target_label": target._meta.label_lower,
        "threads": open_threads if open_only else threads,
        "open_count": len(open_threads),
        "total_count": len(threads),
        "open_only": open_only,
        "can_comment": can_comment(request.user, target),
        "next_url": next_url or _without_quote(request),
        "mention_url": reverse(
            "reviews:mention_search", args=[target._meta.label_lower, target.uuid]
        ),
        # A selection made on another page (the book view) arrives as ?quote=…
        "initial_quote": request.GET.get("quote", "")[:2000],
        "initial_prefix": request.GET.get("prefix", "")[:32],
        "initial_suffix": request.GET.get("suffix", "")[:32],
    }


def _without_quote(request: HttpRequest) -> str:
    """This page's address without the quote it was opened with (used once, for the form)."""
    query = request.GET.copy()
    for key in ("quote", "prefix", "suffix"):
        query.pop(key, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def _next_url(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _after_write(request: HttpRequest, target, anchor: str = "") -> HttpResponse:
    """htmx gets the refreshed panel; a plain form post goes back where it came from."""
    if request.htmx:
        next_url = _next_url(request, services.target_url(target))
        return render(
            request,
            "reviews/comments_panel.html",
            panel_context(request, target, next_url=next_url),
        )
    url = _next_url(request, services.target_url(target) or "/")
    return redirect(f"{url.split('#')[0]}#{anchor}" if anchor else url)


@login_required
def comment_list(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID) -> HttpResponse:
    """GET: the record's threads (a page, or the panel for htmx). POST: a new thread."""
    if request.method == "POST":
        target = _target_for(request, type_label, uuid, "comment")
        try:
            comment = services.comment_create(
                target=target,
                by=request.user,
                body=request.POST.get("body", ""),
                field_name=request.POST.get("field_name", ""),
                quote=request.POST.get("quote", ""),
                quote_prefix=request.POST.get("quote_prefix", ""),
                quote_suffix=request.POST.get("quote_suffix", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _after_write(request, target)
        return _after_write(request, target, f"komentar-{comment.uuid}")
    target = _target_for(request, type_label, uuid)
    context = panel_context(
        request, target, open_only=request.GET.get("open") == "1", next_url=request.GET.get("next")
    )
    if request.htmx:
        return render(request, "reviews/comments_panel.html", context)
    context["target_url"] = services.record_url(target)
    return render(request, "reviews/comment_list.html", context)


@require_GET
@login_required
def mention_search(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID) -> JsonResponse:
    """The @ autocomplete of a comment box: people of the record's region, by name."""
    target = _target_for(request, type_label, uuid, "comment")
    query = request.GET.get("q", "")[:60]
    people = services.mention_search(region_id=target.scope_region_id(), query=query)
    return JsonResponse(
        {
            "results": [
                {"id": user.pk, "name": user.display_name, "position": user.position}
                for user in people
            ]
        }
    )


def _comment_for(request: HttpRequest, comment_uuid: uuid_lib.UUID) -> tuple[Comment, object]:
    comment = access(request.user, Comment, action="comment", uuid=comment_uuid)
    model = comment.target_model()
    target = get_object_or_404(model._default_manager, uuid=comment.target_uuid)
    return comment, target


@require_POST
@login_required
def comment_reply(request: HttpRequest, comment_uuid: uuid_lib.UUID) -> HttpResponse:
    comment, target = _comment_for(request, comment_uuid)
    try:
        services.comment_create(
            target=target, by=request.user, body=request.POST.get("body", ""), parent=comment
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _after_write(request, target, f"komentar-{comment.thread.uuid}")


@require_POST
@login_required
def comment_resolve(request: HttpRequest, comment_uuid: uuid_lib.UUID) -> HttpResponse:
    comment, target = _comment_for(request, comment_uuid)
    services.comment_resolve(comment=comment, by=request.user)
    return _after_write(request, target, f"komentar-{comment.thread.uuid}")


@require_POST
@login_required
def comment_reopen(request: HttpRequest, comment_uuid: uuid_lib.UUID) -> HttpResponse:
    comment, target = _comment_for(request, comment_uuid)
    services.comment_reopen(comment=comment, by=request.user)
    return _after_write(request, target, f"komentar-{comment.thread.uuid}")


# --- The review panel of a book -----------------------------------------------------------------


def _book_for(request: HttpRequest, plan_id: int, number: int) -> tuple[Plan, Book]:
    plan = access(
        request.user, Plan.objects.select_related("region", "cohort", "framework"), pk=plan_id
    )
    book = get_object_or_404(plan.books.all(), number=number)
    book.plan = plan
    return plan, book


def _review_context(request: HttpRequest, plan: Plan, book: Book, **extra) -> dict:
    nodes = [node for root in book.outline() for node in root.walk()]
    counts = {
        row["target_uuid"]: row
        for row in Comment.objects.filter(book=book, parent__isnull=True)
        .values("target_uuid")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(resolved_at__isnull=True)))
    }
    approvals = {a.section_id: a for a in SectionApproval.objects.filter(section__book=book)}
    for node in nodes:
        node.section.book = book
        row = counts.get(node.section.uuid, {})
        node.comments_total = row.get("total", 0)
        node.comments_open = row.get("open", 0)
        approval = approvals.get(node.section.pk)
        node.approval = approval
        node.approved = approval is not None and approval.is_current_for(node.section)
    open_only = request.GET.get("open") == "1"
    shown = [node for node in nodes if node.comments_open] if open_only else nodes
    role = role_in(request.user, plan.region_id)
    return plan_context(
        request,
        plan,
        book=book,
        nodes=shown,
        open_only=open_only,
        open_total=sum(node.comments_open for node in nodes),
        approved_count=sum(1 for node in nodes if node.approved),
        section_count=len(nodes),
        actions=[(a, workflow.LABELS[a]) for a in workflow.allowed_actions(book.status, role)],
        note_required=workflow.NOTE_REQUIRED,
        can_sign_off=not book.is_locked() and can_review(request.user, book),
        transitions=BookTransition.objects.filter(book=book).select_related("actor")[:30],
        **extra,
    )


@login_required
def book_review(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    plan, book = _book_for(request, plan_id, number)
    return render(request, "reviews/book_review.html", _review_context(request, plan, book))


@require_POST
@login_required
def book_transition(request: HttpRequest, plan_id: int, number: int, action: str) -> HttpResponse:
    if action not in workflow.BUTTONS:
        raise Http404
    plan, book = _book_for(request, plan_id, number)
    try:
        services.book_transition(
            book=book, action=action, by=request.user, note=request.POST.get("note", "")
        )
    except services.TransitionRefused as refused:
        book.refresh_from_db()
        context = _review_context(request, plan, book, refused=refused)
        return render(request, "reviews/book_review.html", context, status=409)
    book.refresh_from_db()
    messages.success(
        request,
        _("Buku %(number)s is now “%(status)s”.")
        % {"number": book.number, "status": book.get_status_display()},
    )
    return redirect("reviews:book_review", plan.pk, book.number)


# --- One section, read for review, with its sign-off ------------------------------------------


def _section_for(request: HttpRequest, section_id: int, action: str = "view") -> Section:
    queryset = Section.objects.select_related("book__plan__region", "book__plan__cohort")
    return access(request.user, queryset, action=action, pk=section_id)


@login_required
def section_review(request: HttpRequest, section_id: int) -> HttpResponse:
    section = _section_for(request, section_id)
    approval = SectionApproval.objects.filter(section=section).select_related("by").first()
    context = plan_context(
        request,
        section.book.plan,
        book=section.book,
        section=section,
        approval=approval,
        approved=approval is not None and approval.is_current_for(section),
        can_sign_off=not section.is_locked() and can_review(request.user, section),
        can_edit=can_edit(request.user, section),
    )
    return render(request, "reviews/section_review.html", context)


@require_POST
@login_required
def section_approve(request: HttpRequest, section_id: int) -> HttpResponse:
    section = _section_for(request, section_id, "review")
    if section.is_locked():
        raise PermissionDenied
    if request.POST.get("withdraw") == "1":
        services.section_unapprove(section=section, by=request.user)
        messages.info(request, _("The sign-off was withdrawn."))
    else:
        services.section_approve(section=section, by=request.user)
        messages.success(request, _("The section is signed off in its current version."))
    return redirect(_next_url(request, services.target_url(section)))


# --- The mentor's dashboard ---------------------------------------------------------------


@login_required
def mentor_dashboard(request: HttpRequest) -> HttpResponse:
    """Across the regions assigned to the mentor: what awaits review, open threads, late stages."""
    user_access = access_for(request.user)
    if not (user_access.is_admin or user_access.mentor_regions):
        raise PermissionDenied
    regions = Q() if user_access.is_admin else Q(region__in=user_access.mentor_regions)
    plans = list(
        Plan.objects.filter(regions)
        .select_related("region", "cohort")
        .prefetch_related("books", "cohort__stages__expected_books")
        .order_by("region__name")
    )
    today = timezone.localdate()
    awaiting, overdue = [], []
    for plan in plans:
        for book in plan.books.all():
            book.plan = plan
            if book.status == Book.Status.SUBMITTED:
                awaiting.append(book)
        for stage in plan.cohort.stages.all():
            if stage.ends_on >= today:
                continue
            expected = {template.pk for template in stage.expected_books.all()}
            late = [
                book
                for book in plan.books.all()
                if book.template_id in expected
                and book.status not in {Book.Status.APPROVED, Book.Status.FINAL}
            ]
            if late:
                overdue.append({"plan": plan, "stage": stage, "books": late})
    threads = (
        Comment.objects.visible_to(request.user)
        .filter(**({} if user_access.is_admin else {"region__in": user_access.mentor_regions}))
        .open()
        .select_related("region", "author", "book")
        .annotate(reply_count=Count("replies"))
        .order_by("-created_at")[:50]
    )
    flagged = (
        Section.objects.filter(
            review_flags__cleared_at__isnull=True,
            book__plan__in=[plan.pk for plan in plans],
        )
        .select_related("book__plan__region")
        .annotate(flag_count=Count("review_flags"))
        .order_by("book__plan__region__name", "book__number", "order")
    )
    return render(
        request,
        "reviews/mentor_dashboard.html",
        {
            "awaiting": awaiting,
            "overdue": overdue,
            "threads": threads,
            "today": today,
            "flagged": flagged,
        },
    )


# --- Notifications ---------------------------------------------------------------------------


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = request.user.notifications.select_related("actor")[:100]
    settings_row = NotificationSettings.objects.filter(user=request.user).first()
    return render(
        request,
        "reviews/notification_list.html",
        {
            "notifications": notifications,
            "email_muted": bool(settings_row and settings_row.email_muted),
        },
    )


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or services.notification_url(notification))


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    request.user.notifications.unread().update(read_at=timezone.now())
    return redirect("reviews:notification_list")


@require_POST
@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    NotificationSettings.objects.update_or_create(
        user=request.user, defaults={"email_muted": request.POST.get("email_muted") == "1"}
    )
    messages.success(request, _("Your notification settings were saved."))
    return redirect("reviews:notification_list")
