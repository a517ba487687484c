"""Benchmark of the PDF export (not part of the test run).

Renders each book of the ``seed_demo --size large`` plan and prints pages, seconds,
pages/s, peak RSS, and our total time ÷ WeasyPrint's time on the same final HTML
(our overhead: queries, charts, templates, fetcher). Each measurement runs in a fresh
process with WeasyPrint already imported, as in a warm Celery worker, so peak RSS is
per book. Last, the cached re-export of an unchanged book.

Wall-clock seconds swing with whatever else the machine runs; the CPU seconds of the
rendering process (user + system) do much less, so the overhead is given both ways
("overhead" on wall clock, "CPU ovh" on CPU time) and pages per CPU second too.

    .venv/bin/python manage.py seed_demo --size large
    .venv/bin/python bench/export.py [--region kota-besar] [--books 1 2 3 4] [--repeat 3]

``--chunks`` compares, side by side for one book (default Buku 2): the single pass, the
chunked render with an empty chunk cache, the chunked render after a one-chapter change
(the cache warm from the previous run), and WeasyPrint alone on the same HTML; wall and
CPU seconds, each relative to the single pass, and the peak RSS of any one process.

    .venv/bin/python bench/export.py --chunks [--book 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masterplan.settings")


def peak_rss_mb() -> float:
    """Peak RSS of this process, or of a child it waited for if that was larger."""
    return (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )


def cpu_seconds() -> float:
    """User + system CPU time of this process and of the children it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child_ours(book_id: int, html_out: str, pdf_out: str) -> dict:
    import django

    django.setup()
    import weasyprint  # noqa: F401  (a warm worker has it imported)
    from django.template import engines

    # ...and its template engine built (0.6 s, mostly importing every app's template
    # tag libraries), as the WeasyPrint-alone run never pays that either.
    engines.all()

    from exports.render import render_book
    from masterplan.models import Book

    book = Book.objects.select_related("plan").get(pk=book_id)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    result = render_book(book, time_limit=0)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    Path(html_out).write_text(result.html)
    Path(pdf_out).write_bytes(result.pdf)
    return {
        "pages": result.pages,
        "seconds": seconds,
        "cpu": cpu,
        "rss": peak_rss_mb(),
        "bytes": len(result.pdf),
    }


def child_weasyprint(plan_id: int, html_path: str) -> dict:
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    from exports.assets import BASE_URL, plan_media_keys
    from exports.fetcher import PrintURLFetcher
    from masterplan.models import Plan

    html = Path(html_path).read_text()
    fetcher = PrintURLFetcher(media_keys=plan_media_keys(Plan.objects.get(pk=plan_id)))
    started, cpu_started = time.perf_counter(), cpu_seconds()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        optimize_images=True, jpeg_quality=80, dpi=150
    )
    document.write_pdf()
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    return {"pages": len(document.pages), "seconds": seconds, "cpu": cpu, "rss": peak_rss_mb()}


def child_chunks(mode: str, book_id: int, cache: str, html_out: str) -> dict:
    """One export the way the worker does it (HTML from the database, then layout)."""
    import django

    django.setup()
    import weasyprint  # noqa: F401
    from django.conf import settings
    from django.template import engines

    engines.all()
    settings.EXPORT_CHUNK_CACHE = cache
    from exports.chunks import Pool, render_chunked, render_workers
    from exports.render import _build, _plan_fetcher, render_book
    from masterplan.models import Book

    book = Book.objects.select_related("plan").get(pk=book_id)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    extra = {}
    if mode == "single":
        result = render_book(book, chunked=False, time_limit=3600)
        pages, size = result.pages, len(result.pdf)
        Path(html_out).write_text(result.html)
    else:
        # as render_book does: a render process starts while the HTML is built
        fetch = _plan_fetcher(book.plan).fetch
        with Pool(workers=render_workers(), fetch=fetch, time_limit=3600) as pool:
            pool.start(1)
            html = _build(book, final=False)[0]
            if mode == "changed":
                html = one_chapter_changed(html)
            chunked = render_chunked(html, fetch=fetch, pool=pool)
        pages, size = chunked.pages, len(chunked.pdf)
        extra = {
            "chunks": chunked.chunks,
            "rendered": chunked.rendered,
            "timings": chunked.timings,
            "child_rss": max((m.get("VmHWM", 0) for m in chunked.memory), default=0),
            "busy_cpu": chunked.busy_cpu,
            "layout_cpu": chunked.layout_cpu,
            "serial_cpu": chunked.serial_cpu,
            "beside_skeleton_cpu": chunked.beside_skeleton_cpu,
            "critical": chunked.critical_path,
            "chunk_seconds": chunked.chunk_seconds,
        }
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    return {
        "pages": pages,
        "seconds": seconds,
        "cpu": cpu,
        "rss": peak_rss_mb(),
        "bytes": size,
        **extra,
    }


