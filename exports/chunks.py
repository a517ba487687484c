"""Chunked rendering: a book's chapters laid out in parallel, merged and stamped.

The print document is cut at its chapters (``<section class="section level-1">`` inside
``<main>``). Each chunk is the document's head with one chapter; the chunks are laid out
by a small pool of render processes (the same bounded child as the single pass), each
cached under the hash of its HTML and stylesheet, so a one-chapter change lays out one
chunk again.

The numbers a chunk cannot know (its pages' numbers, the book's total, the TOC's page
numbers) come from a *skeleton*: the real cover and front matter followed by one empty
page per body page, with the body's page names, page groups and anchors. WeasyPrint lays
it out with the book's own stylesheet, so the TOC numbers and the footers follow the
stylesheet's rules whatever they are (roman front matter, counter resets, totals that
stop at a marker). The merge takes the front pages from the skeleton, the body pages from
the chunks painted over the skeleton's page (its footer and draft mark; its running
strings are emptied), and re-adds the internal links and the outline from what each
render reported.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import io
import itertools
import json
import logging
import os
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from exports.assets import print_asset_dir
from masterplan.lib.untrusted import loads_json

logger = logging.getLogger(__name__)

RENDER_FUNCTION = "exports.pdf_child.render_pdf_with_pages"
# ...in two steps: every chunk laid out first, then written (beside the skeleton)
LAYOUT_FUNCTION = "exports.pdf_child.layout_pdf_pages"
WRITE_FUNCTION = "exports.pdf_child.write_held_pdf"
# Bumped when what a cached chunk holds changes.
CACHE_VERSION = "1"
PX = 0.75  # WeasyPrint lays out in CSS px; PDF user space is in points

_MAIN_OPEN = re.compile(r"<main\b[^>]*>")
_BODY_OPEN = re.compile(r"<body\b[^>]*>")
_CHAPTER = re.compile(r"<section\b[^>]*\bclass=\"section level-1\b[^>]*>")
_FRONT_START = re.compile(r"<(?:section|nav|header|div)\b[^>]*\bclass=\"(?:cover|front-matter)")
_METADATA = re.compile(r"<meta\s+name=[^>]*>|<title>.*?</title>", re.DOTALL)
_CREATED = re.compile(r"<meta\s+name=\"dcterms.created\"\s+content=\"([^\"]*)\"\s*/?>")
_FOLLOWS_ON = re.compile(r"\bclass=\"[^\"]*\b(?:empty|follows-on)\b")
_BOOK_TITLE = re.compile(r"<(\w+)\b([^>]*?)\s+id=\"book-title\"([^>]*)>(.*?)</\1>", re.DOTALL)

# A chunk draws no bottom margin boxes: the skeleton's footer is stamped over it.
_MARGIN_BOXES = ("bottom-left-corner", "bottom-left", "bottom-center", "bottom-right")
CHUNK_STYLE = (
    "<style>@page {"
    + " ".join(f"@{box} {{ content: none !important; }}" for box in _MARGIN_BOXES)
    + " @bottom-right-corner { content: none !important; } }</style>"
)
SKELETON_STYLE = (
    "<style>.kcs-skeleton-page { break-before: page; height: 1px; margin: 0; padding: 0; }</style>"
)
# Present in the first chapter of every chunk, so running strings set on the cover (the
# book title in the header) are set there too; laid out in no space.
_SETTER = (
    '<div style="height:0;overflow:hidden;margin:0;padding:0;border:0;visibility:hidden">{}</div>'
)


def chunked_enabled() -> bool:
    return bool(getattr(settings, "EXPORT_CHUNKED", True))


def chunked_min_pages() -> int:
    return int(getattr(settings, "EXPORT_CHUNKED_MIN_PAGES", 60))


def render_workers() -> int:
    return max(1, int(getattr(settings, "EXPORT_RENDER_WORKERS", min(2, os.cpu_count() or 1))))


def cache_dir() -> Path | None:
    """Where rendered chunks are kept; ``EXPORT_CHUNK_CACHE = ""`` switches the cache off."""
    configured = getattr(settings, "EXPORT_CHUNK_CACHE", None)
    if configured == "":
        return None
    return Path(configured) if configured else Path(settings.EXPORT_ROOT) / "chunk-cache"


def cache_days() -> float:
    return float(getattr(settings, "EXPORT_CHUNK_CACHE_DAYS", 14))


# --- Cutting the document -----------------------------------------------------------------


@dataclass
class Piece:
    """One chunk's share of the body: a chapter, or a page-starting part of a big one."""

    html: str
    # start tags of the elements the piece starts inside (a part of a chapter), reopened
    # on a first page of its own that the merge drops, and closed at the piece's end
    reopen: list[str] = field(default_factory=list)
    close: list[str] = field(default_factory=list)
    heading: str = ""  # the chapter's heading, for the running strings it sets
    first_chapter: bool = False  # inside the body's first chapter (its page group)
    weight: float = 0.0  # estimated layout cost
    anchor: str = ""  # the first id in the piece: names it across exports

    @property
    def continued(self) -> bool:
        return bool(self.reopen)


