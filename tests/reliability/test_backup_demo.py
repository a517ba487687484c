"""The demo plans go through ``manage.py export_plan > plan.json`` and ``manage.py import_plan``
into an empty database, exactly as an admin moves a plan between servers, and come out the
same (the commands run in their own processes, each server a database file of its own)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

ROOT = Path(settings.BASE_DIR)
REGIONS = ("pekalongan", "batang")


def server(database: Path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    env.update(SQLITE_NAME=str(database), MEDIA_ROOT=str(database.with_suffix(".media")))

    def manage(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"
        return result.stdout

    manage("migrate", "--noinput")
    return manage


def test_the_demo_plans_move_to_an_empty_server_unchanged(tmp_path):
    old = server(tmp_path / "old.sqlite3")
    old("seed_demo")
    backups = {}
    for region in REGIONS:
        backups[region] = tmp_path / f"{region}.json"
        backups[region].write_text(old("export_plan", region))

    new = server(tmp_path / "new.sqlite3")
    for region in REGIONS:
        assert "Imported" in new("import_plan", str(backups[region]))

    for region in REGIONS:
        assert new("export_plan", region) == backups[region].read_text(), region
    assert "already has a plan" in subprocess_error(new, str(backups["batang"]))


def subprocess_error(manage, path: str) -> str:
    with pytest.raises(AssertionError) as refused:
        manage("import_plan", path)
    return str(refused.value)
