"""import_plan reads its file within bounds: a deeply nested or oversized file is a clear
error, not a RecursionError or an unbounded read."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from exports.backup import plan_export
from exports.management.commands import import_plan
from masterplan.models import Plan

pytestmark = pytest.mark.django_db


def run(tmp_path, content: str, *args) -> str:
    path = tmp_path / "plan.json"
    path.write_text(content)
    out = io.StringIO()
    call_command("import_plan", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("depth", [5_000, 100])
def test_a_deeply_nested_backup_is_refused(world, tmp_path, depth):
    data = plan_export(world.plan_a)
    text = json.dumps(data)[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(CommandError, match="not a JSON plan backup"):
        run(tmp_path, text, "--replace")
    assert Plan.objects.filter(pk=world.plan_a.pk).exists()


def test_a_backup_over_the_size_limit_is_refused(world, tmp_path, monkeypatch):
    monkeypatch.setattr(import_plan, "MAX_BACKUP_BYTES", 1_000)
    with pytest.raises(CommandError, match="not a JSON plan backup"):
        run(tmp_path, json.dumps(plan_export(world.plan_a)), "--replace")


def test_a_normal_backup_still_imports(world, tmp_path):
    data = plan_export(world.plan_a)
    assert "Imported" in run(tmp_path, json.dumps(data), "--replace")
    assert Plan.objects.get(region=world.region_a).uuid == world.plan_a.uuid


def test_standard_input_is_read_within_the_same_bounds(world, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("[" * 5_000 + "]" * 5_000))
    with pytest.raises(CommandError, match="not a JSON plan backup"):
        call_command("import_plan", "-", stdout=io.StringIO())
