"""Export tests: private storage in a temporary folder, tasks run in-process, PDF helpers."""

from __future__ import annotations

import io
import re
from functools import cached_property

import pytest
from pypdf import PdfReader

from masterplan.celery import app as celery_app


@pytest.fixture(autouse=True)
def _export_storage(settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path / "exports"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _eager_celery():
    """Whatever the environment says, tasks run in-process here (the worker test opts out)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


class Pdf:
    def __init__(self, data: bytes):
        self.data = data
        self._texts: list[str] | None = None

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.data))

    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [page.extract_text() or "" for page in self.reader.pages]
        return self._texts

    def outline(self) -> list[tuple[int, str, int]]:
        """(depth, title, 1-based page) of every bookmark, in order."""
        reader = self.reader
        found: list[tuple[int, str, int]] = []

        def walk(items, depth):
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

        walk(reader.outline, 1)
        return found

    def fonts(self) -> dict[str, bool]:
        """Base font name -> embedded, over all pages and the forms they draw (charts)."""
        fonts: dict[str, bool] = {}

        def scan(resources):
            if not resources:
                return
            resources = resources.get_object()
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts[str(font.get("/BaseFont"))] = embedded or font.get("/Subtype") == "/Type3"
            for xobject in (resources.get("/XObject") or {}).values():
                xobject = xobject.get_object()
                if xobject.get("/Subtype") == "/Form":
                    scan(xobject.get("/Resources"))

        for page in self.reader.pages:
            scan(page.get("/Resources"))
        return fonts

    def has_embedded_files(self) -> bool:
        root = self.reader.trailer["/Root"].get_object()
        names = root.get("/Names")
        if names is not None and "/EmbeddedFiles" in names.get_object():
            return True
        return any(
            annotation.get_object().get("/Subtype") == "/FileAttachment"
            for page in self.reader.pages
            for annotation in (page.get("/Annots") or [])
        )


TOC_ENTRY = re.compile(r"^(\d+(?:\.\d+)*)\s+(.*?)\s*\.{3,}\s*(\d+)\s*$")
TOC_START = re.compile(r"^(\d+(?:\.\d+)*)\s+(.*)$")
TOC_END = re.compile(r"^(.*?)\s*\.{3,}\s*(\d+)\s*$")


def toc_entries(text: str) -> dict[str, int]:
    """Section number -> page number printed in the table of contents (wrapped titles too)."""
    entries: dict[str, int] = {}
    pending: str | None = None
    for line in text.splitlines():
        line = line.strip()
        if match := TOC_ENTRY.match(line):
            entries[match[1]] = int(match[3])
            pending = None
        elif pending and (match := TOC_END.match(line)):
            entries[pending] = int(match[2])
            pending = None
        elif match := TOC_START.match(line):
            pending = match[1]
    return entries