@dataclass
class Split:
    front: str  # the document up to and with <main ...>: head, cover, front matter
    chapters: list[str]  # the body, cut before each chapter (before_chapters with the first)
    tail: str  # </main> and what follows
    head: str  # the document up to and with <body ...>, plus our chunk style
    furniture: str  # what sits between <body> and the cover: the draft mark, fixed boxes
    setter: str
    pieces: list[Piece] = field(default_factory=list)


# A big chapter may be cut where an element of class "page-part" starts (the stylesheet
# starts a page there: `.page-part { break-before: page }`), e.g. each dimension's action
# plan in a large plan or each part of the Gantt chart.
_PART = re.compile(r"<\w+\b[^>]*\bclass=\"[^\"]*\bpage-part\b[^>]*>")
_TAG = re.compile(
    r"<!--.*?-->|<(/?)([A-Za-z][\w:-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.DOTALL
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_ID = re.compile(r"\s+id=\"[^\"]*\"")
_FIRST_ID = re.compile(r"\bid=\"([^\"]+)\"")
_H1 = re.compile(r"<h1\b.*?</h1>", re.DOTALL)
_START_TAG = re.compile(r"<[A-Za-z]")
_IMAGE = re.compile(r"<img\b")
# Layout cost of a piece in "boxes": an element, 60 characters of text, an image (a chart
# part is a few hundred boxes of SVG).
IMAGE_WEIGHT = 300
# A big chapter is cut into pieces of about 1/(this × processes) of the book: small enough
# for the processes to end together, few enough that each chunk's fixed cost (stylesheet,
# fonts, PDF writing) stays small.
PIECES_PER_PROCESS = 4


def estimate_weight(html: str) -> float:
    tags = len(_START_TAG.findall(html))
    text = len(_TAG.sub("", html))
    images = len(_IMAGE.findall(html))
    return tags + text / 60 + images * IMAGE_WEIGHT


def _open_elements(html: str, positions: list[int]) -> dict[int, list[str]]:
    """The start tags still open at each position (sorted), scanning from the start."""
    stack: list[tuple[str, str]] = []
    found: dict[int, list[str]] = {}
    wanted = iter(sorted(positions))
    position = next(wanted, None)
    for match in _TAG.finditer(html):
        while position is not None and match.start() >= position:
            found[position] = [tag for _, tag in stack]
            position = next(wanted, None)
        if position is None:
            break
        closing, name, self_closing = match.groups()
        if name is None:  # a comment
            continue
        name = name.lower()
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
        elif not self_closing and name not in _VOID:
            stack.append((name, match[0]))
    while position is not None:
        found[position] = [tag for _, tag in stack]
        position = next(wanted, None)
    return found


def split_document(html: str, *, parts: int = 0) -> Split | None:
    """The document cut at its chapters, or None when it has no chapter to cut at.

    With ``parts`` (the number of render processes), a chapter heavier than a share of
    the book (its weight over ``PIECES_PER_PROCESS × parts``) is cut too, at the
    page-starting parts it marks, into pieces of about that share."""
    main = _MAIN_OPEN.search(html)
    body = _BODY_OPEN.search(html)
    if not main or not body:
        return None
    end = html.rindex("</main>")
    inner = html[main.end() : end]
    # Cut only where the single pass starts a page: a chapter that follows on (an empty
    # one in a draft, a short closing one) stays with the one before.
    starts = [
        match.start() for match in _CHAPTER.finditer(inner) if not _FOLLOWS_ON.search(match[0])
    ]
    if not starts:
        return None
    cuts = [0, *starts[1:], len(inner)]
    chapters = [inner[a:b] for a, b in itertools.pairwise(cuts)]
    boundaries = [(a, b) for a, b in itertools.pairwise(cuts)]
    if parts:
        share = estimate_weight(inner) / (PIECES_PER_PROCESS * parts)
        finer: list[int] = []
        for a, b in itertools.pairwise(cuts):
            finer.append(a)
            if estimate_weight(inner[a:b]) <= share:
                continue
            last = a
            for match in _PART.finditer(inner, a, b):
                if match.start() > last and estimate_weight(inner[last : match.start()]) >= share:
                    finer.append(match.start())
                    last = match.start()
        boundaries = list(itertools.pairwise([*finer, len(inner)]))
    open_at = _open_elements(inner, [a for a, _ in boundaries] + [b for _, b in boundaries])
    pieces = []
    for a, b in boundaries:
        reopen = [_ID.sub("", tag) for tag in open_at[a]]
        heading = ""
        if reopen:
            chapter_start = max(start for start in [0, *starts] if start <= a)
            headings = _H1.findall(inner, chapter_start, a)
            heading = _ID.sub("", headings[0]) if headings else ""
        first_id = _FIRST_ID.search(inner, a, b)
        if first_id:
            anchor = first_id[1]
        else:  # named after the last anchor before it
            before = inner.rfind(' id="', 0, a)
            anchor = _FIRST_ID.search(inner, before)[1] + "+" if before >= 0 else "start"
        pieces.append(
            Piece(
                html=inner[a:b],
                reopen=reopen,
                close=[_tag_name(tag) for tag in reversed(open_at[b])],
                heading=heading,
                first_chapter=a < (starts[1] if len(starts) > 1 else len(inner)),
                weight=estimate_weight(inner[a:b]),
                anchor=anchor,
            )
        )
    front_start = _FRONT_START.search(html, body.end(), main.start())
    furniture = html[body.end() : front_start.start() if front_start else body.end()]
    title = _BOOK_TITLE.search(html, body.end(), main.start())
    setter = ""
    if title:
        tag, before, after, text = title.groups()
        setter = _SETTER.format(f"<{tag}{before}{after}>{text}</{tag}>")
    # A chunk's metadata is not used (the merge takes the skeleton's), and the creation
    # time in it would make every export's chunks new to the cache.
    head = _METADATA.sub("", html[: body.end()]).replace("</head>", CHUNK_STYLE + "</head>", 1)
    return Split(
        front=html[: main.end()],
        chapters=chapters,
        tail=html[end:],
        head=head,
        furniture=furniture,
        setter=setter,
        pieces=pieces,
    )


def _tag_name(tag: str) -> str:
    return re.match(r"<([A-Za-z][\w:-]*)", tag)[1].lower()


# A part of a chapter starts inside the elements it belongs to, reopened on a page of
# their own: their margins, borders and page groups start there, as in the single pass
# they started on an earlier page. The merge drops that page.
_CONTINUED = (
    '<div class="kcs-continued" style="break-after: page; height: 0; margin: 0; '
    'padding: 0; border: 0">{}</div>'
)


def chunk_html(split: Split, piece, main_tag: str, *, first_chunk: bool = True) -> str:
    if isinstance(piece, str):
        piece = Piece(html=piece)
    text = piece.html
    if piece.continued:
        setters = split.setter + (_SETTER.format(piece.heading) if piece.heading else "")
        text = (
            "".join(piece.reopen)
            + _CONTINUED.format(setters)
            + text
            + "".join(f"</{name}>" for name in piece.close)
        )
        first_chunk = piece.first_chapter
    else:
        first = _CHAPTER.search(text)
        if first and split.setter:
            text = text[: first.end()] + split.setter + text[first.end() :]
    if not first_chunk:
        # The chapter is not the first child of <main> as it is not in the single pass
        # (selectors like `.book-body > .chapter:first-child` name the body's first page);
        # an element with no box takes that place and makes no page.
        text = '<div style="display:none"></div>' + text
    # The furniture (the draft mark) comes with the skeleton, painted under the chunk.
    return split.head + main_tag + text + split.tail


# --- Rendered chunks and their cache ------------------------------------------------------


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    info: list[dict]
    cached: bool = False
    memory: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0  # wall time of its layout in the render process
    cpu: float = 0.0  # CPU seconds of the render process meanwhile
    skip: int = 0  # leading pages that are not the book's (a part's reopening page)

    @property
    def body_info(self) -> list[dict]:
        return self.info[self.skip :]


_assets_hash: tuple[float, str] | None = None


def _print_assets_hash() -> str:
    global _assets_hash
    root = print_asset_dir()
    stamp = max((p.stat().st_mtime for p in root.rglob("*") if p.is_file()), default=0.0)
    if _assets_hash is None or _assets_hash[0] != stamp:
        digest = hashlib.sha256()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        _assets_hash = (stamp, digest.hexdigest())
    return _assets_hash[1]


def chunk_key(html: str) -> str:
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, RENDER_FUNCTION, _print_assets_hash(), html):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


