from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from masterplan.settings import database_from_url

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "masterplan.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_parses_a_postgresql_url():
    db = database_from_url("postgresql://kota:s%40ndi@db.local:5433/masterplan?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("masterplan", "kota", "s@ndi")
    assert (db["HOST"], db["PORT"]) == ("db.local", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["CONN_MAX_AGE"] > 0


def test_it_refuses_other_database_schemes():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://root@localhost/x")


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DEBUG="0", ALLOWED_HOSTS="kotacerdas.example.id")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_both():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="kotacerdas.example.id")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_it_speaks_indonesian_first_in_jakarta_time(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.AUTH_USER_MODEL == "masterplan.User"
