"""The ministry's view of a cohort: every region's plan in one table.

All rows come from a fixed number of queries (plans with their books and last
activity, their content versions, then from the cache per plan version: the checks'
counts and the books' progress, computed in bulk for the plans written since), so the
page costs the same number of queries for the 10 regions of a cohort as for 100.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from checks.cache import TIMEOUT, cached_book_progress, cached_finding_counts
from checks.tables import DATETIME, NUMBER, PERCENT, Column, Row, Table
from masterplan.models import AuditEvent, BimtekStage, Book, Cohort, Plan
from masterplan.plan_versions import plan_versions


@dataclass
class BookCell:
    """What a row shows of a book, read as plain values (four hundred books per view)."""

    pk: int
    number: int
    status: str
    required_sections: int = 0
    written_sections: int = 0

    progress = Book.progress  # the share of required sections written, as on a Book

    def get_status_display(self) -> str:
        return str(Book.Status(self.status).label)


@dataclass(frozen=True)
class RegionCell:
    name: str
    province: str


@dataclass(frozen=True)
class PlanCell:
    """What a row shows of a plan, read as plain values (a hundred plans per view: model
    instances with their regions were the largest part of the page's own time)."""

    pk: int
    region: RegionCell
    start_year: int
    end_year: int
    last_activity: datetime | None

    period = Plan.period


@dataclass
class CohortRow:
    plan: PlanCell
    books: dict[int, BookCell]
    book_cells: list[BookCell | None]  # in the order of the dashboard's book numbers
    errors: int
    warnings: int
    stage_progress: int | None  # mean progress of the books the current stage expects

    @property
    def region(self):
        return self.plan.region

    @property
    def last_activity(self) -> datetime | None:
        return self.plan.last_activity

    def book(self, number: int) -> BookCell | None:
        return self.books.get(number)


@dataclass
class CohortDashboard:
    cohort: Cohort
    stage: BimtekStage | None
    expected_books: list[int]
    book_numbers: list[int]
    rows: list[CohortRow]


def _book_progress(row: CohortRow, number: int) -> int:
    book = row.books.get(number)
    return book.progress if book is not None else -1


SORTS = {
    "region": lambda row: row.region.name.lower(),
    "stage": lambda row: -1 if row.stage_progress is None else row.stage_progress,
    "errors": lambda row: row.errors,
    "warnings": lambda row: row.warnings,
    "activity": lambda row: row.last_activity.timestamp() if row.last_activity else 0,
}


def sort_rows(rows: list[CohortRow], key: str, descending: bool) -> list[CohortRow]:
    if key.startswith("book") and key[4:].isdigit():
        number = int(key[4:])
        return sorted(rows, key=lambda row: _book_progress(row, number), reverse=descending)
    return sorted(rows, key=SORTS.get(key, SORTS["region"]), reverse=descending)


PER_PAGE = 25


def filter_rows(rows: list[CohortRow], *, search: str = "", province: str = "") -> list[CohortRow]:
    """The rows whose region's name contains ``search`` (any case), in ``province``."""
    search = search.strip().casefold()
    return [
        row
        for row in rows
        if (not search or search in row.region.name.casefold())
        and (not province or row.region.province == province)
    ]


def provinces(rows: list[CohortRow]) -> list[str]:
    return sorted({row.region.province for row in rows if row.region.province})


def cohort_dashboard_data(cohort: Cohort, *, today: date) -> CohortDashboard:
    stages = list(
        BimtekStage.objects.filter(cohort=cohort)
        .prefetch_related("expected_books")
        .order_by("number")
    )
    started = [stage for stage in stages if stage.starts_on <= today]
    stage = started[-1] if started else None
    expected = sorted(book.number for book in stage.expected_books.all()) if stage else []
    book_numbers = list(cohort.book_templates.order_by("number").values_list("number", flat=True))

    last_activity = (
        AuditEvent.objects.filter(region=OuterRef("region_id")).order_by("-at").values("at")[:1]
    )
    # only the columns a row shows: a hundred plans and four hundred books per view
    plans = [
        PlanCell(pk, RegionCell(name, province), start_year, end_year, activity)
        for pk, name, province, start_year, end_year, activity in Plan.objects.filter(cohort=cohort)
        .annotate(last_activity=Subquery(last_activity))
        .order_by("region__name")
        .values_list(
            "pk", "region__name", "region__province", "start_year", "end_year", "last_activity"
        )
    ]
    plan_books: dict[int, dict[int, BookCell]] = {plan.pk: {} for plan in plans}
    for plan_id, pk, number, status in (
        Book.objects.filter(plan__in=plan_books)
        .order_by("number")
        .values_list("plan_id", "pk", "number", "status")
    ):
        plan_books[plan_id][number] = BookCell(pk, number, status)
    # what is derived from the plans' records comes from the cache, per plan version
    versions = plan_versions(plan.pk for plan in plans)
    counts = cached_finding_counts(plans, versions)
    progress = cached_book_progress(plans, versions)
    rows = []
    for plan in plans:
        books = plan_books[plan.pk]
        for book in books.values():
            book.required_sections, book.written_sections = progress.get(book.pk, (0, 0))
        expected_books = [books[number] for number in expected if number in books]
        errors, warnings = counts[plan.pk]
        rows.append(
            CohortRow(
                plan=plan,
                books=books,
                book_cells=[books.get(number) for number in book_numbers],
                errors=errors,
                warnings=warnings,
                stage_progress=(
                    round(sum(b.progress for b in expected_books) / len(expected_books))
                    if expected_books
                    else None
                ),
            )
        )
    return CohortDashboard(
        cohort=cohort,
        stage=stage,
        expected_books=expected,
        book_numbers=book_numbers,
        rows=rows,
    )


ROW_PREFIX = "checks:cohort-row:v1"
ROW_TEMPLATE = "checks/_cohort_row.html"


def _row_key(row: CohortRow) -> str:
    """The digest of everything the row shows, in the language and time zone it is drawn
    in: a row is drawn again only when something it shows changed, and never stale."""
    shown = (
        row.plan.pk,
        row.region.name,
        row.region.province,
        row.plan.period,
        row.stage_progress,
        [(book.number, book.status, book.progress) if book else None for book in row.book_cells],
        row.errors,
        row.warnings,
        row.last_activity.isoformat() if row.last_activity else None,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"{ROW_PREFIX}:{row.plan.pk}:{digest}"


def rendered_rows(rows: list[CohortRow]) -> list[str]:
    """The rows' HTML (a page of a hundred regions): one cache round trip, and the
    template drawn only for the rows whose content changed since they were last shown."""
    keys = [_row_key(row) for row in rows]
    cached = cache.get_many(keys)
    fresh = {
        key: render_to_string(ROW_TEMPLATE, {"row": row})
        for key, row in zip(keys, rows, strict=True)
        if key not in cached
    }
    if fresh:
        cache.set_many(fresh, TIMEOUT)
    return [mark_safe(cached.get(key) or fresh[key]) for key in keys]


def cohort_table(dashboard: CohortDashboard) -> Table:
    columns = [
        Column(_("Region"), width=28),
        Column(_("Province"), width=18),
        Column(_("Plan period"), width=12),
        Column(_("Stage readiness"), PERCENT, width=12),
    ]
    for number in dashboard.book_numbers:
        columns.append(Column(_("Complete"), PERCENT, width=10, group=f"Buku {number}"))
        columns.append(Column(_("Status"), width=16, group=f"Buku {number}"))
    columns += [
        Column(_("Errors"), NUMBER, width=9),
        Column(_("Warnings"), NUMBER, width=10),
        Column(_("Last activity"), DATETIME, width=18),
    ]
    table = Table(
        title=_("Cohort %(cohort)s") % {"cohort": dashboard.cohort.name},
        filename=f"kohort-{dashboard.cohort.year}",
        sheet=_("Cohort"),
        columns=columns,
    )
    for row in dashboard.rows:
        cells = []
        for number in dashboard.book_numbers:
            book = row.book(number)
            cells += [book.progress, book.get_status_display()] if book else [None, ""]
        table.rows.append(
            Row(
                [
                    row.region.name,
                    row.region.province,
                    row.plan.period,
                    row.stage_progress,
                    *cells,
                    row.errors,
                    row.warnings,
                    row.last_activity,
                ]
            )
        )
    return table