class ChunkCache:
    def __init__(self, root: Path | None):
        self.root = root
        if root:
            root.mkdir(parents=True, exist_ok=True)

    def get(self, key: str) -> Rendered | None:
        if not self.root:
            return None
        pdf_path, info_path = self.root / f"{key}.pdf", self.root / f"{key}.json"
        try:
            # a file on a shared disk: read with the same guards as outside JSON
            info = loads_json(info_path.read_bytes())
            pdf = pdf_path.read_bytes()
        except (OSError, ValueError):  # loads_json refuses with a ValueError
            return None
        now = time.time()
        for path in (pdf_path, info_path):  # kept while it is used
            os.utime(path, (now, now))
        return Rendered(pdf=pdf, pages=len(info), info=info, cached=True)

    def put(self, key: str, rendered: Rendered) -> None:
        if not self.root:
            return
        for suffix, data in (("pdf", rendered.pdf), ("json", json.dumps(rendered.info).encode())):
            path = self.root / f"{key}.{suffix}"
            temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
            temporary.write_bytes(data)
            temporary.replace(path)

    def timings(self) -> dict[str, float]:
        """Seconds each piece (by its first anchor) took to lay out when last rendered."""
        if not self.root:
            return {}
        try:
            found = loads_json((self.root / "timings.json").read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(found, dict):
            return {}
        return {str(k): float(v) for k, v in found.items() if isinstance(v, int | float)}

    def save_timings(self, timings: dict[str, float]) -> None:
        if not self.root or not timings:
            return
        merged = {**self.timings(), **timings}
        path = self.root / "timings.json"
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_text(json.dumps(merged))
        temporary.replace(path)

    def prune(self) -> None:
        if not self.root:
            return
        cutoff = time.time() - cache_days() * 86400
        for path in self.root.iterdir():
            if path.name == "timings.json":
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue


class Pool:
    """``workers`` render processes, each fed job after job by a thread of ours.

    The processes outlive a ``run``: the skeleton is laid out by one the chunks left warm
    (WeasyPrint imported), and ``start`` may spawn them before the HTML is built, so they
    import WeasyPrint meanwhile. ``close`` ends them (a ``with`` block does)."""

    def __init__(self, *, workers: int, fetch, time_limit: float | None):
        self.workers = workers
        self.fetch = fetch
        self.time_limit = time_limit
        self._ended_memory: list[dict[str, float]] = []
        self.busy: list[float] = []  # seconds each render process spent laying out
        # ...and its CPU seconds, its start (importing WeasyPrint) included
        self.busy_cpu: list[float] = []
        self.layout_cpu: list[float] = []  # ...of which laying out (before any writing)
        self.children: list = []
        self.side = None  # a render process beside the workers (``start_side``)
        self._counted: dict[int, float] = {}  # CPU seconds of a process already reported

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self, count: int | None = None) -> Pool:
        """Spawn render processes up to ``count`` (default: ``workers``)."""
        from exports.render import RenderProcess

        wanted = min(self.workers, count if count is not None else self.workers)
        while len(self.children) < wanted:
            self.children.append(RenderProcess(time_limit=self.time_limit))
        return self

    def close(self) -> None:
        children, self.children = self.children, []
        if self.side is not None:
            children.append(self.side)
            self.side = None
        for child in children:
            if child.memory:
                self._ended_memory.append(dict(child.memory))
            child.close()

    @property
    def memory(self) -> list[dict[str, float]]:
        """Peak address space and RSS (MB) of each process that rendered something."""
        children = [*self.children, *([self.side] if self.side is not None else [])]
        live = [dict(child.memory) for child in children if child.memory]
        return self._ended_memory + live

    def run(
        self,
        jobs: list[tuple],
        weights: dict[int, float] | None = None,
        *,
        laid_out: Callable[[dict[int, tuple[int, list[dict]]]], None] | None = None,
    ) -> dict[int, Rendered]:
        """Render ``(index, html)`` jobs, the heaviest first (by ``weights``, else by
        length): each process takes the next when it is free, so the loads even out.
        Results by index.

        With ``laid_out``, each process lays out its jobs and writes their PDFs after the
        last one; once every job is laid out, ``laid_out`` gets their (pages, info) by
        index, in time to start work that needs them beside the writing (on ``side``)."""
        todo: queue.Queue = queue.Queue()
        weights = weights or {}
        for job in sorted(jobs, key=lambda job: -weights.get(job[0], len(job[1]))):
            todo.put(job)
        results: dict[int, Rendered] = {}
        layouts: dict[int, tuple[int, list[dict]]] = {}
        errors: list[BaseException] = []
        slots = min(self.workers, max(len(jobs), 1))
        self.start(slots)
        lock = threading.Lock()
        laying_out = [slots]

        def charge(child) -> float:
            # CPU seconds since what was reported last: a new process's start counts with
            # its first job
            pid = child.process.pid
            total = process_cpu(pid)
            cpu = max(total - self._counted.get(pid, 0.0), 0.0)
            self._counted[pid] = total
            return cpu

        def work(child):
            busy = busy_cpu = layout_cpu = 0.0
            held: list[tuple[int, float, float]] = []  # (index, seconds, CPU) of layouts
            try:
                while not errors:
                    try:
                        index, html = todo.get_nowait()
                    except queue.Empty:
                        break
                    started = time.perf_counter()
                    if laid_out is None:
                        pdf, pages = child.render(
                            html, fetch=self.fetch, render_function=RENDER_FUNCTION
                        )
                    else:
                        pdf, pages = child.render(
                            html,
                            fetch=self.fetch,
                            render_function=LAYOUT_FUNCTION,
                            options={"hold": str(index)},
                        )
                    seconds, cpu = time.perf_counter() - started, charge(child)
                    busy += seconds
                    busy_cpu += cpu
                    layout_cpu += cpu
                    if laid_out is None:
                        results[index] = Rendered(
                            pdf=pdf, pages=pages, info=child.info or [], seconds=seconds, cpu=cpu
                        )
                        results[index].memory = dict(child.memory)
                    else:
                        layouts[index] = (pages, child.info or [])
                        held.append((index, seconds, cpu))
                if laid_out is not None and not errors:
                    with lock:
                        laying_out[0] -= 1
                        last = laying_out[0] == 0
                    if last:
                        laid_out(dict(layouts))
                for index, laid_seconds, laid_cpu in held:
                    if errors:
                        break
                    started = time.perf_counter()
                    pdf, _ = child.render(
                        "",
                        fetch=self.fetch,
                        render_function=WRITE_FUNCTION,
                        options={"hold": str(index)},
                    )
                    seconds, cpu = time.perf_counter() - started, charge(child)
                    busy += seconds
                    busy_cpu += cpu
                    pages, info = layouts[index]
                    results[index] = Rendered(
                        pdf=pdf,
                        pages=pages,
                        info=info,
                        seconds=laid_seconds + seconds,
                        cpu=laid_cpu + cpu,
                    )
                    results[index].memory = dict(child.memory)
            except BaseException as error:
                errors.append(error)
            finally:
                self.busy.append(busy)
                self.busy_cpu.append(busy_cpu)
                self.layout_cpu.append(layout_cpu)

        threads = [
            threading.Thread(target=work, args=(child,), daemon=True)
            for child in self.children[:slots]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        return results

    def start_side(self) -> None:
        """A process beside the workers, for the skeleton while they write. A render
        process dies with the thread that started it: start it from one that outlives
        its work."""
        from exports.render import RenderProcess

        if self.side is None:
            self.side = RenderProcess(time_limit=self.time_limit)

    def run_side(self, html: str, *, idle: bool = False) -> Rendered:
        """One render beside the workers; ``idle``: they have nothing to do, so one of
        them (warm, perhaps started while the HTML was built) does it."""
        if idle and self.side is None and self.children:
            child = self.children[0]
        else:
            self.start_side()
            child = self.side
        started = time.perf_counter()
        pdf, pages = child.render(html, fetch=self.fetch, render_function=RENDER_FUNCTION)
        seconds = time.perf_counter() - started
        pid = child.process.pid
        total = process_cpu(pid)
        cpu = max(total - self._counted.get(pid, 0.0), 0.0)
        self._counted[pid] = total
        rendered = Rendered(pdf=pdf, pages=pages, info=child.info or [], seconds=seconds, cpu=cpu)
        rendered.memory = dict(child.memory)
        return rendered


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (0 where /proc cannot say)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


# --- The skeleton -------------------------------------------------------------------------


def skeleton_html(split: Split, body_pages: list[dict]) -> str:
    """The front of the book and one empty page per body page, with the body's page
    names, page groups and anchors: what the numbering rules of the stylesheet see."""
    parts: list[str] = []
    open_groups: list[tuple] = []
    seen: set[str] = set()  # a box split over pages names its anchor on each of them
    for page in body_pages:
        groups = [tuple(group) for group in page["kcs_groups"]]
        common = 0
        while (
            common < len(open_groups)
            and common < len(groups)
            and open_groups[common] == groups[common]
        ):
            common += 1
        for _ in range(len(open_groups) - common):
            parts.append("</div>")
        del open_groups[common:]
        for group in groups[common:]:
            name = group[1]
            parts.append(f'<div style="page: {html_lib.escape(str(name))}">')
            open_groups.append(group)
        new = [anchor for anchor in page["anchors"] if anchor not in seen]
        seen.update(new)
        anchors = "".join(f'<span id="{html_lib.escape(a)}"></span>' for a in new)
        parts.append(f'<div class="kcs-skeleton-page">{anchors}</div>')
    parts.extend("</div>" for _ in open_groups)
    # The skeleton's body pages carry no running strings of the front matter: only their
    # bottom margin is used, but the rest would still be there, clipped, for text search.
    strings = ", ".join(f"{name} ''" for name in running_string_names())
    if strings and parts:
        # inside the first body page: on the page before, it would empty that page's header
        first = next(i for i, part in enumerate(parts) if part.startswith('<div class="kcs-'))
        parts[first] = parts[first].replace(
            ">", f'><div style="string-set: {strings}; height: 0"></div>', 1
        )
    front = split.front.replace("</head>", SKELETON_STYLE + "</head>", 1)
    return front + "".join(parts) + split.tail


def running_string_names() -> list[str]:
    names: set[str] = set()
    for path in print_asset_dir().rglob("*.css"):
        for match in re.finditer(r"string-set\s*:\s*([^;}]+)", path.read_text()):
            for pair in match[1].split(","):
                if pair.split():
                    names.add(pair.split()[0])
    return sorted(names)


# --- The merge ----------------------------------------------------------------------------


def _is_internal_link(annotation) -> bool:
    annotation = annotation.get_object()
    if annotation.get("/Subtype") != "/Link":
        return False
    action = annotation.get("/A")
    return "/Dest" in annotation or (
        action is not None and action.get_object().get("/S") == "/GoTo"
    )


@dataclass
class BodyPages:
    """The chunks' pages copied into the merged file: the part of the merge that needs no
    skeleton, done while the skeleton is laid out."""

    writer: object
    pages: list = field(default_factory=list)  # the writer's body pages, in order
    infos: list[dict] = field(default_factory=list)


def merge_body(chunks: list[Rendered]) -> BodyPages:
    from pypdf import PdfReader, PdfWriter

    body = BodyPages(writer=PdfWriter())
    for chunk in chunks:
        reader = PdfReader(io.BytesIO(chunk.pdf))
        for index, page in enumerate(reader.pages):
            if index < chunk.skip:
                continue
            body.pages.append(body.writer.add_page(page))
            body.infos.append(chunk.info[index])
    return body


def merge(
    *,
    skeleton: Rendered,
    front_pages: int,
    chunks: list[Rendered],
    metadata_from: bytes,
    created: str | None = None,
    body: BodyPages | None = None,
) -> bytes:
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
    )

    body = body or merge_body(chunks)
    writer = body.writer
    skeleton_reader = PdfReader(io.BytesIO(skeleton.pdf))
    for index in range(front_pages):
        writer.insert_page(skeleton_reader.pages[index], index)
    infos = skeleton.info[:front_pages] + body.infos
    for number, target in enumerate(body.pages, start=front_pages):
        _stamp_footer(
            writer,
            target,
            skeleton_reader.pages[number],
            skeleton.info[number],
            classes=(ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject),
        )

    anchors: dict[str, tuple[int, float, float]] = {}
    for number, info in enumerate(infos):
        for name, (x, y) in info["anchors"].items():
            anchors.setdefault(name, (number, x, y))
    pages = writer.pages
    for page, info in zip(pages, infos, strict=True):
        kept = [a for a in (page.get("/Annots") or []) if not _is_internal_link(a)]
        height = info["height"] * PX
        for target, x1, y1, x2, y2 in info["links"]:
            if target not in anchors:
                continue
            to_page, x, y = anchors[target]
            to_height = infos[to_page]["height"] * PX
            link = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): ArrayObject(
                        FloatObject(round(v, 3))
                        for v in (x1 * PX, height - y2 * PX, x2 * PX, height - y1 * PX)
                    ),
                    NameObject("/BS"): DictionaryObject({NameObject("/W"): NumberObject(0)}),
                    NameObject("/Dest"): ArrayObject(
                        [
                            pages[to_page].indirect_reference,
                            NameObject("/XYZ"),
                            FloatObject(round(x * PX, 3)),
                            FloatObject(round(to_height - y * PX, 3)),
                            NumberObject(0),
                        ]
                    ),
                }
            )
            kept.append(writer._add_object(link))
        if kept:
            page[NameObject("/Annots")] = ArrayObject(kept)
        elif "/Annots" in page:
            del page["/Annots"]

    _outline(writer, infos)
    share_fonts(writer)
    # what is left identical (the skeleton's footer resources, images) once, and the
    # replaced font files out
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    source = PdfReader(io.BytesIO(metadata_from))
    metadata = {k: v for k, v in (source.metadata or {}).items() if isinstance(k, str)}
    if created:
        metadata["/CreationDate"] = _pdf_date(created)
    if metadata:
        writer.add_metadata(metadata)
    language = source.trailer["/Root"].get("/Lang")
    if language is not None:
        writer._root_object[NameObject("/Lang")] = language
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_date(iso: str) -> str:
    """2026-12-03T15:29:40+07:00 -> D:20261203152940+07'00' (as WeasyPrint writes it)."""
    from datetime import datetime

    moment = datetime.fromisoformat(iso)
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


