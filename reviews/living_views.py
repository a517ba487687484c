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
from django.views.decorators.http import require_POST

from masterplan.context import plan_context
from masterplan.models import Plan
from masterplan.permissions import access, can_edit, can_finalise, can_review
from reviews import services
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
    """GET: the plan's sections flagged "perlu reviu ulang". POST: an admin's override."""
    plan = access(request.user, Plan.objects.select_related("region", "cohort"), pk=plan_id)
    may_override = can_finalise(request.user, plan)
    if request.method == "POST":
        if not may_override:
            raise PermissionDenied
        try:
            count = flags_override(
                plan=plan, by=request.user, reason=request.POST.get("reason", "")
            )
        except OverrideRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(count)s flags overridden.") % {"count": count})
        return redirect("reviews:review_flags", plan.pk)
    flags = list(
        ReviewFlag.objects.of_plan(plan)
        .select_related("section__book", "changed_by", "cleared_by")
        .order_by("section__book__number", "section__order", "-created_at")
    )
    open_flags = [flag for flag in flags if flag.is_open]
    cleared = sorted(
        (flag for flag in flags if not flag.is_open), key=lambda f: f.cleared_at, reverse=True
    )[:20]
    groups: dict[int, dict] = {}
    for flag in open_flags:
        group = groups.setdefault(flag.section_id, {"section": flag.section, "flags": []})
        group["flags"].append(flag)
    return render(
        request,
        "reviews/review_flags.html",
        plan_context(
            request,
            plan,
            groups=list(groups.values()),
            open_count=len(open_flags),
            cleared=cleared,
            may_override=may_override,
        ),
    )


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