def one_chapter_changed(html: str) -> str:
    """The document with one sentence added to its middle chapter."""
    marker = '<section class="section level-1'
    starts = [i for i in range(len(html)) if html.startswith(marker, i)]
    middle = starts[len(starts) // 2]
    cut = html.index("<p>", middle)
    return html[:cut] + "<p>Kalimat baru untuk uji ekspor ulang.</p>" + html[cut:]


def chunks_table(book) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-chunks-"))
    cache, html = str(workdir / "cache"), str(workdir / "book.html")
    load_before = os.getloadavg()
    rows = [
        ("single pass", run_child("chunks", "single", str(book.pk), cache, html)),
        ("chunked, empty cache", run_child("chunks", "chunked", str(book.pk), cache, html)),
        ("chunked, 1 chapter changed", run_child("chunks", "changed", str(book.pk), cache, html)),
        ("WeasyPrint alone", run_child("weasyprint", str(book.plan_id), html)),
    ]
    single = rows[0][1]
    print(f"Buku {book.number} of {book.plan.region.name}: {single['pages']} pages")
    header = (
        f"{'':<28}{'wall s':>8}{'× single':>10}{'CPU s':>8}{'× single':>10}{'RSS MB':>8}"
        f"{'chunks':>9}{'PDF kB':>8}"
    )
    print(header)
    print("-" * len(header))
    for label, row in rows:
        chunks = f"{row['rendered']}/{row['chunks']}" if "chunks" in row else ""
        rss = max(row["rss"], row.get("child_rss", 0))
        size = f"{row['bytes'] / 1024:.0f}" if "bytes" in row else ""
        print(
            f"{label:<28}{row['seconds']:>8.1f}{row['seconds'] / single['seconds']:>10.2f}"
            f"{row['cpu']:>8.1f}{row['cpu'] / single['cpu']:>10.2f}{rss:>8.0f}"
            f"{chunks:>9}{size:>8}"
        )
    for label, row in rows[1:3]:
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in row["timings"].items())
        print(f"  {label}: {stages}")
        # On a loaded machine the render processes wait for a core: their CPU seconds say
        # what an idle one would take, the busiest process plus the serial skeleton and merge.
        busy = " + ".join(f"{cpu:.1f}" for cpu in row["busy_cpu"]) or "0"
        if row.get("layout_cpu"):
            laid = " + ".join(f"{cpu:.1f}" for cpu in row["layout_cpu"])
            busy += f" (laying out {laid})"
        serial = ", ".join(f"{k} {v:.1f}" for k, v in row["serial_cpu"].items())
        beside = ", ".join(f"{k} {v:.1f}" for k, v in row.get("beside_skeleton_cpu", {}).items())
        if beside:
            serial += f" (beside the skeleton, after the chunks' writing: {beside})"
        print(
            f"    CPU s per render process {busy}; then: {serial}; critical path "
            f"{row['critical']:.1f} CPU s = {row['critical'] / single['cpu']:.2f} × single-pass CPU"
        )
    load_after = os.getloadavg()
    print(
        "load average (1/5/15 min) before "
        + "/".join(f"{x:.2f}" for x in load_before)
        + ", after "
        + "/".join(f"{x:.2f}" for x in load_after)
        + f" on {os.cpu_count()} cores"
    )


def run_child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "LOG_LEVEL": "WARNING"},
    )
    if done.returncode:
        sys.exit(f"bench child {args} failed:\n{done.stderr[-3000:]}")
    output = done.stdout
    return json.loads(output.strip().splitlines()[-1])


def fastest(runs: list[dict]) -> dict:
    """The least disturbed of several runs: lowest times, highest peak RSS."""
    best = dict(runs[0])
    for key in ("seconds", "cpu"):
        best[key] = min(run[key] for run in runs)
    best["rss"] = max(run["rss"] for run in runs)
    return best


