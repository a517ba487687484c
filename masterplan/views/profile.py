"""The user's own page: their roles, and their API token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from masterplan.services import audit_record


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Who the user is in which region, and their API token: created or replaced, and
    revoked, by POST. A new key is shown once, in the answer to the POST that made it."""
    user = request.user
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            with transaction.atomic():
                replaced = Token.objects.filter(user=user).delete()[0] > 0
                new_key = Token.objects.create(user=user).key
                audit_record(
                    actor=user,
                    action="api_token.replace" if replaced else "api_token.create",
                    target=user,
                )
        elif action == "revoke":
            with transaction.atomic():
                if Token.objects.filter(user=user).delete()[0]:
                    audit_record(actor=user, action="api_token.revoke", target=user)
            messages.success(request, _("Your API token was revoked."))
            return redirect("profile")
        else:
            return HttpResponse(status=400)
    context = {
        "token": Token.objects.filter(user=user).first(),
        "new_key": new_key,
        "memberships": user.memberships.select_related("region", "agency").order_by("region__name"),
        "mentor_assignments": user.mentor_assignments.select_related("region").order_by(
            "region__name"
        ),
        "api_root": request.build_absolute_uri("/api/v1/"),
    }
    response = render(request, "masterplan/profile.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
