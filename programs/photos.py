"""What a programme photo must be, for the portal's form and the API alike."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def check_photo(upload: File) -> File:
    """Refuse what is not a JPEG, PNG or WebP photo of a sane size, and name it by its content.

    ``upload`` has been opened with Pillow by an ``ImageField`` (Django's or DRF's), which
    leaves the picture in ``upload.image``: the content decides, never the file name.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(_("A photo may be at most 5 MB."), code="too_large")
    picture = getattr(upload, "image", None)
    kind = getattr(picture, "format", None)
    if kind not in FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP photo."), code="format")
    width, height = picture.size
    if width * height > MAX_PIXELS:
        raise ValidationError(_("This photo has too many pixels."), code="too_large")
    upload.name = f"foto.{FORMATS[kind]}"
    return upload


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(name.rpartition(".")[2].lower(), "application/octet-stream")
