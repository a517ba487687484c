"""Pages of the plan after sign-off: what needs another review, and mentors' suggestions."""

from __future__ import annotations

import uuid as uuid_lib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from masterplan.context import plan_context
from masterplan.models import Plan
from masterplan.permissions import access, can_edit, can_finalise, can_review
from reviews import services
from reviews.forms import EVERY_BOOK, FlagOverrideForm
from reviews.impact import OverrideRefused, ReviewFlag, flags_override
from reviews.suggestions import (
    Suggestion,
    SuggestionRefused,
    suggested_fields,
    suggestion_accept,
    suggestion_create,
    suggestion_reject,
    suggestion_target_model,
)
from reviews.views import _next_url

# --- Re-review --------------------------------------------------------------------------------


@login_required
def review_flags(request: HttpRequest, plan_id: int) -> HttpResponse:
    """GET: the plan's sections flagged "perlu reviu ulang", per book. POST: an admin's
    override of one book's open flags (or, named as such, of every book's)."""
    plan = access(request.user, Plan.objects.select_related("region", "cohort"), pk=plan_id)
    may_override = can_finalise(request.user, plan)
    if request.method == "POST":
        if not may_override:
            raise PermissionDenied
        form = FlagOverrideForm(request.POST, books=plan.books.order_by("number"))
        return _override(request, plan, form)
    flags = list(
        ReviewFlag.objects.of_plan(plan)
        .select_related("section__book", "changed_by", "cleared_by")
        .order_by("section__book__number", "section__order", "-created_at")
    )
    open_flags = [flag for flag in flags if flag.is_open]
    cleared = sorted(
        (flag for flag in flags if not flag.is_open), key=lambda f: f.cleared_at, reverse=True
    )[:20]
    return render(
        request,
        "reviews/review_flags.html",
        plan_context(
            request,
            plan,
            books=_per_book(open_flags),
            open_count=len(open_flags),
            cleared=cleared,
            may_override=may_override,
            every_book=EVERY_BOOK,
        ),
    )


def _per_book(open_flags: list[ReviewFlag]) -> list[dict]:
    """Open flags per book, then per section: a flag holds up its own book's export only."""
    books: dict[int, dict] = {}
    for flag in open_flags:
        book = books.setdefault(
            flag.section.book.number, {"book": flag.section.book, "sections": {}, "count": 0}
        )
        book["count"] += 1
        section = book["sections"].setdefault(
            flag.section_id, {"section": flag.section, "flags": []}
        )
        section["flags"].append(flag)
    for book in books.values():
        book["sections"] = list(book["sections"].values())
    return list(books.values())


def _override(request: HttpRequest, plan: Plan, form: FlagOverrideForm) -> HttpResponse:
    url = reverse("reviews:review_flags", args=[plan.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(url)
    book = form.cleaned_data["book"]
    try:
        count = flags_override(
            plan=plan, book=book, by=request.user, reason=form.cleaned_data["reason"]
        )
    except OverrideRefused as error:
        messages.error(request, str(error))
        return redirect(url)
    if book is None:
        text = ngettext(
            "%(count)s open flag of every book cleared by override.",
            "%(count)s open flags of every book cleared by override.",
            count,
        )
    else:
        text = ngettext(
            "Buku %(book)s: %(count)s open flag cleared by override.",
            "Buku %(book)s: %(count)s open flags cleared by override.",
            count,
        )
    messages.success(request, text % {"count": count, "book": book.number if book else ""})
    return redirect(f"{url}#dibersihkan")


# --- Suggestions ------------------------------------------------------------------------------


def _suggestion_target(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID, action: str):
    try:
        model = suggestion_target_model(type_label)
    except LookupError as error:
        raise Http404 from error
    return access(request.user, model, action=action, uuid=uuid)


@login_required
def suggestion_list(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID) -> HttpResponse:
    """GET: a record's suggestions with the mentor's form. POST: a mentor's new suggestion."""
    if request.method == "POST":
        target = _suggestion_target(request, type_label, uuid, "review")
        try:
            suggestion = suggestion_create(
                target=target,
                by=request.user,
                field_name=request.POST.get("field_name", ""),
                value=request.POST.get("value", ""),
                quote=request.POST.get("quote", ""),
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_next_url(request, request.path))
        messages.success(request, _("Your suggestion was sent to the owners."))
        url = _next_url(request, services.record_url(target) or request.path)
        return redirect(f"{url.split('#')[0]}#saran-{suggestion.uuid}")
    target = _suggestion_target(request, type_label, uuid, "view")
    suggestions = list(Suggestion.objects.on(target).select_related("author", "decided_by"))
    for suggestion in suggestions:
        suggestion.outdated = suggestion.status == Suggestion.Status.PENDING and (
            suggestion.is_outdated(target)
        )
    context = {
        "target": target,
        "target_label": target._meta.label_lower,
        "target_url": services.record_url(target),
        "suggestions": suggestions,
        "fields": suggested_fields(type(target)),
        "can_suggest": can_review(request.user, target),
        "can_decide": can_edit(request.user, target),
    }
    return render(request, "reviews/suggestion_list.html", context)


def _suggestion_for(request: HttpRequest, suggestion_uuid: uuid_lib.UUID) -> Suggestion:
    return access(request.user, Suggestion, uuid=suggestion_uuid)


def _back(request: HttpRequest, suggestion: Suggestion) -> HttpResponse:
    fallback = reverse(
        "reviews:suggestion_list", args=[suggestion.target_type, suggestion.target_uuid]
    )
    url = _next_url(request, fallback)
    return redirect(f"{url.split('#')[0]}#saran-{suggestion.uuid}")


@require_POST
@login_required
def suggestion_accept_view(request: HttpRequest, suggestion_uuid: uuid_lib.UUID) -> HttpResponse:
    suggestion = _suggestion_for(request, suggestion_uuid)
    try:
        decided = suggestion_accept(suggestion=suggestion, by=request.user)
    except SuggestionRefused as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decided.status == Suggestion.Status.OUTDATED:
            messages.warning(request, _("The value changed since the suggestion was made."))
        else:
            messages.success(request, _("The suggestion was applied."))
    return _back(request, suggestion)


@require_POST
@login_required
def suggestion_reject_view(request: HttpRequest, suggestion_uuid: uuid_lib.UUID) -> HttpResponse:
    suggestion = _suggestion_for(request, suggestion_uuid)
    try:
        suggestion_reject(
            suggestion=suggestion, by=request.user, reply=request.POST.get("reply", "")
        )
    except SuggestionRefused as error:
        messages.error(request, error.message)
    else:
        messages.info(request, _("The suggestion was rejected; the mentor sees your reply."))
    return _back(request, suggestion)
