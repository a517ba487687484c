"""Edition tests: private storage in a temporary folder, exports run in this process."""

from __future__ import annotations

import pytest

from exports import services
from exports.render import RenderResult
from masterplan.models import Book
from tests.exports.conftest import _eager_celery, _export_storage  # noqa: F401

PDF = b"%PDF-1.7\n% a final book\n"


@pytest.fixture(autouse=True)
def _synchronous_exports(settings, monkeypatch):
    settings.EXPORT_SYNCHRONOUS = True
    # the bare test plans fail the real checks (no programmes…); the exports test the refusal
    monkeypatch.setattr(services, "book_checks", lambda book: [])


@pytest.fixture
def fake_render(monkeypatch):
    """Books render to a stand-in PDF (the renderer has its own tests); redlines too."""
    redlines = []

    def render(book, *, final=False, progress=None, time_limit=None):
        return RenderResult(pdf=PDF, pages=3)

    def render_redline(book, **kwargs):
        redlines.append(kwargs["older_label"])
        return RenderResult(pdf=b"%PDF-1.7\n% redline\n", pages=1)

    monkeypatch.setattr("exports.render.render_book", render)
    monkeypatch.setattr("editions.redline.render_redline_pdf", render_redline)
    return redlines


def finalise(book: Book, by, capture) -> None:
    """What the admin's "freeze and export the final PDF" does, with its on-commit work."""
    Book.objects.filter(pk=book.pk).update(status=Book.Status.APPROVED)
    book.refresh_from_db()
    with capture(execute=True):
        services.book_finalise(book=book, by=by)


def reopen(book: Book, by) -> None:
    services.book_unfinalise(book=book, by=by)