def cached_reexport(book, pdf_path: str) -> float:
    """Seconds for a re-export of an unchanged book: hash, look-up, new history row."""
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from exports.models import ExportJob
    from exports.services import book_content_hash, export_request

    settings.EXPORT_ROOT = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    final = book.is_locked()
    job = ExportJob.objects.create(
        book=book,
        final=final,
        state=ExportJob.State.DONE,
        stage=ExportJob.Stage.DONE,
        content_hash=book_content_hash(book, final=final),
        finished_at=timezone.now(),
    )
    job.file.save("bench.pdf", ContentFile(Path(pdf_path).read_bytes()))
    started = time.perf_counter()
    again = export_request(book=book, by=None)
    seconds = time.perf_counter() - started
    assert again.reused_from_id == job.pk, "the re-export did not hit the cache"
    ExportJob.objects.filter(pk__in=[job.pk, again.pk]).delete()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="kota-besar")
    parser.add_argument("--books", type=int, nargs="*", default=[1, 2, 3, 4])
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure each book N times, ours and WeasyPrint alternating, and keep the "
        "fastest run of each (the least disturbed by other load) and the highest RSS",
    )
    parser.add_argument("--chunks", action="store_true", help="chunked vs single pass")
    parser.add_argument("--book", type=int, default=2, help="the book --chunks measures")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, *rest = args.child
        if kind == "ours":
            result = child_ours(int(rest[0]), rest[1], rest[2])
        elif kind == "chunks":
            result = child_chunks(rest[0], int(rest[1]), rest[2], rest[3])
        else:
            result = child_weasyprint(int(rest[0]), rest[1])
        print(json.dumps(result))
        return

    import django

    django.setup()
    from masterplan.models import Book

    books = list(
        Book.objects.select_related("plan__region")
        .filter(plan__region__slug=args.region, number__in=args.books)
        .order_by("number")
    )
    if not books:
        sys.exit(f"No books for region {args.region!r}: run `manage.py seed_demo --size large`.")
    if args.chunks:
        chosen = [book for book in books if book.number == args.book]
        if not chosen:
            sys.exit(f"No book {args.book} for region {args.region!r}.")
        chunks_table(chosen[0])
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench-export-"))
    print(f"{books[0].plan.region.name}: {books[0].plan.programmes.count()} programmes")
    header = (
        f"{'book':<7}{'pages':>6}{'ours s':>9}{'pages/s':>9}{'RSS MB':>8}"
        f"{'WP s':>8}{'WP p/s':>8}{'WP RSS':>8}{'overhead':>10}{'PDF kB':>9}"
        f"{'CPU s':>8}{'p/CPU s':>9}{'WP CPU':>8}{'CPU ovh':>9}"
    )
    print(header)
    print("-" * len(header))
    cached = None
    for book in books:
        html, pdf = workdir / f"buku-{book.number}.html", workdir / f"buku-{book.number}.pdf"
        runs = []
        for _ in range(max(args.repeat, 1)):
            runs.append(
                (
                    run_child("ours", str(book.pk), str(html), str(pdf)),
                    run_child("weasyprint", str(book.plan_id), str(html)),
                )
            )
        ours, weasy = (fastest([run[i] for run in runs]) for i in (0, 1))
        print(
            f"Buku {book.number:<2}{ours['pages']:>6}{ours['seconds']:>9.1f}"
            f"{ours['pages'] / ours['seconds']:>9.1f}{ours['rss']:>8.0f}"
            f"{weasy['seconds']:>8.1f}{weasy['pages'] / weasy['seconds']:>8.1f}"
            f"{weasy['rss']:>8.0f}{ours['seconds'] / weasy['seconds']:>10.2f}"
            f"{ours['bytes'] / 1024:>9.0f}"
            f"{ours['cpu']:>8.1f}{ours['pages'] / ours['cpu']:>9.1f}"
            f"{weasy['cpu']:>8.1f}{ours['cpu'] / weasy['cpu']:>9.2f}",
            flush=True,
        )
        if book.number == 2:
            cached = cached_reexport(book, str(pdf))
    if cached is not None:
        print(f"\ncached re-export of Buku 2 (unchanged): {cached:.3f} s")


if __name__ == "__main__":
    main()
