"""Export jobs (a book, the complete document, an evaluation report), the final freeze and
reopening: writes that span models, with their audit."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from exports.hashing import (
    NOT_HASHED,
    book_content_hash,
    code_fingerprint,
    complete_content_hash,
    docx_content_hash,
    hashed_kinds,
)
from exports.models import ExportJob
from exports.runner import announce_final, export_run
from exports.tasks import HARD_LIMIT, SOFT_LIMIT, export_book, export_in_background
from masterplan.models import Book, Plan, User
from masterplan.services import audit_record

logger = logging.getLogger(__name__)

__all__ = [  # the hash and the job body live in their own modules; callers may ask here
    "NOT_HASHED",
    "book_content_hash",
    "code_fingerprint",
    "export_run",
    "hashed_kinds",
]

# Seconds past the render time limit after which a "running" job is taken as abandoned.
ABANDONED_AFTER = 120
# The complete document renders the four books one after the other, each with its limit.
RENDERS_PER_JOB = {ExportJob.Kind.COMPLETE: 4}


class ExportRefused(Exception):
    """The export may not run (e.g. the checks found errors); ``findings`` says why."""

    def __init__(self, message: str, findings: list | None = None):
        super().__init__(message)
        self.findings = findings or []


def _enqueue(job: ExportJob) -> None:
    def send():
        if export_book.app.conf.task_always_eager and not settings.EXPORT_SYNCHRONOUS:
            # No broker: never in the request. A thread supervises the render process and
            # the page polls the job.
            export_in_background(job.pk)
            return
        renders = RENDERS_PER_JOB.get(job.kind, 1)
        limits = {"soft_time_limit": SOFT_LIMIT * renders, "time_limit": HARD_LIMIT * renders}
        result = export_book.apply_async(args=[job.pk], **(limits if renders > 1 else {}))
        if result.id and not job.task_id:
            ExportJob.objects.filter(pk=job.pk, task_id="").update(task_id=result.id)

    # The worker must find the committed row.
    transaction.on_commit(send)


def _expected_seconds(scope: dict) -> float | None:
    return (
        ExportJob.objects.filter(**scope, state=ExportJob.State.DONE, reused_from=None)
        .order_by("-finished_at")
        .values_list("duration", flat=True)
        .first()
    )


def export_request(*, book: Book, by: User | None) -> ExportJob:
    """Start an export of the book (final when the book is final), or reuse a stored file.

    An unchanged book gets the stored PDF at once, as a new history row that points
    to the same file; a second request while one is queued or running joins it.
    """
    final = book.is_locked()
    content_hash = book_content_hash(book, final=final)
    with transaction.atomic():
        audit_record(actor=by, action="book.export", target=book, changes={"final": final})
        return job_request(
            plan=book.plan,
            kind=ExportJob.Kind.BOOK,
            book=book,
            final=final,
            content_hash=content_hash,
            by=by,
        )


def complete_request(*, plan: Plan, by: User | None) -> ExportJob:
    """Start (or join, or reuse) the complete document: the four books in one PDF, final
    when the four books are."""
    final = not plan.books.exclude(status=Book.Status.FINAL).exists()
    content_hash = complete_content_hash(plan, final=final)
    with transaction.atomic():
        audit_record(actor=by, action="plan.export_complete", target=plan, changes={"final": final})
        return job_request(
            plan=plan,
            kind=ExportJob.Kind.COMPLETE,
            final=final,
            content_hash=content_hash,
            by=by,
        )


def docx_request(*, book: Book, by: User | None) -> ExportJob:
    """Start (or join, or reuse) the book's Word file (final when the book is final)."""
    final = book.is_locked()
    content_hash = docx_content_hash(book, final=final)
    with transaction.atomic():
        audit_record(actor=by, action="book.export_docx", target=book, changes={"final": final})
        return job_request(
            plan=book.plan,
            kind=ExportJob.Kind.DOCX,
            book=book,
            final=final,
            content_hash=content_hash,
            by=by,
        )


