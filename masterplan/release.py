"""A digest of the running code, for cache keys of what the code draws.

HTML and JSON kept in the shared cache (Redis, for a day) were drawn by one release of the
code; a deploy that changes a template, a template tag or a serializer must not read them
back. The digest covers the project's own Python modules and templates (about 400 files,
read once per process in a few milliseconds): every node running the same release shares
the cache, and a node running another release has keys of its own.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings


def _sources() -> list[Path]:
    root = Path(settings.BASE_DIR).resolve()
    folders = {Path(config.path).resolve() for config in apps.get_app_configs()}
    venv = Path(sys.prefix).resolve()  # a virtualenv inside the project is not its code
    folders = {
        folder
        for folder in folders
        if folder.is_relative_to(root) and not folder.is_relative_to(venv)
    }
    folders |= {Path(folder).resolve() for folder in settings.TEMPLATES[0].get("DIRS", [])}
    files = set()
    for folder in folders:
        files.update(folder.rglob("*.py"))
        files.update(folder.rglob("*.html"))
    return sorted(files)


@cache
def code_digest() -> str:
    digest = hashlib.blake2b(digest_size=6)
    for path in _sources():
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