def _stamp_footer(writer, target, skeleton_page, info, *, classes) -> None:
    """Paint the skeleton page (its footer, the draft mark; its running strings are empty)
    under a chunk page, as a form XObject: no content stream is parsed. Under, because
    that is where the draft mark sits in the single pass (z-index -1)."""
    ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject = classes
    from pypdf.generic import NameObject

    height = info["height"] * PX
    width = info["width"] * PX
    form = DecodedStreamObject()
    form.set_data(skeleton_page.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]
            ),
            NameObject("/Resources"): skeleton_page["/Resources"].clone(writer),
        }
    )
    form_ref = writer._add_object(form.flate_encode())
    resources = DictionaryObject(target["/Resources"].get_object())
    xobjects = DictionaryObject((resources.get("/XObject") or DictionaryObject()).get_object())
    xobjects[NameObject("/KcsFooter")] = form_ref
    resources[NameObject("/XObject")] = xobjects
    target[NameObject("/Resources")] = resources
    contents = target.get("/Contents")
    streams = list(contents.get_object()) if isinstance(contents.get_object(), list) else []
    if not streams:
        streams = [contents]
    opening, closing = DecodedStreamObject(), DecodedStreamObject()
    opening.set_data(b"q /KcsFooter Do Q\nq\n")
    closing.set_data(b"\nQ\n")
    target[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(opening), *streams, writer._add_object(closing)]
    )


