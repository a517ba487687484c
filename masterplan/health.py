"""Probes for the load balancer and the service manager.

``/healthz``: the process answers (nothing else is touched, so a database outage does not
get every web node restarted). ``/readyz``: every service a request may need answers; the
body names each one and what failed, never an address or a credential.
"""

from __future__ import annotations

import logging
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2


class NotReady(Exception):
    """A failure described in our own words, safe to show to anyone."""


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return connection.vendor


def check_cache() -> str:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise NotReady("the value written was not read back")
    cache.delete(key)
    backend = settings.CACHES["default"]["BACKEND"]
    return "redis" if backend.endswith("RedisCache") else "local memory (this process only)"


def check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "not configured: background jobs run in the web process"
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=TIMEOUT_SECONDS
        )
    return "reachable"


def check_storage() -> str:
    if getattr(settings, "STORAGE_BACKEND", "local") == "s3":
        from masterplan.lib.storage import storage_probe

        try:
            for alias in ("default", "exports"):
                storage_probe(alias)
        except Exception as error:  # botocore's errors have no common base worth naming
            kind = type(error).__name__
            raise NotReady(f"the {alias} bucket is not writable ({kind})") from error
        return "bucket writable (uploads and exports)"
    for name in ("MEDIA_ROOT", "EXPORT_ROOT"):
        folder = Path(getattr(settings, name))
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".readyz-"):
                pass
        except OSError as error:
            raise NotReady(f"{name} is not writable ({type(error).__name__})") from error
    return "MEDIA_ROOT and EXPORT_ROOT writable"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "storage": check_storage,
}


def run_check(name: str, check: Callable[[], str]) -> dict:
    started = time.perf_counter()
    try:
        result = {"status": "ok", "message": check()}
    except Exception as error:
        logger.warning("Readiness check %s failed", name, exc_info=True)
        # Driver messages carry host and user names, which an anonymous probe must not
        # see: the class name says enough, the log has the rest.
        detail = str(error) if isinstance(error, NotReady) else type(error).__name__
        result = {"status": "error", "message": detail}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    ready = all(result["status"] == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": checks}, status=200 if ready else 503
    )
