"""Book → HTML → PDF. ``render_book`` is pure: it reads the database and returns bytes.

WeasyPrint is imported inside the functions that need it, so the web process never
loads it (and never forks after Pango was used); exports run in Celery workers.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from exports.assets import BASE_URL
from exports.context import book_template, build_print_context
from masterplan.models import Book, Plan

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]


def render_time_limit() -> int:
    """Seconds one render may take (wall clock); a 300-page book takes about 45 s."""
    return int(getattr(settings, "EXPORT_RENDER_TIME_LIMIT", 300))


class RenderTimeout(Exception):
    pass


@dataclass
class RenderResult:
    pdf: bytes
    pages: int
    html: str = ""
    seconds: float = 0.0
    weasyprint_seconds: float = 0.0
    refused: list[str] = field(default_factory=list)
    # (number, title) of every numbered heading, in order: what the TOC and bookmarks show
    headings: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def wall_clock_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the render after ``seconds``: huge CSS values or odd input can loop for long.

    Uses SIGALRM, so it only arms in a main thread (Celery's prefork and solo workers, the
    CLI); elsewhere the task's own time limit is the guard.
    """
    usable = (
        seconds
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise RenderTimeout(f"rendering took longer than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build_html(book: Book, *, final: bool = False, now=None) -> str:
    """The complete print document of a book (Indonesian, whatever the request language)."""
    return _build(book, final=final, now=now)[0]


def _build(book: Book, *, final: bool, now=None) -> tuple[str, list[tuple[str, str]]]:
    with translation.override("id"):
        context = build_print_context(book, final=final, now=now)
        html = render_to_string(book_template(book), context)
    headings = [
        (node.number, node.title) for chapter in context["chapters"] for node in chapter.walk()
    ]
    return html, headings


def render_html(
    html: str, *, plan: Plan, progress: Progress | None = None
) -> tuple[bytes, int, list[str]]:
    """WeasyPrint with our deny-by-default fetcher; never ``presentational_hints``."""
    # WeasyPrint logs every step and page at INFO (from its import on); the job's stage
    # is our progress report.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    from exports.fetcher import PrintURLFetcher

    fetcher = PrintURLFetcher.for_plan(plan)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        presentational_hints=False, optimize_images=True, jpeg_quality=80, dpi=150
    )
    if progress:
        progress("writing")
    pdf = document.write_pdf(pdf_variant=getattr(settings, "EXPORT_PDF_VARIANT", None))
    return pdf, len(document.pages), fetcher.refused


def render_book(
    book: Book,
    *,
    final: bool = False,
    progress: Progress | None = None,
    time_limit: float | None = None,
) -> RenderResult:
    """Render a book to PDF bytes. ``final`` leaves out the DRAF watermark."""
    started = time.perf_counter()
    with wall_clock_limit(time_limit if time_limit is not None else render_time_limit()):
        if progress:
            progress("collecting")
        html, headings = _build(book, final=final)
        if progress:
            progress("layout")
        weasy_started = time.perf_counter()
        pdf, pages, refused = render_html(html, plan=book.plan, progress=progress)
        finished = time.perf_counter()
    if refused:
        logger.warning("book %s: the fetcher refused %d resource(s)", book.pk, len(refused))
    return RenderResult(
        pdf=pdf,
        pages=pages,
        html=html,
        seconds=finished - started,
        weasyprint_seconds=finished - weasy_started,
        refused=refused,
        headings=headings,
    )
