"""Where uploads and exported books live: local folders or an S3-compatible bucket.

Two aliases in ``STORAGES``: ``default`` (uploaded images, photos, logos) and ``exports``
(exported books). Code reads and writes through them (``open``, ``save``, ``exists``,
``delete``), never through a path, so the same code runs on a folder or a bucket.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


def export_root() -> Path:
    """Outside MEDIA_ROOT on purpose: exported books are never reachable by a public URL."""
    default = Path(settings.BASE_DIR) / "private" / "exports"
    return Path(getattr(settings, "EXPORT_ROOT", None) or default)


@deconstructible
class ExportFileSystemStorage(FileSystemStorage):
    """The local ``exports`` storage: files under ``EXPORT_ROOT`` (read on each use, so tests
    may override it), with no URL at all."""

    def __init__(self, **kwargs):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(export_root())

    @property
    def location(self):
        return str(export_root().resolve())

    def url(self, name):
        raise ValueError("Exported books are served by the download view only.")


def storage_probe(alias: str) -> str:
    """Write, read back and delete a small file on a storage (for /readyz)."""
    storage = storages[alias]
    name = storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                raise OSError("the file written was not read back")
    finally:
        storage.delete(name)
    return type(storage).__name__
