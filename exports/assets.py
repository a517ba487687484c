"""Addresses of what a print document may load; the fetcher serves nothing else.

Kept free of WeasyPrint so templates and context builders can use it in the web process.
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.conf import settings

from masterplan.models import Plan

SCHEME = "kcs"
# The document's base URL: not a path on disk, so relative references resolve to nothing.
BASE_URL = f"{SCHEME}://document/"
PRINT_URL = f"{SCHEME}://print/"
MEDIA_URL = f"{SCHEME}://media/"
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"})


def print_asset_dir() -> Path:
    return (Path(settings.BASE_DIR) / "static" / "print").resolve()


def print_url(name: str) -> str:
    return PRINT_URL + name


def media_url(key: str) -> str:
    return MEDIA_URL + key


def data_url(content: bytes | str, mime_type: str) -> str:
    if isinstance(content, str):
        content = content.encode()
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def plan_media_keys(plan: Plan) -> frozenset[str]:
    """Storage keys of the files this plan may show: its region's logo and its photos."""
    from programs.models import ProgrammePhoto

    prefix = f"regions/{plan.region.slug}/"
    keys = set(ProgrammePhoto.objects.filter(programme__plan=plan).values_list("image", flat=True))
    if plan.region.logo:
        keys.add(plan.region.logo.name)
    # A key outside the region's own folder is never served, whatever record points to it.
    return frozenset(key for key in keys if key and key.startswith(prefix) and ".." not in key)
