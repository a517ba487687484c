"""Production settings: `check --deploy` is clean, and the security settings hold.

Run in subprocesses, as production runs: DEBUG=0 with a secret key and hosts from the
environment, nothing else.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k3y-" + "Zq8vW2pLr7Xn4Tb9Ms6Hd1Fg5Jc0Ya3Ue" * 2
HOST = "kotacerdas.example.id"
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": HOST}
# Settings a developer's or CI's shell may carry that would change what is tested.
CLEARED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "TRUSTED_PROXY_COUNT",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "masterplan.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
names = [
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "X_FRAME_OPTIONS",
    "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "MIDDLEWARE",
]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def production_settings(**env: str) -> dict:
    result = run(["-c", SHOW_SETTINGS], **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_finds_nothing_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_complains_in_development_mode():
    # The guard above can fail: with DEBUG on the same check reports problems.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="1",
        SECRET_KEY=SECRET,
    )
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout


def test_production_sends_https_only_with_secure_cookies():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    middleware = values["MIDDLEWARE"]
    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert "masterplan.middleware.ContentSecurityPolicyMiddleware" in middleware
    assert middleware[-1] == "axes.middleware.AxesMiddleware"


def test_the_redirect_the_proxy_header_and_preload_follow_the_environment():
    values = production_settings(
        SECURE_SSL_REDIRECT="0", SECURE_PROXY_SSL_HEADER="", SECURE_HSTS_PRELOAD="0"
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SESSION_COOKIE_SECURE"] is True  # not negotiable


REQUESTS = f"""
import json
import django
django.setup()
from django.test import Client
client = Client()
https = client.get("/akun/login/", HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https")
plain = client.get("/akun/login/", HTTP_HOST="{HOST}")
bad_host = client.get("/akun/login/", HTTP_HOST="evil.example.com",
                      HTTP_X_FORWARDED_PROTO="https")
csrf = https.cookies["csrftoken"]
print(json.dumps({{
    "https": [https.status_code, dict(https.headers)],
    "plain": [plain.status_code, plain.headers.get("Location")],
    "bad_host": bad_host.status_code,
    "csrf_cookie": {{"secure": bool(csrf["secure"]), "samesite": csrf["samesite"]}},
}}))
"""


def test_production_answers_with_hsts_a_redirect_to_https_and_400_for_foreign_hosts():
    result = run(["-c", REQUESTS], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    status, headers = answers["https"]
    assert status == 200
    hsts = headers["Strict-Transport-Security"]
    assert "includeSubDomains" in hsts and "preload" in hsts
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert answers["plain"] == [301, f"https://{HOST}/akun/login/"]
    assert answers["bad_host"] == 400
    assert answers["csrf_cookie"] == {"secure": True, "samesite": "Lax"}
