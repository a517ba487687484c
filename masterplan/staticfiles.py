"""Production static files: WhiteNoise's compressed, hashed storage."""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class CompressedManifestStorage(CompressedManifestStaticFilesStorage):
    """Pages still render when `collectstatic` has not run at all.

    Django's manifest storage raises while rendering any template that names a static
    file when STATIC_ROOT holds no manifest, so every page answers 500 (a server started
    before `collectstatic`, or a test or benchmark that does not need the assets). Without
    a manifest, files are linked by their plain names and a warning says what to run. A
    manifest that lacks a file still raises, as in Django: that is a broken release.
    """

    _warned = False

    def stored_name(self, name: str) -> str:
        if self.hashed_files:
            return super().stored_name(name)
        if not CompressedManifestStorage._warned:
            CompressedManifestStorage._warned = True
            logger.warning("No static files manifest in STATIC_ROOT: run collectstatic.")
        return name
