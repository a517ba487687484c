"""Book → HTML → PDF. ``render_book`` is pure: it reads the database and returns bytes.

The HTML is built here, in the calling process; WeasyPrint lays it out in a child process
(``exports.pdf_child``) with a hard limit on its wall time and address space, so a
document that would run forever or eat the machine costs one killed process and a failed
job, never a hung worker or web request. The child asks this process for every resource
the document names, through our deny-by-default fetcher.
"""

from __future__ import annotations

import logging
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exports.assets import BASE_URL
from exports.context import book_template, build_print_context
from exports.context.official import complete_document
from exports.pdf_child import EXIT_MEMORY, receive, send
from masterplan.models import Book, Plan

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]
Fetch = Callable[[str], object]


def render_time_limit() -> float:
    """Seconds one render may take (wall clock); a 300-page book takes about 45 s."""
    return float(getattr(settings, "EXPORT_RENDER_TIME_LIMIT", 300))


def render_memory_limit() -> int:
    """Bytes of address space the render process may map (RLIMIT_AS)."""
    return int(getattr(settings, "EXPORT_RENDER_MEMORY_LIMIT_MB", 2048)) * 1024 * 1024


class RenderFailed(Exception):
    """The render process was stopped or failed; ``user_message()`` says so to the user."""

    template = _("The PDF could not be made: %(detail)s")

    def __init__(self, detail: str = "", **params):
        super().__init__(detail or self.__class__.__name__)
        self.params = {"detail": detail, **params}

    def user_message(self) -> str:
        """In the active language (export jobs store it in Indonesian)."""
        return str(self.template) % self.params


class RenderTimeout(RenderFailed):
    template = _(
        "The export took longer than %(seconds)d seconds and was stopped. Check the book "
        "for extremely long words or tables, then try again."
    )


class RenderOutOfMemory(RenderFailed):
    template = _("The export needed more than %(megabytes)d MB of memory and was stopped.")


class RenderCrashed(RenderFailed):
    template = _(
        "The PDF renderer stopped unexpectedly (code %(code)s). Try again; if it happens "
        "again, tell the administrator."
    )


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
    # peak address space and RSS of the render process (MB), as /proc reports them
    memory: dict[str, float] = field(default_factory=dict)


# --- Long words ---------------------------------------------------------------------------

# WeasyPrint hyphenates a word by laying out its every prefix: a 1,000-character token in
# `hyphens: auto` text costs seconds, 4,000 characters minutes. Every run of text longer
# than LONG_WORD characters gets a zero-width space every WORD_PIECE characters, so no
# piece the layout sees is longer than a line (and a long URL still wraps).
LONG_WORD = 40
WORD_PIECE = 20
ZWSP = "\u200b"
# Markup is skipped whole: comments, elements whose text is not laid out, tags (with
# quoted attribute values, which may hold ">"). What is left is text.
_MARKUP_OR_WORD = re.compile(
    r"(?P<markup><!--.*?-->"
    r"|<(?P<raw>script|style|title|textarea)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</(?P=raw)\s*>"
    r"|</?[A-Za-z!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>)"
    # A no-break space joins words too: only these spaces separate them.
    rf"|(?P<word>[^ \t\n\r\f<{ZWSP}]{{{LONG_WORD + 1},}})",
    re.DOTALL | re.IGNORECASE,
)
# One character of text: an entity counts as one and is never split.
_UNIT = re.compile(r"&#?\w+;|.", re.DOTALL)


def _joins_previous(unit: str) -> bool:
    """A combining mark, joiner or variation selector belongs to the character before."""
    return len(unit) == 1 and unicodedata.category(unit) in {"Mn", "Mc", "Me", "Cf"}


def _break_word(word: str) -> str:
    pieces: list[str] = []
    run = 0
    for unit in _UNIT.findall(word):
        if run >= WORD_PIECE and not _joins_previous(unit):
            pieces.append(ZWSP)
            run = 0
        pieces.append(unit)
        run += 1
    return "".join(pieces)


def break_long_words(html: str) -> str:
    """The document with a break opportunity in every over-long run of text."""

    def replace(match: re.Match) -> str:
        word = match["word"]
        return _break_word(word) if word else match[0]

    return _MARKUP_OR_WORD.sub(replace, html)


# --- The render process -------------------------------------------------------------------


# What the render process inherits of our environment: enough to find Python, its packages
# and the fonts; never the database URL, the secret key or other credentials.
CHILD_ENVIRONMENT = re.compile(
    r"PATH|HOME|LANG|LANGUAGE|LC_\w+|TZ|TMPDIR|VIRTUAL_ENV|LD_LIBRARY_PATH|PYTHON\w*"
    r"|FONTCONFIG_\w+|XDG_\w+"
)


