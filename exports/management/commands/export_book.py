from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from exports.render import render_book
from exports.services import ExportRefused, blocking_findings, book_checks
from masterplan.models import Book


class Command(BaseCommand):
    help = (
        "Render one book of a region's plan to a PDF file (batch work; runs in this process). "
        "Example: export_book pekalongan 2 --out Buku-2.pdf; the changes since edition 1: "
        "export_book pekalongan 2 --redline-from 1 --out Redline-Buku-2.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("region", help="Region slug, e.g. pekalongan")
        parser.add_argument("book", type=int, help="Book number, e.g. 2")
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

    def handle(
        self,
        *args,
        region: str,
        book: int,
        out: str,
        cohort=None,
        final=False,
        redline_from=None,
        redline_to=None,
        **opts,
    ):
        books = Book.objects.select_related("plan__region", "plan__cohort").filter(
            plan__region__slug=region, number=book
        )
        if cohort:
            books = books.filter(plan__cohort__year=cohort)
        books = list(books.order_by("-plan__cohort__year")[:2])
        if not books:
            raise CommandError(f"No book {book} for region {region!r}.")
        if len(books) > 1 and not cohort:
            raise CommandError("The region has plans in several cohorts: pass --cohort YEAR.")
        target = books[0]
        if final:
            errors = blocking_findings(book_checks(target))
            if errors:
                for finding in errors:
                    self.stderr.write(f"error: {getattr(finding, 'message', finding)}")
                raise CommandError(str(ExportRefused("The checks found errors.", errors)))
        started = time.perf_counter()
        if redline_from is not None:
            redline = import_string(settings.EXPORT_REDLINE)
            try:
                result = redline(target, older=redline_from, newer=redline_to)
            except LookupError as missing:
                raise CommandError(str(missing)) from missing
        elif redline_to is not None:
            raise CommandError("--redline-to needs --redline-from.")
        else:
            result = render_book(target, final=final)
        path = Path(out)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(result.pdf)
        temporary.replace(path)  # never leave a half-written PDF under the real name
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{path}: {result.pages} pages, {len(result.pdf):,} bytes, {seconds:.1f} s "
            f"({result.pages / seconds:.1f} pages/s)"
        )
