"""Login lockout (django-axes) as the portal uses it."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """Refuse logins of a locked username/address pair; leave the password check to others.

    A login form always hands ``authenticate`` the request. Code without a request (the
    test client's ``login``, a shell) has no address to lock and is not counted, where
    axes itself would raise.
    """

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    return render(
        request,
        "registration/locked_out.html",
        {"username": get_client_username(request, credentials) or "", "minutes": minutes},
        status=429,
    )