def child_environment(root: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if CHILD_ENVIRONMENT.fullmatch(key)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


class RenderProcess:
    """One WeasyPrint run in a child process, killed when its time is up.

    Started before the HTML is built, so the child imports WeasyPrint meanwhile. The
    deadline is a timer that kills the child whatever this process is doing (even
    blocked on a pipe); the address-space limit is set by the child on itself.
    """

    def __init__(self, *, time_limit: float | None = None, memory_limit: int | None = None):
        self.time_limit = time_limit or render_time_limit()
        self.memory_limit = memory_limit or render_memory_limit()
        self.timed_out = False
        to_child_read, to_child_write = os.pipe()
        from_child_read, from_child_write = os.pipe()
        root = str(settings.BASE_DIR)
        command = [
            sys.executable,
            "-m",
            "exports.pdf_child",
            str(self.memory_limit),
            str(math.ceil(self.time_limit) + 5),
        ]
        try:
            self.process = subprocess.Popen(
                command,
                stdin=to_child_read,
                stdout=from_child_write,
                env=child_environment(root),
                cwd=root,
            )
        except BaseException:
            os.close(to_child_write)
            os.close(from_child_read)
            raise
        finally:
            os.close(to_child_read)
            os.close(from_child_write)
        self.outbox = Connection(to_child_write, readable=False)
        self.inbox = Connection(from_child_read, writable=False)
        self.deadline = time.monotonic() + self.time_limit
        self.watchdog = threading.Timer(self.time_limit, self._expire)
        self.watchdog.daemon = True
        self.watchdog.start()
        self.memory: dict[str, float] = {}
        # per-page facts, when the render function reports them (chunked rendering)
        self.info: list[dict] | None = None

    def __enter__(self) -> RenderProcess:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.watchdog.cancel()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.outbox.close()
        self.inbox.close()

    def _expire(self) -> None:
        if self.process.poll() is None:
            self.timed_out = True
            self.process.kill()

    def render(
        self,
        html: str,
        *,
        fetch: Fetch,
        progress: Progress | None = None,
        base_url: str = BASE_URL,
        render_function: str | None = None,
        options: dict | None = None,
    ) -> tuple[bytes, int]:
        job = {
            "render": render_function
            or getattr(settings, "EXPORT_RENDER_FUNCTION", "exports.pdf_child.render_pdf"),
            "base_url": base_url,
            "options": {
                "pdf_variant": getattr(settings, "EXPORT_PDF_VARIANT", None),
                **(options or {}),
            },
        }
        try:
            send(self.outbox, job, html.encode())
            while True:
                message = self._receive()
                kind = message.get("type")
                if kind == "fetch":
                    self._answer_fetch(str(message.get("url", "")), fetch)
                elif kind == "stage":
                    if progress:
                        progress(str(message.get("stage")))
                elif kind == "done":
                    pdf = self.inbox.recv_bytes(self.memory_limit)
                    self.memory = message.get("memory") or {}
                    self.info = message.get("info")
                    return pdf, int(message["pages"])
                elif kind == "error" and message.get("kind") == "memory":
                    raise self._out_of_memory()
                else:
                    raise RenderFailed(str(message.get("error") or message)[:1000])
        except (EOFError, OSError) as lost:
            raise self._failure() from lost

    def _receive(self) -> dict:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0 or not self.inbox.poll(remaining):
            self._expire()
            raise self._failure()
        return receive(self.inbox)

    def _answer_fetch(self, url: str, fetch: Fetch) -> None:
        try:
            response = fetch(url)
            try:
                body = response.read()
                content_type = response.content_type
                if response.charset:
                    content_type += f"; charset={response.charset}"
                answered_url = str(response.url)
            finally:
                response.close()
        except Exception as refused:  # the document renders on without the resource
            send(self.outbox, {"ok": False, "error": f"{type(refused).__name__}: {refused}"})
            return
        if isinstance(body, str):
            body = body.encode()
        send(self.outbox, {"ok": True, "url": answered_url, "content_type": content_type}, body)

    def _out_of_memory(self) -> RenderOutOfMemory:
        megabytes = self.memory_limit // (1024 * 1024)
        return RenderOutOfMemory(f"over {megabytes} MB of address space", megabytes=megabytes)

    def _failure(self) -> RenderFailed:
        """Why the child stopped talking."""
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        if self.timed_out or code == -signal.SIGXCPU:
            seconds = math.ceil(self.time_limit)
            return RenderTimeout(f"rendering took longer than {seconds} s", seconds=seconds)
        if code == EXIT_MEMORY:
            return self._out_of_memory()
        return RenderCrashed(f"render process exited with code {code}", code=code)


# --- Books --------------------------------------------------------------------------------


def build_html(book: Book, *, final: bool = False, now=None) -> str:
    """The complete print document of a book (Indonesian, whatever the request language)."""
    return _build(book, final=final, now=now)[0]


def _build(book: Book, *, final: bool, now=None) -> tuple[str, list[tuple[str, str]]]:
    with translation.override("id"):
        context = build_print_context(book, final=final, now=now)
        html = complete_document(render_to_string(book_template(book), context), book.plan)
    headings = [
        (node.number, node.title) for chapter in context["chapters"] for node in chapter.walk()
    ]
    # The one place every text of the book passes before layout: section bodies, profile
    # fields, names in tables, titles.
    return break_long_words(html), headings


def _plan_fetcher(plan: Plan):
    # Importing WeasyPrint (for the fetcher's base class) parses its stylesheets and logs
    # each at INFO; the job's stage is our progress report.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from exports.fetcher import PrintURLFetcher

    return PrintURLFetcher.for_plan(plan)


def render_html(
    html: str,
    *,
    plan: Plan,
    progress: Progress | None = None,
    time_limit: float | None = None,
) -> tuple[bytes, int, list[str]]:
    """(PDF, pages, refused URLs) of a print document, rendered in a bounded child."""
    fetcher = _plan_fetcher(plan)
    with RenderProcess(time_limit=time_limit) as child:
        pdf, pages = child.render(html, fetch=fetcher.fetch, progress=progress)
    return pdf, pages, fetcher.refused


def render_book(
    book: Book,
    *,
    final: bool = False,
    progress: Progress | None = None,
    time_limit: float | None = None,
    chunked: bool | None = None,
) -> RenderResult:
    """Render a book to PDF bytes. ``final`` leaves out the DRAF watermark.

    ``time_limit`` (seconds, wall clock, counted from the start) defaults to
    ``EXPORT_RENDER_TIME_LIMIT``; past it the render process is killed and
    ``RenderTimeout`` raised. ``chunked`` lays the chapters out in parallel
    (``exports.chunks``); by default large books are (``use_chunks``).
    """
    if chunked is None:
        chunked = use_chunks(book)
    if chunked:
        return _render_book_chunked(book, final=final, progress=progress, time_limit=time_limit)
    started = time.perf_counter()
    if progress:
        progress("collecting")
    with RenderProcess(time_limit=time_limit) as child:
        html, headings = _build(book, final=final)
        if progress:
            progress("layout")
        weasy_started = time.perf_counter()
        fetcher = _plan_fetcher(book.plan)
        pdf, pages = child.render(html, fetch=fetcher.fetch, progress=progress)
        finished = time.perf_counter()
    if fetcher.refused:
        logger.warning("book %s: the fetcher refused %d resource(s)", book.pk, len(fetcher.refused))
    return RenderResult(
        pdf=pdf,
        pages=pages,
        html=html,
        seconds=finished - started,
        weasyprint_seconds=finished - weasy_started,
        refused=fetcher.refused,
        headings=headings,
        memory=child.memory,
    )


def use_chunks(book: Book) -> bool:
    """Chunked when switched on, the renderer is WeasyPrint's (tests swap in stand-ins) and
    the book's last export had at least ``EXPORT_CHUNKED_MIN_PAGES`` pages."""
    from exports import chunks
    from exports.models import ExportJob

    if not chunks.chunked_enabled():
        return False
    if getattr(settings, "EXPORT_RENDER_FUNCTION", "") != "exports.pdf_child.render_pdf":
        return False
    last = (
        ExportJob.objects.filter(book=book, pages__isnull=False)
        .order_by("-pk")
        .values_list("pages", flat=True)
        .first()
    )
    return last is not None and last >= chunks.chunked_min_pages()


def _render_book_chunked(
    book: Book, *, final: bool, progress: Progress | None, time_limit: float | None
) -> RenderResult:
    from exports.chunks import ChunkingImpossible, Pool, render_chunked, render_workers

    started = time.perf_counter()
    if progress:
        progress("collecting")
    fetcher = _plan_fetcher(book.plan)
    try:
        with Pool(workers=render_workers(), fetch=fetcher.fetch, time_limit=time_limit) as pool:
            # as in the single pass, a render process imports WeasyPrint while we build
            pool.start(1)
            html, headings = _build(book, final=final)
            if progress:
                progress("layout")
            weasy_started = time.perf_counter()
            result = render_chunked(html, fetch=fetcher.fetch, pool=pool)
    except ChunkingImpossible as reason:
        logger.warning("book %s: rendering in one pass (%s)", book.pk, reason)
        return render_book(
            book, final=final, progress=progress, time_limit=time_limit, chunked=False
        )
    finished = time.perf_counter()
    memory: dict[str, float] = {}
    for child in result.memory:
        for key, value in child.items():
            memory[key] = max(memory.get(key, 0.0), value)
    return RenderResult(
        pdf=result.pdf,
        pages=result.pages,
        html=html,
        seconds=finished - started,
        weasyprint_seconds=finished - weasy_started,
        refused=fetcher.refused,
        headings=headings,
        memory=memory,
    )
