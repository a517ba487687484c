"""Export jobs, the final freeze and reopening: writes that span models, with their audit."""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from exports.models import ExportJob
from masterplan.models import Book, User
from masterplan.registry import PlanRecordKind, plan_record_kinds
from masterplan.services import audit_record
from reviews.services import notify

logger = logging.getLogger(__name__)

# Seconds past the render time limit after which a "running" job is taken as abandoned.
ABANDONED_AFTER = 120

# Plan records that no printed book shows, and why: changing them keeps the stored PDFs.
# Every other kind of plan record is in the content hash (tests/exports/test_content_hash.py).
NOT_HASHED: dict[str, str] = {
    "reviews.comment": "review remarks are not printed",
    "reviews.booktransition": "the review trail is not printed (the book's status is hashed)",
    "reviews.sectionapproval": "sign-offs are not printed",
}


def hashed_kinds() -> list[PlanRecordKind]:
    """The kinds of plan record a book is built from."""
    return [kind for kind in plan_record_kinds() if kind.label not in NOT_HASHED]


class ExportRefused(Exception):
    """The export may not run (e.g. the checks found errors); ``findings`` says why."""

    def __init__(self, message: str, findings: list | None = None):
        super().__init__(message)
        self.findings = findings or []


@cache
def code_fingerprint() -> str:
    """Changing a print template, the stylesheet or the renderer invalidates cached files."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder, pattern in (
        (base / "templates" / "exports", "**/*.html"),
        (base / "static" / "print", "**/*"),
        (Path(__file__).parent, "*.py"),
    ):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def book_content_hash(book: Book, *, final: bool) -> str:
    """A hash of everything the book is built from: one query per kind of record.

    Tracked records contribute (pk, version): any save bumps the version, a deletion
    drops the pair. Untracked rows contribute all their fields; the region and the cohort
    (no plan records) their shown fields. Books, sections and what hangs on them count
    for their own book only.
    """
    plan = book.plan
    digest = hashlib.sha256()
    digest.update(code_fingerprint().encode())
    digest.update(f"final={final}".encode())
    region = plan.region
    # str(): a fresh instance holds enum members where a fetched one holds plain strings.
    shown = (region.name, region.province, region.kind, region.logo.name, plan.cohort.name)
    shown += (plan.pk, plan.version, book.pk, book.version, book.status)
    digest.update("|".join(str(value) for value in shown).encode())
    for kind in hashed_kinds():
        if kind.tracked:
            fields = ["pk", "version"]
        else:
            fields = ["pk", *(field.attname for field in kind.model._meta.concrete_fields)]
        rows = kind.of_book(book).order_by("pk").values_list(*fields)
        digest.update(kind.label.encode())
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


def _enqueue(job: ExportJob) -> None:
    from exports.tasks import export_book, export_in_background

    def send():
        if export_book.app.conf.task_always_eager and not settings.EXPORT_SYNCHRONOUS:
            # No broker: never in the request. A thread supervises the render process and
            # the page polls the job.
            export_in_background(job.pk)
            return
        result = export_book.apply_async(args=[job.pk])
        if result.id and not job.task_id:
            ExportJob.objects.filter(pk=job.pk, task_id="").update(task_id=result.id)

    # The worker must find the committed row.
    transaction.on_commit(send)


def _expected_seconds(book: Book) -> float | None:
    return (
        ExportJob.objects.filter(book=book, state=ExportJob.State.DONE, reused_from=None)
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
        _fail_abandoned(book)
        running = (
            ExportJob.objects.select_for_update()
            .pending()
            .filter(book=book, final=final, content_hash=content_hash)
            .first()
        )
        if running is not None:
            return running
        done = (
            ExportJob.objects.finished()
            .filter(book=book, final=final, content_hash=content_hash)
            .exclude(file="")
            .order_by("-finished_at")
            .first()
        )
        if done is not None and done.file.storage.exists(done.file.name):
            now = timezone.now()
            return ExportJob.objects.create(
                book=book,
                requested_by=by,
                final=final,
                state=ExportJob.State.DONE,
                stage=ExportJob.Stage.DONE,
                content_hash=content_hash,
                file=done.file.name,
                pages=done.pages,
                size=done.size,
                duration=0.0,
                reused_from=done.reused_from or done,
                started_at=now,
                finished_at=now,
            )
        job = ExportJob.objects.create(
            book=book,
            requested_by=by,
            final=final,
            content_hash=content_hash,
            expected_seconds=_expected_seconds(book),
        )
        _enqueue(job)
    return job


def _fail_abandoned(book: Book) -> None:
    """A job still "running" long after any render would have been killed lost its process
    (a restart): say so, so that a new request does not join it forever."""
    from exports.render import render_time_limit

    cutoff = timezone.now() - timedelta(seconds=render_time_limit() + ABANDONED_AFTER)
    with translation.override("id"):
        error = _("The export was interrupted (the server restarted?). Start it again.")
    abandoned = ExportJob.objects.filter(book=book, state=ExportJob.State.RUNNING)
    abandoned.filter(started_at__lt=cutoff).update(
        state=ExportJob.State.FAILED,
        stage=ExportJob.Stage.FAILED,
        error=error,
        finished_at=timezone.now(),
    )


def _set_stage(job_id: int, stage: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(stage=stage)


def export_run(*, job_id: int) -> ExportJob:
    """The task body: render the book and store the file; a failure is recorded, never raised.

    The file is written before the job says "done", and the download view serves only
    done jobs, so a half-written file is never served.
    """
    from exports.render import RenderFailed, render_book

    claimed = ExportJob.objects.filter(pk=job_id, state=ExportJob.State.QUEUED).update(
        state=ExportJob.State.RUNNING, stage=ExportJob.Stage.COLLECTING, started_at=timezone.now()
    )
    job = ExportJob.objects.select_related("book__plan__region", "book__plan__cohort").get(
        pk=job_id
    )
    if not claimed:
        return job  # another worker has it, or it already ran
    started = time.perf_counter()
    try:
        book = job.book
        # Hash what is actually rendered now, not what was there when it was queued.
        content_hash = book_content_hash(book, final=job.final)
        result = render_book(
            book, final=job.final, progress=lambda stage: _set_stage(job.pk, stage)
        )
        _set_stage(job.pk, ExportJob.Stage.SAVING)
        job.file.save(job.download_name(), ContentFile(result.pdf), save=False)
    except RenderFailed as failure:  # stopped at its limit, or the renderer died
        logger.warning("export job %s failed: %s", job_id, failure)
        with translation.override("id"):
            return _fail(job, failure.user_message(), started)
    except Exception as exc:  # the worker must outlive a broken book
        logger.exception("export job %s failed", job_id)
        return _fail(job, f"{type(exc).__name__}: {exc}", started)
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportJob.State.DONE,
        stage=ExportJob.Stage.DONE,
        file=job.file.name,
        content_hash=content_hash,
        pages=result.pages,
        size=len(result.pdf),
        duration=time.perf_counter() - started,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    _notify_done(job)
    return job


def _notify_done(job: ExportJob) -> None:
    if job.requested_by is None:
        return
    with translation.override("id"):
        text = _("The PDF of %(book)s is ready") % {"book": job.book}
    notify(
        users=[job.requested_by],
        verb="export",
        actor=None,
        text=text,
        url=reverse("exports:book_exports", args=[job.book_id]),
        target=job,
    )


def _fail(job: ExportJob, error: str, started: float) -> ExportJob:
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportJob.State.FAILED,
        stage=ExportJob.Stage.FAILED,
        error=error[:2000],
        duration=time.perf_counter() - started,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


# --- Final freeze and reopening --------------------------------------------------------


def book_checks(book: Book) -> list:
    """Findings of the plan checks (``severity`` "error" or "warning") for the final export.

    The checks sit above the exports, so the project's settings name the function
    (``FINAL_EXPORT_CHECKS``, a dotted path taking the plan) instead of an import here.
    """
    run_checks = import_string(settings.FINAL_EXPORT_CHECKS)
    return list(run_checks(book.plan))


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
