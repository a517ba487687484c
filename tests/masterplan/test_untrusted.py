"""The bounds on structured input: JSON nesting measured without recursion, archives
checked before any reader opens them, and no reader that skips the checks."""

from __future__ import annotations

import ast
import io
import json
import random
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from masterplan.lib.untrusted import (
    MB,
    ArchiveLimits,
    Refused,
    check_archive,
    json_nesting_exceeds,
    loads_json,
    read_capped,
)


def _value(rng: random.Random, depth: int):
    if depth == 0 or rng.random() < 0.2:
        return rng.choice([1, "a[{", None, '}]"\\', 2.5])
    if rng.random() < 0.5:
        return [_value(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {f"k{index}[": _value(rng, depth - 1) for index in range(rng.randint(0, 3))}


def _depth(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


def test_the_nesting_of_json_is_measured_exactly():
    rng = random.Random(13)
    for _ in range(2_000):
        value = _value(rng, rng.randint(0, 10))
        text = json.dumps(value)
        depth = _depth(value)
        for limit in range(12):
            assert json_nesting_exceeds(text, limit) == (depth > limit), (text, limit)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "[" * 5_000 + "]" * 5_000,
        ("[" * 64 + "]" * 64) * 70_000,  # as deep as allowed, nine million times over
        "[]" * 5_000_000,
        ("[" * 5 + "]" * 5) * 1_000_000,
        json.dumps({"body": 'x"[' * 2_000_000, "list": list(range(300_000))}),
    ],
)
def test_measuring_takes_linear_time_whatever_the_shape(text):
    started = time.perf_counter()
    json_nesting_exceeds(text, 64)
    assert time.perf_counter() - started < 5


def test_loads_json_refuses_what_it_cannot_read():
    assert loads_json('{"a": [1, {"b": "[[["}]}') == {"a": [1, {"b": "[[["}]}
    for text, code in [
        ("[" * 5_000 + "]" * 5_000, "too_deep"),
        ("{" * 5_000, "too_deep"),
        ("[" * 65 + "]" * 65, "too_deep"),
        ("[NaN]", "parse_error"),
        (b"\xff\xfe", "parse_error"),
        ("{", "parse_error"),
    ]:
        with pytest.raises(Refused) as refused:
            loads_json(text)
        assert refused.value.code == code
    assert loads_json("[" * 64 + "]" * 64)


def test_read_capped_stops_at_its_limit():
    assert read_capped(io.BytesIO(b"x" * 10), 10) == b"x" * 10
    with pytest.raises(Refused) as refused:
        read_capped(io.BytesIO(b"x" * 11), 10)
    assert refused.value.code == "too_large"


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer


def test_check_archive_accepts_a_normal_archive_and_rewinds_it():
    archive = _zip({"a.xml": b"<a/>" * 1000, "b.png": random.Random(1).randbytes(200_000)})
    archive.seek(17)
    check_archive(archive)
    assert archive.tell() == 0


@pytest.mark.parametrize(
    ("members", "limits", "code"),
    [
        ({"a": bytes(3 * MB)}, ArchiveLimits(total=2 * MB), "too_large"),
        ({"a": bytes(2 * MB)}, ArchiveLimits(), "too_compressed"),
        ({f"{n}": b"x" for n in range(11)}, ArchiveLimits(members=10), "too_large"),
    ],
)
def test_check_archive_refuses_archives_over_a_limit(members, limits, code):
    with pytest.raises(Refused) as refused:
        check_archive(_zip(members), limits)
    assert refused.value.code == code


def test_check_archive_refuses_what_is_not_an_archive():
    with pytest.raises(Refused) as refused:
        check_archive(io.BytesIO(b"PK\x03\x04 not really"))
    assert refused.value.code == "damaged"


# --- Every reader goes through the guards ----------------------------------------------

GUARD_MODULE = Path(settings.BASE_DIR) / "masterplan" / "lib" / "untrusted.py"
# mammoth runs only in this child script, which only masterplan/lib/docx.py starts.
DOCX_CHILD = Path(settings.BASE_DIR) / "masterplan" / "lib" / "docx_child.py"


def _project_modules() -> list[Path]:
    root = Path(settings.BASE_DIR)
    skip = {"tests", "bench", "node_modules", "locale", "static", "templates"}
    folders = [p for p in root.iterdir() if p.is_dir() and p.name not in skip]
    return [
        path
        for folder in folders
        if not folder.name.startswith(".")
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts
    ] + list(root.glob("*.py"))


# Modules whose JSON comes only from our own process on the other end of a pipe (written
# there with json.dumps), never from a user.
INTERNAL_JSON_CHANNELS = {Path(settings.BASE_DIR) / "exports" / "pdf_child.py"}


def _called(node: ast.Call) -> str:
    return ast.unparse(node.func)


def test_no_archive_or_json_reader_skips_the_guards():
    """A new reader of .docx/.xlsx/ZIP or of outside JSON must call ``check_archive`` /
    ``loads_json`` (json.loads of our own json.dumps output is fine)."""
    offenders = []
    for path in _project_modules():
        if path in (GUARD_MODULE, DOCX_CHILD):
            continue
        tree = ast.parse(path.read_text())
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        names = {_called(call) for call in calls}
        opens_archive = any(
            name.endswith(("ZipFile", "load_workbook", "convert_to_html", "extract_raw_text"))
            or name.startswith("mammoth.")
            for name in names
        ) or any(
            isinstance(node, (ast.Import, ast.ImportFrom))
            and any(alias.name.startswith("mammoth") for alias in node.names)
            for node in ast.walk(tree)
        )
        if opens_archive and "check_archive" not in names:
            offenders.append(f"{path}: reads an archive without check_archive")
        if str(DOCX_CHILD.name) in path.read_text() and "check_archive" not in names:
            offenders.append(f"{path}: starts the converter without check_archive")
        for call in calls:
            if path in INTERNAL_JSON_CHANNELS:
                break
            if _called(call) in {"json.load", "json.loads"}:
                argument = call.args[0] if call.args else None
                internal = isinstance(argument, ast.Call) and _called(argument) in {
                    "json.dumps",
                    "serializers.serialize",
                }
                if not internal:
                    offenders.append(f"{path}:{call.lineno} {_called(call)} of outside data")
    assert offenders == []