def _font_descriptors(writer) -> list:
    """Every font descriptor the pages use, through their forms (footers, charts) too."""
    found: dict[int, object] = {}
    visited: set[int] = set()

    def scan(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and descriptor.indirect_reference is not None:
                    found[descriptor.indirect_reference.idnum] = descriptor.get_object()
        for xobject in (resources.get("/XObject") or {}).values():
            reference = getattr(xobject, "idnum", None)
            if reference in visited:
                continue
            visited.add(reference)
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                scan(xobject.get("/Resources"))

    for page in writer.pages:
        scan(page.get("/Resources"))
    return list(found.values())


def share_fonts(writer) -> None:
    """One font file per typeface instead of one per chunk.

    Each chunk (and the skeleton) embeds its own subset of each typeface. WeasyPrint
    subsets with HarfBuzz keeping the glyph ids of the original font, so the subsets of a
    typeface differ only in which glyphs they carry: their union, one TrueType file,
    serves every chunk's font dictionary (widths and ToUnicode stay each chunk's own).
    """
    from pypdf.generic import NameObject, NumberObject, StreamObject

    groups: dict[str, dict[int, list]] = {}  # typeface -> font file -> its descriptors
    for descriptor in _font_descriptors(writer):
        reference = descriptor.raw_get("/FontFile2") if "/FontFile2" in descriptor else None
        if reference is None or not hasattr(reference, "idnum"):
            continue  # only embedded TrueType outlines (what WeasyPrint embeds for ours)
        name = str(descriptor.get("/FontName", "")).split("+", 1)[-1]
        groups.setdefault(name, {}).setdefault(reference.idnum, []).append(descriptor)
    for name, files in groups.items():
        if len(files) < 2:
            continue
        datas = [found[0]["/FontFile2"].get_data() for found in files.values()]
        try:
            data = union_font(datas)
        except Exception:  # a font we cannot read stays as it is, one file per chunk
            logger.warning("could not join the font subsets of %s", name, exc_info=True)
            continue
        union = StreamObject()
        union.set_data(data)
        union[NameObject("/Length1")] = NumberObject(len(data))
        reference = writer._add_object(union.flate_encode())
        for descriptors in files.values():
            for descriptor in descriptors:
                descriptor[NameObject("/FontFile2")] = reference


def union_font(files: list[bytes]) -> bytes:
    """One TrueType font with the glyphs of all these subsets of it (same glyph ids)."""
    from fontTools.ttLib import TTFont

    fonts = [TTFont(io.BytesIO(data)) for data in files]
    base = max(fonts, key=lambda font: font["maxp"].numGlyphs)
    order = base.getGlyphOrder()
    glyphs = base["glyf"].glyphs
    metrics = base["hmtx"].metrics
    for other in fonts:
        if other is base:
            continue
        other_glyphs = other["glyf"].glyphs  # raw: composites keep their glyph ids
        other_metrics = other["hmtx"].metrics
        for gid, name in enumerate(other.getGlyphOrder()):
            glyph = other_glyphs[name]
            if not _drawn(glyph) or _drawn(glyphs[order[gid]]):
                continue
            glyphs[order[gid]] = glyph
            metrics[order[gid]] = other_metrics[name]
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


def _drawn(glyph) -> bool:
    """Whether a glyph (raw, as read, or expanded) has an outline: the subset left the
    glyphs it does not carry empty."""
    return bool(getattr(glyph, "data", b"")) or getattr(glyph, "numberOfContours", 0) != 0


def _outline(writer, infos: list[dict]) -> None:
    from pypdf.generic import Fit

    stack: list[tuple[int, object]] = []
    for number, info in enumerate(infos):
        height = info["height"] * PX
        for level, label, (x, y) in info["bookmarks"]:
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            item = writer.add_outline_item(
                title=label,
                page_number=number,
                parent=parent,
                fit=Fit.xyz(left=round(x * PX, 3), top=round(height - y * PX, 3), zoom=0),
            )
            stack.append((level, item))


# --- The whole -----------------------------------------------------------------------------


@dataclass
class ChunkedResult:
    pdf: bytes
    pages: int
    chunks: int
    rendered: int  # chunks laid out now, the others came from the cache
    memory: list[dict[str, float]]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    skeleton_cached: bool = False
    # seconds each render process spent laying out chunks: with the skeleton and the
    # merge, the longest is what an otherwise idle machine would wait
    busy: list[float] = field(default_factory=list)
    busy_cpu: list[float] = field(default_factory=list)
    chunk_seconds: list[float] = field(default_factory=list)
    # ...of which laying out: the skeleton starts when every chunk is laid out, beside
    # the writing of their PDFs
    layout_cpu: list[float] = field(default_factory=list)
    # CPU seconds of the skeleton's layout and of the merge after it
    serial_cpu: dict[str, float] = field(default_factory=dict)
    # CPU seconds of this process's work between the chunks and the skeleton's end
    beside_skeleton_cpu: dict[str, float] = field(default_factory=dict)

    @property
    def critical_path(self) -> float:
        """CPU seconds on the longest chain: the slowest layout of the chunks, then the
        skeleton or (if longer) the chunks' writing and the copying of their pages, then
        the rest of the merge: the wall time on a machine with a free core per process."""
        layout = max(self.layout_cpu, default=0.0)
        writing = max(
            (busy - laid for busy, laid in zip(self.busy_cpu, self.layout_cpu, strict=False)),
            default=0.0,
        )
        beside = writing + sum(self.beside_skeleton_cpu.values())
        skeleton = max(self.serial_cpu.get("skeleton", 0.0), beside)
        rest = sum(v for k, v in self.serial_cpu.items() if k != "skeleton")
        return layout + skeleton + rest


class ChunkingImpossible(Exception):
    """The document cannot be cut, or the skeleton disagrees with the chunks."""


def render_chunked(
    html: str,
    *,
    fetch,
    time_limit: float | None = None,
    workers: int | None = None,
    cache: ChunkCache | None = None,
    pool: Pool | None = None,
) -> ChunkedResult:
    """The book laid out in chunks. ``pool``: render processes started beforehand (while
    the HTML was built), ended by whoever started them; else ours, ended here."""
    if pool is None:
        with Pool(workers=workers or render_workers(), fetch=fetch, time_limit=time_limit) as own:
            return render_chunked(html, fetch=fetch, cache=cache, pool=own)
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    workers = pool.workers
    split = split_document(html, parts=workers)
    if split is None:
        raise ChunkingImpossible("no chapter to cut at")
    cache = cache if cache is not None else ChunkCache(cache_dir())
    main_tag = _MAIN_OPEN.search(html)[0]
    pieces = split.pieces
    htmls = [
        chunk_html(split, piece, main_tag, first_chunk=index == 0)
        for index, piece in enumerate(pieces)
    ]
    keys = [chunk_key(text) for text in htmls]
    chunks: dict[int, Rendered] = {}
    jobs = []
    for index, (text, key) in enumerate(zip(htmls, keys, strict=True)):
        found = cache.get(key)
        if found:
            chunks[index] = found
        else:
            jobs.append((index, text))
    # The creation time is set on the merged file instead: with it the skeleton would be
    # new to the cache on every export.
    created = _CREATED.search(split.front)
    skeleton_job: dict = {}

    def lay_out_skeleton(layouts: dict[int, tuple[int, list[dict]]], idle: bool = False) -> None:
        """Once every chunk is laid out: the skeleton, beside the writing of the chunks."""
        infos = [layouts[i][1] if i in layouts else chunks[i].info for i in range(len(htmls))]
        body_pages = _body_pages(pieces, infos)
        text = _CREATED.sub("", skeleton_html(split, body_pages))
        key = chunk_key(text)
        skeleton_job.update(body_pages=body_pages, key=key, skeleton=cache.get(key))
        if skeleton_job["skeleton"] is None:
            thread = threading.Thread(
                target=_run_side, args=(pool, text, skeleton_job, idle), daemon=True
            )
            skeleton_job["thread"] = thread
            thread.start()

    if len(jobs) > 1:
        pool.start_side()  # (else the skeleton's thread starts it when it is needed)
    if jobs:
        try:
            fresh = pool.run(
                jobs,
                weights=_job_weights(pieces, [i for i, _ in jobs], cache),
                laid_out=lay_out_skeleton,
            )
        finally:
            if "thread" in skeleton_job:
                skeleton_job["thread"].join()
        for index, rendered in fresh.items():
            cache.put(keys[index], rendered)
        cache.save_timings({pieces[i].anchor: fresh[i].seconds for i in fresh})
        chunks.update(fresh)
    else:
        lay_out_skeleton({}, idle=True)
    ordered = [chunks[index] for index in range(len(htmls))]
    for piece, chunk in zip(pieces, ordered, strict=True):
        chunk.skip = 1 if piece.continued else 0
    busy, busy_cpu, layout_cpu = list(pool.busy), list(pool.busy_cpu), list(pool.layout_cpu)
    lap("chunks")

    body_cpu = time.process_time()
    body = merge_body(ordered)
    body_cpu = time.process_time() - body_cpu
    if "thread" in skeleton_job:
        skeleton_job["thread"].join()
    if "error" in skeleton_job:
        raise skeleton_job["error"]
    skeleton = skeleton_job["skeleton"]
    skeleton_cached = "thread" not in skeleton_job
    if not skeleton_cached:
        cache.put(skeleton_job["key"], skeleton)
    body_pages = skeleton_job["body_pages"]
    lap("skeleton")
    merge_cpu = time.process_time()
    front_pages = skeleton.pages - len(body_pages)
    if front_pages < 0:
        raise ChunkingImpossible("the skeleton has fewer pages than the chunks")
    placed: set[str] = set()
    for info, page in zip(skeleton.info[front_pages:], body_pages, strict=True):
        expected = set(page["anchors"]) - placed
        placed.update(expected)
        if expected - set(info["anchors"]):
            raise ChunkingImpossible("the skeleton's pages do not line up with the chunks")
    pdf = merge(
        skeleton=skeleton,
        front_pages=front_pages,
        chunks=ordered,
        metadata_from=skeleton.pdf,
        created=created[1] if created else None,
        body=body,
    )
    cache.prune()
    lap("merge")
    serial_cpu = {"skeleton": skeleton.cpu, "merge": time.process_time() - merge_cpu}
    return ChunkedResult(
        pdf=pdf,
        pages=skeleton.pages,
        chunks=len(htmls),
        rendered=len(jobs),
        memory=pool.memory,
        timings=timings,
        skeleton_cached=skeleton_cached,
        busy=busy,
        busy_cpu=busy_cpu,
        layout_cpu=layout_cpu,
        serial_cpu=serial_cpu,
        beside_skeleton_cpu={"merge of the chunks": body_cpu},
        chunk_seconds=[chunk.seconds for chunk in ordered if not chunk.cached],
    )


def _run_side(pool: Pool, html: str, out: dict, idle: bool) -> None:
    try:
        out["skeleton"] = pool.run_side(html, idle=idle)
    except BaseException as error:
        out["error"] = error


def _body_pages(pieces: list[Piece], infos: list[list[dict]]) -> list[dict]:
    """Anchors and page groups of each body page, from the chunks' page infos."""
    body_pages = []
    started = 0
    current: list[list] = []
    for piece, info_list in zip(pieces, infos, strict=True):
        if not piece.continued:
            current = []
        for info in info_list[1 if piece.continued else 0 :]:
            # WeasyPrint names each page's groups (name, page index in the group): a group
            # (one element with that page name) starts where the index is 0.
            groups = []
            for depth, (name, index) in enumerate(info["groups"]):
                same = depth < len(current) and current[depth][1] == name and index > 0
                if not same:
                    started += 1
                groups.append([current[depth][0] if same else started, name])
            current = groups
            body_pages.append({"anchors": list(info["anchors"]), "kcs_groups": groups})
    return body_pages


def _job_weights(pieces: list[Piece], indexes: list[int], cache: ChunkCache) -> dict[int, float]:
    """Expected seconds per job: the piece's time in the previous export when there was
    one (a piece is named by its first anchor), else its estimated weight at the rate the
    known pieces took."""
    known = cache.timings()
    timed = [(known[p.anchor], p.weight) for p in pieces if p.anchor in known and p.weight]
    rate = sum(t for t, _ in timed) / sum(w for _, w in timed) if timed else 1.0
    return {
        index: known.get(pieces[index].anchor, pieces[index].weight * rate) for index in indexes
    }
