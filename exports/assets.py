"""Addresses of what a print document may load; the fetcher serves nothing else.

Kept free of WeasyPrint so templates and context builders can use it in the web process.
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.conf import settings

from masterplan.models import Plan, SectionImage

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


def _own(key: str, plan: Plan) -> bool:
    # A key outside the region's own folder is never served, whatever record points to it.
    return bool(key) and key.startswith(f"regions/{plan.region.slug}/") and ".." not in key


def plan_section_images(plan: Plan) -> dict[str, str]:
    """Images written into the region's section text (uploaded or imported from Word),
    as the text refers to them: image uuid -> storage key."""
    rows = SectionImage.objects.filter(region=plan.region).values_list("uuid", "file")
    return {str(uuid): key for uuid, key in rows if _own(key, plan)}


def plan_media_keys(plan: Plan) -> frozenset[str]:
    """Storage keys of the files this plan may show: its region's logo and its photos."""
    from programs.models import ProgrammePhoto

    keys = set(ProgrammePhoto.objects.filter(programme__plan=plan).values_list("image", flat=True))
    if plan.region.logo:
        keys.add(plan.region.logo.name)
    return frozenset(key for key in keys if _own(key, plan))