@transaction.atomic
def job_request(
    *,
    plan: Plan,
    kind: str,
    content_hash: str,
    by: User | None,
    book: Book | None = None,
    year: int | None = None,
    from_edition: int | None = None,
    to_edition: int | None = None,
    final: bool = False,
) -> ExportJob:
    """Start an export job, or join the one queued or running for the same content, or
    reuse the stored file of a finished one (a new history row pointing to the same file).

    ``content_hash`` says what the PDF is made of; the caller computes it (the books here,
    the evaluation report in ``monitoring.report_jobs``, a redline in ``editions.views``).
    Never renders: the job runs in a worker, or with no broker in a background thread.
    """
    scope = {
        "plan": plan,
        "kind": kind,
        "book": book,
        "year": year,
        "from_edition": from_edition,
        "to_edition": to_edition,
    }
    _fail_abandoned(scope)
    same = {**scope, "final": final, "content_hash": content_hash}
    running = ExportJob.objects.select_for_update().pending().filter(**same).first()
    if running is not None:
        return running
    done = (
        ExportJob.objects.finished()
        .filter(**same)
        .exclude(file="")
        .order_by("-finished_at")
        .first()
    )
    if done is not None and done.file.storage.exists(done.file.name):
        now = timezone.now()
        reused = ExportJob.objects.create(
            **same,
            requested_by=by,
            state=ExportJob.State.DONE,
            stage=ExportJob.Stage.DONE,
            file=done.file.name,
            pages=done.pages,
            size=done.size,
            duration=0.0,
            reused_from=done.reused_from or done,
            started_at=now,
            finished_at=now,
        )
        if final and kind == ExportJob.Kind.BOOK:
            transaction.on_commit(lambda: announce_final(reused))
        return reused
    job = ExportJob.objects.create(
        **same, requested_by=by, expected_seconds=_expected_seconds(scope)
    )
    _enqueue(job)
    return job


def _fail_abandoned(scope: dict) -> None:
    """A job still "running" long after any render would have been killed lost its process
    (a restart): say so, so that a new request does not join it forever."""
    from exports.render import render_time_limit

    renders = RENDERS_PER_JOB.get(scope["kind"], 1)
    cutoff = timezone.now() - timedelta(seconds=render_time_limit() * renders + ABANDONED_AFTER)
    with translation.override("id"):
        error = _("The export was interrupted (the server restarted?). Start it again.")
    abandoned = ExportJob.objects.filter(**scope, state=ExportJob.State.RUNNING)
    abandoned.filter(started_at__lt=cutoff).update(
        state=ExportJob.State.FAILED,
        stage=ExportJob.Stage.FAILED,
        error=error,
        finished_at=timezone.now(),
    )


# --- Final freeze and reopening --------------------------------------------------------


def book_checks(book: Book) -> list:
    """Findings of the plan checks (``severity`` "error" or "warning") for the final export.

    The checks sit above the exports, so the project's settings name the function
    (``FINAL_EXPORT_CHECKS``, a dotted path taking the plan) instead of an import here.
    A finding that names books (``concerns_book``: a review flag on a Buku 2 section, a
    programme printed in Buku 2–4) holds up those books only; one without concerns every
    book of the plan.
    """
    run_checks = import_string(settings.FINAL_EXPORT_CHECKS)
    return [
        finding
        for finding in run_checks(book.plan)
        if getattr(finding, "concerns_book", None) is None or finding.concerns_book(book.number)
    ]


def blocking_findings(findings: list) -> list:
    return [f for f in findings if getattr(f, "severity", None) == "error"]


@transaction.atomic
def book_finalise(*, book: Book, by: User) -> ExportJob:
    """Freeze the book (status final, read-only) and export it without the watermark.

    Runs the checks first and refuses on errors. Status and audit row are written in
    one transaction; the final PDF is rendered from the frozen book.
    """
    book = Book.objects.select_for_update().get(pk=book.pk)
    if book.is_locked():
        raise ExportRefused(_("The book is already final."))
    if book.status != Book.Status.APPROVED:
        raise ExportRefused(_("Only a book the mentor approved can be exported as final."))
    errors = blocking_findings(book_checks(book))
    if errors:
        raise ExportRefused(_("The checks found errors; fix them before the final export."), errors)
    before = book.status
    book.status = Book.Status.FINAL
    book.stamp(by)
    book.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="book.finalise",
        target=book,
        changes={"status": [before, Book.Status.FINAL]},
    )
    return export_request(book=book, by=by)


@transaction.atomic
def book_unfinalise(*, book: Book, by: User) -> Book:
    """Unfreeze a final book for editing again (back to approved), recorded in the audit."""
    book = Book.objects.select_for_update().get(pk=book.pk)
    if not book.is_locked():
        raise ExportRefused(_("The book is not final."))
    book.status = Book.Status.APPROVED
    book.stamp(by)
    book.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="book.reopen",
        target=book,
        changes={"status": [Book.Status.FINAL, Book.Status.APPROVED]},
    )
    return book
