"""The child process that turns a print document into PDF bytes with WeasyPrint.

Started by ``exports.render.RenderProcess`` as ``python -m exports.pdf_child MEMORY CPU``;
it limits its own address space and CPU time before anything else, dies with the thread
that started it, and imports no Django: the parent builds the HTML from the database and
answers every URL the document asks for (``fetch`` messages), so the child needs neither
the database nor the media storage, and the fetcher's rules live in one place.

Messages are JSON objects sent with ``multiprocessing.connection.Connection``; a body of
bytes (HTML, a fetched file, the PDF) follows its header as a message of its own.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from importlib import import_module
from multiprocessing.connection import Connection

# The child ran out of memory and said so (or could not even say so).
EXIT_MEMORY = 3
EXIT_ERROR = 1

logger = logging.getLogger("exports.pdf_child")


def send(connection: Connection, header: dict, body: bytes | None = None) -> None:
    connection.send_bytes(json.dumps(header).encode())
    if body is not None:
        connection.send_bytes(body)


def receive(connection: Connection) -> dict:
    return json.loads(connection.recv_bytes())


def limit_self(memory_bytes: int, cpu_seconds: int) -> None:
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if cpu_seconds > 0:
        # SIGXCPU at the soft limit, SIGKILL at the hard one: a guard for when the parent
        # that would kill us on its wall clock is gone.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    die_with_parent()


def die_with_parent() -> None:
    """Linux: SIGKILL this process when the thread that started it ends (worker killed)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent was gone before prctl took effect
        os._exit(EXIT_ERROR)


class Parent:
    """The connection to the process that started us: it fetches, we render."""

    def __init__(self, inbox: Connection, outbox: Connection):
        self.inbox = inbox
        self.outbox = outbox

    def fetch(self, url: str) -> tuple[str, bytes, str]:
        """(url, body, content type) of an allowed resource; ValueError when refused."""
        send(self.outbox, {"type": "fetch", "url": url})
        reply = receive(self.inbox)
        if not reply.get("ok"):
            raise ValueError(reply.get("error") or f"refused: {url[:200]}")
        return reply["url"], self.inbox.recv_bytes(), reply["content_type"]

    def progress(self, stage: str) -> None:
        send(self.outbox, {"type": "stage", "stage": stage})


def url_fetcher(parent: Parent):
    """A WeasyPrint fetcher that asks the parent for every URL (``data:`` included)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ParentFetcher(URLFetcher):
        def __init__(self):
            super().__init__(timeout=1, allowed_protocols=set(), allow_redirects=False)

        def fetch(self, url, headers=None):
            answered_url, body, content_type = parent.fetch(str(url))
            return URLFetcherResponse(answered_url, body, {"Content-Type": content_type})

    return ParentFetcher()


def render_pdf(
    html: str,
    *,
    base_url: str,
    url_fetcher,
    progress: Callable[[str], None],
    pdf_variant: str | None = None,
) -> tuple[bytes, int]:
    """WeasyPrint with the parent's fetcher; never ``presentational_hints``."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).render(
        presentational_hints=False, optimize_images=True, jpeg_quality=80, dpi=150
    )
    progress("writing")
    pdf = document.write_pdf(pdf_variant=pdf_variant)
    return pdf, len(document.pages)


