"""Production static files: WhiteNoise's compressed, hashed storage that degrades gracefully."""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class CompressedManifestStorage(CompressedManifestStaticFilesStorage):
    """A file missing from `collectstatic`'s manifest costs that file, not every page.

    Django's manifest storage raises while rendering any template that names a file it has
    not collected (a new release started before `collectstatic`, or a server started
    without it), so every page answers 500. Here the page keeps working, the file is linked
    by its plain name (served, with a short cache lifetime, if it is in STATIC_ROOT) and a
    warning says what to run.
    """

    _warned: set[str] = set()

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            if name not in self._warned:
                self._warned.add(name)
                logger.warning("Static file %s is not collected: run collectstatic.", name)
            return name
