"""Storage from the environment (in a subprocess, as production starts) and /readyz on a bucket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = """
import json, django
from django.conf import settings
from django.core.files.storage import storages
django.setup()
print(json.dumps({
    alias: {
        "backend": settings.STORAGES[alias]["BACKEND"],
        "options": settings.STORAGES[alias].get("OPTIONS", {}),
        "class": type(storages[alias]).__name__,
    }
    for alias in ("default", "exports")
}))
"""


def run(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STORAGE_"))}
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "masterplan.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def storages_from(**env: str) -> dict:
    result = run(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_folders_without_a_bucket():
    found = storages_from()
    assert found["default"]["class"] == "FileSystemStorage"
    assert found["exports"]["class"] == "ExportFileSystemStorage"


def test_a_bucket_named_in_the_environment_holds_uploads_and_exports_privately():
    found = storages_from(
        AWS_STORAGE_BUCKET_NAME="kotacerdas",
        AWS_S3_ENDPOINT_URL="https://s3.example.id",
        AWS_QUERYSTRING_EXPIRE="120",
    )
    for alias, prefix in (("default", "media"), ("exports", "exports")):
        options = found[alias]["options"]
        assert found[alias]["class"] == "S3Storage"
        assert options["bucket_name"] == "kotacerdas"
        assert options["endpoint_url"] == "https://s3.example.id"
        assert options["location"] == prefix
        assert options["default_acl"] == "private"
        assert options["querystring_auth"] is True
        assert options["querystring_expire"] == 120
        assert options["file_overwrite"] is False


def test_s3_without_a_bucket_refuses_to_start():
    result = run(STORAGE_BACKEND="s3")
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr


@pytest.mark.django_db
def test_readyz_writes_to_the_bucket_and_is_503_when_it_is_gone(client, bucket, settings):
    storage = client.get("/readyz").json()["checks"]["storage"]
    assert (storage["status"], storage["message"]) == (
        "ok",
        "bucket writable (uploads and exports)",
    )
    assert bucket.keys() == []  # the probe cleans up after itself

    bucket.client.delete_bucket(Bucket=bucket.name)
    answer = client.get("/readyz")
    assert answer.status_code == 503
    storage = answer.json()["checks"]["storage"]
    assert storage["status"] == "error"
    assert storage["message"].startswith("the default bucket is not writable")
    assert bucket.endpoint not in answer.content.decode()
