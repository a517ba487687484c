"""Production: settings from the environment, health probes, request ids and JSON logs,
and gunicorn serving the collected static files on its own (DEBUG=0).

Settings are read once per process, so what depends on the environment runs in a
subprocess, as production starts.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k3y-" + "Zq8vW2pLr7Xn4Tb9Ms6Hd1Fg5Jc0Ya3Ue" * 2
HOST = "kotacerdas.example.id"
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": HOST}
# What a developer's or CI's shell may carry that would change what is tested.
CLEARED = {
    *PRODUCTION,
    "REDIS_URL",
    "CACHE_URL",
    "CELERY_BROKER_URL",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "EXPORT_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
}
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def environment(**env: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return {**base, "DJANGO_SETTINGS_MODULE": "masterplan.settings", **env}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "cache": settings.CACHES["default"],
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "middleware": settings.MIDDLEWARE,
    "paths": [str(settings.STATIC_ROOT), str(settings.MEDIA_ROOT), str(settings.EXPORT_ROOT)],
}))
"""


def settings_from(**env: str) -> dict:
    result = run_python(SHOW_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- settings from the environment ------------------------------------------------------------


def test_it_uses_redis_and_whitenoise_in_production(tmp_path):
    values = settings_from(
        **PRODUCTION,
        REDIS_URL="redis://127.0.0.1:6379/3",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        EXPORT_ROOT=str(tmp_path / "exports"),
    )
    assert values["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert values["staticfiles"] == "masterplan.staticfiles.CompressedManifestStorage"
    middleware = values["middleware"]
    assert middleware[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert "masterplan.middleware.RequestIdMiddleware" in middleware
    assert values["paths"] == [str(tmp_path / name) for name in ("static", "media", "exports")]


def test_it_keeps_the_cache_in_the_process_without_redis():
    values = settings_from(**PRODUCTION)
    assert values["cache"] == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def test_cache_url_names_a_cache_apart_from_the_broker():
    values = settings_from(
        **PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/0", CACHE_URL="redis://cache:6379/1"
    )
    assert values["cache"]["LOCATION"] == "redis://cache:6379/1"


def test_it_refuses_a_cache_url_that_is_not_redis():
    result = run_python(SHOW_SETTINGS, **PRODUCTION, CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def test_development_serves_static_files_as_before():
    values = settings_from(DEBUG="1")
    assert values["staticfiles"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in values["middleware"]


def test_check_deploy_stays_clean_with_redis_and_json_logs():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment(**PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/3", LOG_FORMAT="json"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- /healthz and /readyz ---------------------------------------------------------------------


@pytest.fixture
def writable_folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"
    return tmp_path


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: any query would raise here.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_every_dependency_up(client, writable_folders):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "storage"}
    assert all(check["status"] == "ok" for check in body["checks"].values())
    assert "not configured" in body["checks"]["broker"]["message"]


def redis_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.django_db
@pytest.mark.skipif(not redis_running(), reason="needs Redis on 127.0.0.1:6379")
def test_readyz_reaches_redis_as_cache_and_broker(client, writable_folders):
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    with override_settings(CACHES=redis_cache, CELERY_BROKER_URL="redis://127.0.0.1:6379/15"):
        response = client.get("/readyz")
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["cache"]["message"] == "redis"
    assert checks["broker"] == {**checks["broker"], "status": "ok", "message": "reachable"}


@pytest.mark.django_db
def test_readyz_is_503_and_names_the_cache_when_it_is_down(client, writable_folders):
    down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT_REDIS,
        }
    }
    with override_settings(CACHES=down):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"] == {**body["checks"]["cache"], "status": "error"}
    assert body["checks"]["cache"]["message"] == "ConnectionError"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_and_names_the_broker_when_it_is_down(client, writable_folders):
    with override_settings(CELERY_BROKER_URL=CLOSED_PORT_REDIS):
        started = time.monotonic()
        response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"]["status"] == "error"
    assert checks["cache"]["status"] == "ok"
    assert time.monotonic() - started < 3


@pytest.mark.django_db
def test_readyz_is_503_when_a_folder_is_not_writable(client, writable_folders, settings):
    settings.EXPORT_ROOT = writable_folders / "a-file"
    settings.EXPORT_ROOT.write_text("not a folder")
    response = client.get("/readyz")
    assert response.status_code == 503
    storage = response.json()["checks"]["storage"]
    assert storage["status"] == "error"
    assert storage["message"].startswith("EXPORT_ROOT is not writable")
    assert str(writable_folders) not in response.content.decode()


READYZ_WITHOUT_DATABASE = f"""
import json
import django
django.setup()
from django.test import Client
response = Client().get("/readyz", HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({{"status": response.status_code, "body": response.content.decode()}}))
"""


def test_readyz_names_the_database_when_it_is_unreachable_and_shows_no_secrets(tmp_path):
    result = run_python(
        READYZ_WITHOUT_DATABASE,
        **PRODUCTION,
        DATABASE_URL="postgresql://kota:hunter2-secret@db-internal.example:1/masterplan",
        MEDIA_ROOT=str(tmp_path / "media"),
        EXPORT_ROOT=str(tmp_path / "exports"),
        LOG_LEVEL="CRITICAL",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    body = json.loads(answer["body"])
    assert body["checks"]["database"] == {**body["checks"]["database"], "status": "error"}
    assert body["checks"]["database"]["message"] == "OperationalError"
    assert body["checks"]["storage"]["status"] == "ok"
    for secret in ("hunter2", "db-internal", "kota", SECRET, str(tmp_path)):
        assert secret not in answer["body"]


def test_health_paths_skip_the_https_redirect_and_pages_do_not():
    code = f"""
import json
import django
django.setup()
from django.test import Client
client = Client()
print(json.dumps([client.get(path, HTTP_HOST="{HOST}").status_code
                  for path in ("/healthz", "/readyz", "/akun/login/")]))
"""
    result = run_python(code, **PRODUCTION, DATABASE_URL="postgresql://x@127.0.0.1:1/x")
    assert result.returncode == 0, result.stderr
    healthz, readyz, login = json.loads(result.stdout.strip().splitlines()[-1])
    assert healthz == 200
    assert readyz == 503  # answered over plain HTTP (the database above does not exist)
    assert login == 301


LOGIN_BEFORE_COLLECTSTATIC = f"""
import json
import django
django.setup()
from django.test import Client
response = Client().get("/akun/login/", HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps([response.status_code, response.content.decode()]))
"""


def test_pages_render_before_collectstatic_with_plain_static_names(tmp_path):
    # A server started before collectstatic, or a benchmark that never fetches the assets.
    result = run_python(LOGIN_BEFORE_COLLECTSTATIC, **PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    status, html = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 200
    assert 'href="/static/bootstrap/css/bootstrap.min.css"' in html
    assert "run collectstatic" in result.stderr


# --- request id and JSON logs -----------------------------------------------------------------


def test_it_echoes_the_proxys_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="edge-7f3a.42")
    assert response["X-Request-ID"] == "edge-7f3a.42"


def test_it_makes_a_request_id_when_none_or_a_strange_one_is_sent(client):
    fresh = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", fresh)
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID='x" injected\tline')["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)
    assert replaced != fresh


JSON_LOG_REQUESTS = f"""
import django
django.setup()
from django.test import Client
client = Client()
client.get("/healthz", HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https",
           HTTP_X_REQUEST_ID="trace-0001")
client.get("/tidak-ada/", HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https",
           HTTP_X_REQUEST_ID="trace-0002")
import logging
logging.getLogger("masterplan").warning("outside any request")
"""


def test_json_logs_carry_the_request_id_and_the_request_fields(tmp_path):
    result = run_python(
        JSON_LOG_REQUESTS, **PRODUCTION, LOG_FORMAT="json", STATIC_ROOT=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    requests = [entry for entry in lines if entry["logger"] == "masterplan.request"]
    assert [entry["request_id"] for entry in requests] == ["trace-0001", "trace-0002"]
    entry = requests[0]
    assert entry["level"] == "INFO"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/healthz", 200)
    assert entry["duration_ms"] >= 0
    assert entry["message"] == "GET /healthz 200"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", entry["time"])
    # Django's own warning about the 404 is stamped with the same request's id.
    not_found = [entry for entry in lines if entry["request_id"] == "trace-0002"]
    assert {"django.request", "masterplan.request"} <= {entry["logger"] for entry in not_found}
    assert all(entry["path"] == "/tidak-ada/" for entry in not_found)
    outside = [entry for entry in lines if entry["message"] == "outside any request"]
    assert outside[0]["request_id"] is None


# --- gunicorn alone, DEBUG=0, collected static files ------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers={"Host": HOST, **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


# The real production storage, but gzip only: brotli at its best quality needs minutes
# for the editor, Swagger UI and Bootstrap bundles on two cores; WhiteNoise makes the
# brotli copies the same way.
COLLECTSTATIC_WITHOUT_BROTLI = """
import sys
sys.modules["brotli"] = None
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "collectstatic", "--noinput", "-v", "0"])
"""


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = environment(
        **PRODUCTION,
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        EXPORT_ROOT=str(folder / "exports"),
        SQLITE_NAME=str(folder / "db.sqlite3"),
        LOG_LEVEL="WARNING",
    )
    collected = subprocess.run(
        [sys.executable, "-c", COLLECTSTATIC_WITHOUT_BROTLI],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "masterplan.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz in 30 s"
            time.sleep(0.2)
        yield base, folder / "static"
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stderr.close()


HTTPS = {"X-Forwarded-Proto": "https"}
YEAR = 365 * 24 * 3600


def max_age(headers) -> int:
    return int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))


def test_gunicorn_serves_the_login_page_with_hashed_assets(gunicorn):
    base, _static = gunicorn
    status, _headers, body = fetch(base + "/akun/login/", **HTTPS)
    assert status == 200
    html = body.decode()
    hashed_css = r'href="(/static/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css)"'
    stylesheet = re.search(hashed_css, html)
    scripts = re.findall(r'src="(/static/[^"]+\.[0-9a-f]{12}\.js)"', html)
    assert stylesheet, html[:2000]
    assert any("/django_htmx/" in src for src in scripts), scripts
    assert any("/bootstrap/js/" in src for src in scripts), scripts

    status, headers, css = fetch(base + stylesheet.group(1), **HTTPS, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert b"Bootstrap" in gzip.decompress(css)[:200]
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"
    assert max_age(headers) >= YEAR
    assert "immutable" in headers["Cache-Control"]
    for src in scripts:
        status, headers, _body = fetch(base + src, **HTTPS)
        assert (status, max_age(headers) >= YEAR) == (200, True), src


def test_gunicorn_serves_the_editor_and_api_docs_assets(gunicorn):
    base, static = gunicorn
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    for name in (
        "django_prose_editor/editor.js",
        "django_prose_editor/editor.css",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "css/portal.css",
        "js/section-editor.js",
    ):
        hashed = manifest[name]
        assert hashed != name
        status, headers, _body = fetch(f"{base}/static/{hashed}", **HTTPS)
        assert status == 200, name
        assert max_age(headers) >= YEAR, name

    status, _headers, body = fetch(base + "/api/docs/", **HTTPS)
    assert status == 200
    sidecar = r'src="(/static/drf_spectacular_sidecar/[^"]+\.[0-9a-f]{12}\.js)"'
    bundle = re.search(sidecar, body.decode())
    assert bundle
    assert fetch(base + bundle.group(1), **HTTPS)[0] == 200
