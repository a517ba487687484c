from __future__ import annotations

import base64
import hashlib
import ipaddress
import logging
import re
import time
import uuid
from contextvars import ContextVar
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from masterplan.logging import request_context

request_logger = logging.getLogger("masterplan.request")


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    """Pages speak Indonesian unless the user chose another language with the switch.

    Browsers here mostly send ``Accept-Language: en-US``; following it would greet
    most regional staff in English. The language switch sets a cookie, which wins;
    the API keeps honouring ``Accept-Language`` for its clients.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/") or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        return None


_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, as the audit and the login lockout see it.

    REMOTE_ADDR, unless ``TRUSTED_PROXY_COUNT`` proxies stand in front of the app: then
    the address the outermost of them saw, counted from the right of X-Forwarded-For
    (the left part is whatever the client chose to send).
    """
    address = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def current_client_ip() -> str | None:
    """The client address of the request being handled (None outside a request)."""
    return _client_ip.get()


class ClientIPMiddleware:
    """Remember the client address for the audit rows written while handling the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _client_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)


@cache
def allowed_inline_scripts() -> tuple[str, ...]:
    """CSP hashes of the only inline scripts the portal sends: the rich-text editor's import map.

    An import map cannot be loaded from a file; its content is fixed (the URLs of our
    own static files), so its hash is allowed instead of any inline script.
    """
    from django_prose_editor.widgets import prose_editor_media

    html = str(prose_editor_media())
    maps = re.findall(r'<script type="importmap">(.*?)</script>', html, flags=re.S)
    digests = (base64.b64encode(hashlib.sha256(text.encode()).digest()) for text in maps)
    return tuple(f"'sha256-{digest.decode()}'" for digest in digests)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the hashes of ``allowed_inline_scripts`` in script-src."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        update = dict(parts.update or {})
        update["script-src"] = [*update.get("script-src", []), *allowed_inline_scripts()]
        parts.update = update
        return parts


# What a proxy may hand us as a request id: short, and nothing a log reader could trip on.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    """Give each request an id (the proxy's ``X-Request-ID`` or a new one) and log its end.

    The id goes back in the ``X-Request-ID`` response header and onto every log record
    written while handling the request, so a user's report, the proxy's log and ours meet.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_context.set(
            {"request_id": request_id, "method": request.method, "path": request.path}
        )
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_context.reset(token)
