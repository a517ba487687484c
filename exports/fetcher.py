"""The only way a print document reaches anything outside itself (imports WeasyPrint).

Deny by default. Allowed:
- ``kcs://print/<file>``: our own print assets, resolved inside ``static/print`` (no ``..``,
  no symlinks);
- ``kcs://media/<storage key>``: an uploaded image of the plan being printed (the region's
  logo or a programme photo), looked up by its storage key among that plan's own files;
- ``/wilayah/<region>/gambar/<uuid>/``: an image in the section text (uploaded in the
  editor or imported from Word), exactly as the text refers to it, of the printed plan's
  own region only, looked up by its uuid among that region's images;
- ``data:image/…``: self-contained images we generate (the SVG charts).
Everything else (``file:``, ``http(s):``, other regions' media, unknown keys, relative
paths, redirects…) is refused without touching the disk or the network.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from exports.assets import (
    IMAGE_TYPES,
    SCHEME,
    plan_media_keys,
    plan_section_images,
    print_asset_dir,
)
from masterplan.lib.sanitize import our_image
from masterplan.models import Plan

logger = logging.getLogger(__name__)

MAX_MEDIA_BYTES = 20 * 1024 * 1024


class FetchRefused(ValueError):
    """WeasyPrint logs it and renders on without the resource."""


class PrintURLFetcher(URLFetcher):
    def __init__(
        self,
        *,
        media_keys: frozenset[str] = frozenset(),
        region_slug: str | None = None,
        section_images: Mapping[str, str] | None = None,
    ):
        super().__init__(timeout=1, allowed_protocols={SCHEME, "data"}, allow_redirects=False)
        self.media_keys = media_keys
        self.region_slug = region_slug
        self.section_images = dict(section_images or {})
        self.refused: list[str] = []
        self.served: list[str] = []

    @classmethod
    def for_plan(cls, plan: Plan) -> PrintURLFetcher:
        return cls(
            media_keys=plan_media_keys(plan),
            region_slug=plan.region.slug,
            section_images=plan_section_images(plan),
        )

    def fetch(self, url, headers=None):
        try:
            response = self._fetch(str(url))
        except FetchRefused:
            self.refused.append(str(url))
            logger.warning("print fetcher refused %.200s", url)
            raise
        self.served.append(str(url))
        return response

    def _fetch(self, url: str):
        if url[:5].lower() == "data:":
            return self._data(url)
        if url.startswith("/"):
            return self._section_image(url, url)
        parts = urlsplit(url)
        if parts.scheme != SCHEME or parts.query or parts.username or parts.port:
            raise FetchRefused(f"refused: {url[:200]}")
        path = unquote(parts.path).lstrip("/")
        if parts.netloc == "print":
            return self._print_asset(url, path)
        if parts.netloc == "media":
            return self._media(url, path)
        if parts.netloc == "document":
            # The same section image, should a URL join ever resolve it against BASE_URL.
            return self._section_image(parts.path, url)
        raise FetchRefused(f"refused: {url[:200]}")

    def _data(self, url: str):
        mime_type = url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
        if mime_type not in IMAGE_TYPES:
            raise FetchRefused(f"refused a data URL of type {mime_type!r}")
        # urllib's DataHandler decodes it in memory: no I/O for data: URLs.
        return super().fetch(url)

    def _print_asset(self, url: str, path: str):
        root = print_asset_dir()
        if not path or ".." in path.split("/") or "\\" in path or "\x00" in path:
            raise FetchRefused(f"refused print asset {path!r}")
        candidate = root / path
        # No symlink on the way, and the file must stay inside the folder.
        if os.path.realpath(candidate) != str(candidate) or root not in candidate.parents:
            raise FetchRefused(f"refused print asset {path!r}")
        if not candidate.is_file():
            raise FetchRefused(f"no print asset {path!r}")
        mime_type = "text/css" if candidate.suffix == ".css" else mimetypes.guess_type(path)[0]
        return URLFetcherResponse(
            url, candidate.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
        )

    def _section_image(self, path: str, url: str):
        # Exactly the URL the sanitiser lets into section text, nothing looser.
        found = our_image(path)
        if found is None or self.region_slug is None or found[0] != self.region_slug:
            raise FetchRefused(f"refused: {url[:200]}")
        key = self.section_images.get(found[1])
        if key is None:
            raise FetchRefused(f"refused image {found[1]}: not an image of this region")
        return self._read_image(url, key)

    def _media(self, url: str, key: str):
        if key not in self.media_keys:
            raise FetchRefused(f"refused media {key!r}: not a file of this plan")
        return self._read_image(url, key)

    def _read_image(self, url: str, key: str):
        mime_type = mimetypes.guess_type(key)[0]
        if mime_type not in IMAGE_TYPES:
            raise FetchRefused(f"refused media {key!r}: not an image")
        with default_storage.open(key, "rb") as handle:
            body = handle.read(MAX_MEDIA_BYTES + 1)
        if len(body) > MAX_MEDIA_BYTES:
            raise FetchRefused(f"refused media {key!r}: too large")
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})
