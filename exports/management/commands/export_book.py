from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from exports.combined import plan_complete_pdf
from exports.docx_book import book_docx
from exports.render import render_book
from exports.services import ExportRefused, blocking_findings, book_checks
from masterplan.models import Book


class Command(BaseCommand):
    help = (
        "Render one book of a region's plan to a PDF (or Word) file, or all four books as one "
        "PDF (batch work; runs in this process). "
        "Examples: export_book pekalongan 2 --out Buku-2.pdf; "
        "export_book pekalongan 2 --format docx --out Buku-2.docx; "
        "export_book pekalongan all --out Masterplan.pdf; the changes since edition 1: "
        "export_book pekalongan 2 --redline-from 1 --out Redline-Buku-2.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("region", help="Region slug, e.g. pekalongan")
        parser.add_argument("book", help="Book number, e.g. 2, or 'all' for the four in one PDF")
        parser.add_argument("--out", required=True, help="PDF file to write")
        parser.add_argument("--cohort", type=int, help="Cohort year when the region has several")
        parser.add_argument(
            "--redline-from",
            type=int,
            metavar="EDITION",
            help="Write the redline from this edition instead of the book: inserted and "
            "deleted words, changed table cells, programmes added/removed/renumbered.",
        )
        parser.add_argument(
            "--redline-to",
            type=int,
            metavar="EDITION",
            help="With --redline-from: the newer edition (default: the book as it is now).",
        )
        parser.add_argument(
            "--final",
            action="store_true",
            help="Render without the DRAF mark. Runs the plan checks and refuses on errors; "
            "it does not change the book's status (freeze it from the portal).",
        )
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        layout = parser.add_mutually_exclusive_group()
        layout.add_argument(
            "--single-pass",
            action="store_true",
            help="Lay the book out in one WeasyPrint pass (the path before chunked rendering).",
        )
        layout.add_argument(
            "--chunked",
            action="store_true",
            help="Lay the chapters out in parallel and merge (default for books of "
            "EXPORT_CHUNKED_MIN_PAGES pages or more by their last export).",
        )

    def handle(
        self,
        *args,
        region: str,
        book: str,
        out: str,
        cohort=None,
        final=False,
        redline_from=None,
        redline_to=None,
        **opts,
    ):
        every = book == "all"
        if not every and not book.isdigit():
            raise CommandError("BOOK is a book number or 'all'.")
        if every and opts["format"] != "pdf":
            raise CommandError("The four books come together as PDF only.")
        books = Book.objects.select_related("plan__region", "plan__cohort").filter(
            plan__region__slug=region
        )
        if not every:
            books = books.filter(number=int(book))
        if cohort:
            books = books.filter(plan__cohort__year=cohort)
        books = list(books.order_by("-plan__cohort__year", "number"))
        if not books:
            raise CommandError(f"No book {book} for region {region!r}.")
        if len({b.plan_id for b in books}) > 1 and not cohort:
            raise CommandError("The region has plans in several cohorts: pass --cohort YEAR.")
        if final:
            for target in books:
                errors = blocking_findings(book_checks(target))
                if errors:
                    for finding in errors:
                        self.stderr.write(f"error: {getattr(finding, 'message', finding)}")
                    raise CommandError(str(ExportRefused("The checks found errors.", errors)))
        chunked = True if opts["chunked"] else False if opts["single_pass"] else None
        started = time.perf_counter()
        if redline_to is not None and redline_from is None:
            raise CommandError("--redline-to needs --redline-from.")
        if redline_from is not None:
            if every:
                raise CommandError("A redline is of one book.")
            redline = import_string(settings.EXPORT_REDLINE)
            try:
                result = redline(books[0], older=redline_from, newer=redline_to)
            except LookupError as missing:
                raise CommandError(str(missing)) from missing
            data, pages = result.pdf, result.pages
        elif every:
            data, pages = plan_complete_pdf(books[0].plan, final=final, chunked=chunked)
        elif opts["format"] == "docx":
            data, pages = book_docx(books[0], final=final), None
        else:
            result = render_book(books[0], final=final, chunked=chunked)
            data, pages = result.pdf, result.pages
        path = Path(out)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        temporary.replace(path)  # never leave a half-written file under the real name
        seconds = time.perf_counter() - started
        if pages:
            self.stdout.write(
                f"{path}: {pages} pages, {len(data):,} bytes, {seconds:.1f} s "
                f"({pages / seconds:.1f} pages/s)"
            )
        else:
            self.stdout.write(f"{path}: {len(data):,} bytes, {seconds:.1f} s")
