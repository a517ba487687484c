"""The ministry's view of a cohort: every region's plan in one table.

All rows come from a fixed number of queries (plans with their books and last
activity, their content versions, then from the cache per plan version: the checks'
counts and the books' progress, computed in bulk for the plans written since), so the
page costs the same number of queries for the 10 regions of a cohort as for 100.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext as _

from checks.cache import cached_book_progress, cached_finding_counts
from checks.tables import DATETIME, NUMBER, PERCENT, Column, Row, Table
from masterplan.models import AuditEvent, BimtekStage, Book, Cohort, Plan
from masterplan.plan_versions import plan_versions


@dataclass
class CohortRow:
    plan: Plan
    books: dict[int, Book]
    book_cells: list[Book | None]  # in the order of the dashboard's book numbers
    errors: int
    warnings: int
    stage_progress: int | None  # mean progress of the books the current stage expects

    @property
    def region(self):
        return self.plan.region

    @property
    def last_activity(self) -> datetime | None:
        return self.plan.last_activity

    def book(self, number: int) -> Book | None:
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
    plans = list(
        Plan.objects.filter(cohort=cohort)
        .select_related("region")
        .annotate(last_activity=Subquery(last_activity))
        .prefetch_related(Prefetch("books", queryset=Book.objects.order_by("number")))
        .order_by("region__name")
    )
    # what is derived from the plans' records comes from the cache, per plan version
    versions = plan_versions(plan.pk for plan in plans)
    counts = cached_finding_counts(plans, versions)
    progress = cached_book_progress(plans, versions)
    rows = []
    for plan in plans:
        books = {book.number: book for book in plan.books.all()}
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