def render_pdf_with_pages(
    html: str,
    *,
    base_url: str,
    url_fetcher,
    progress: Callable[[str], None],
    pdf_variant: str | None = None,
) -> tuple[bytes, int, list[dict]]:
    """``render_pdf`` that also says, per page, what the chunked renderer stitches with:
    size and bottom margin, page name and groups, anchors, internal links and bookmarks
    (CSS px, y downwards)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).render(
        presentational_hints=False, optimize_images=True, jpeg_quality=80, dpi=150
    )
    progress("writing")
    pdf = document.write_pdf(pdf_variant=pdf_variant)
    return pdf, len(document.pages), page_info(document)


def page_info(document) -> list[dict]:
    info = []
    for page in document.pages:
        box = page._page_box
        info.append(
            {
                "width": page.width,
                "height": page.height,
                "margin_bottom": box.margin_bottom,
                "name": box.page_type.name,
                "groups": [list(group) for group in box.page_type.groups],
                "anchors": {name: list(point[:2]) for name, point in page.anchors.items()},
                "links": [
                    [target, *rectangle]
                    for kind, target, rectangle, _box in page.links
                    if kind == "internal"
                ],
                "bookmarks": [
                    [level, label, list(point[:2])] for level, label, point, _ in page.bookmarks
                ],
            }
        )
    return info


# Documents laid out and not yet written, by the name the parent gave them: the chunked
# renderer learns every chunk's pages before any is written, so the skeleton (which needs
# them) is laid out while the chunks are written.
_held: dict[str, object] = {}


def layout_pdf_pages(
    html: str,
    *,
    base_url: str,
    url_fetcher,
    progress: Callable[[str], None],
    hold: str,
    pdf_variant: str | None = None,
) -> tuple[bytes, int, list[dict]]:
    """``render_pdf_with_pages`` without the writing: no PDF yet, the document kept as
    ``hold`` for ``write_held_pdf``."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).render(
        presentational_hints=False, optimize_images=True, jpeg_quality=80, dpi=150
    )
    _held[hold] = document
    # Out of the collector's sight: with the documents held, every collection would walk
    # their boxes again (writing a chunk took twice as long after three others were laid
    # out). This process ends with the export; what the freeze keeps is freed then.
    gc.collect()
    gc.freeze()
    return b"", len(document.pages), page_info(document)


def write_held_pdf(
    html: str,
    *,
    base_url: str,
    url_fetcher,
    progress: Callable[[str], None],
    hold: str,
    pdf_variant: str | None = None,
) -> tuple[bytes, int]:
    """The PDF of the document ``layout_pdf_pages`` kept as ``hold`` (``html`` unused)."""
    document = _held.pop(hold)
    progress("writing")
    return document.write_pdf(pdf_variant=pdf_variant), len(document.pages)


def peak_memory_mb() -> dict[str, float]:
    """Peak address space and peak RSS of this process, from /proc (Linux)."""
    found = {}
    try:
        with open("/proc/self/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in {"VmPeak", "VmHWM"}:
                    found[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return found


def main(argv: list[str]) -> int:
    memory_bytes, cpu_seconds = int(argv[0]), int(argv[1])
    # Our channel to the parent is the original stdout; stray prints go to stderr.
    inbox = Connection(os.dup(0), writable=False)
    outbox = Connection(os.dup(1), readable=False)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)
    limit_self(memory_bytes, cpu_seconds)
    logging.basicConfig(
        level=logging.WARNING, format=f"pdf-render[{os.getpid()}] %(name)s: %(message)s"
    )
    # WeasyPrint logs every step at INFO; the parent's job stages are the progress report.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    parent = Parent(inbox, outbox)
    try:
        import weasyprint  # noqa: F401  (while the parent still builds the HTML)

        served = 0
        while True:
            # A parent may send several jobs (the chunked renderer's workers do); the end
            # of its pipe between jobs is the end of our work.
            try:
                job = receive(inbox)
            except EOFError:
                if served:
                    return 0
                raise
            html = inbox.recv_bytes().decode()
            module, _, name = job["render"].rpartition(".")
            render = getattr(import_module(module), name)
            pdf, pages, *info = render(
                html,
                base_url=job["base_url"],
                url_fetcher=url_fetcher(parent),
                progress=parent.progress,
                **job.get("options", {}),
            )
            done = {"type": "done", "pages": pages, "memory": peak_memory_mb()}
            if info:
                done["info"] = info[0]
            send(outbox, done, pdf)
            served += 1
    except MemoryError:
        try:
            send(outbox, {"type": "error", "kind": "memory"})
        finally:
            os._exit(EXIT_MEMORY)
    except (EOFError, BrokenPipeError):
        return EXIT_ERROR  # the parent gave up on us
    except Exception as exc:
        traceback.print_exc()
        send(outbox, {"type": "error", "kind": "error", "error": f"{type(exc).__name__}: {exc}"})
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
