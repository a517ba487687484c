"""The body of an export job: render its PDF in the bounded process and store the file.

A job is a book, the complete document (the four books in one PDF) or a year's evaluation
report; the monitoring app, a floor above, names its renderer in the settings
(``EVALUATION_REPORT_PDF``). Run by the Celery task or, with no broker, by a background
thread (``exports.tasks``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from exports.hashing import book_content_hash, complete_content_hash
from exports.models import ExportJob
from exports.signals import export_succeeded
from reviews.services import notify

logger = logging.getLogger("exports.services")


def _set_stage(job_id: int, stage: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(stage=stage)


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    content_hash: str


Progress = Callable[[str], None]


def _render_book(job: ExportJob, progress: Progress) -> Rendered:
    from exports.render import render_book

    # Hash what is actually rendered now, not what was there when it was queued.
    content_hash = book_content_hash(job.book, final=job.final)
    result = render_book(job.book, final=job.final, progress=progress)
    return Rendered(result.pdf, result.pages, content_hash)


def _render_complete(job: ExportJob, progress: Progress) -> Rendered:
    from exports.combined import plan_complete_pdf

    content_hash = complete_content_hash(job.plan, final=job.final)
    pdf, pages = plan_complete_pdf(job.plan, final=job.final, progress=progress)
    return Rendered(pdf, pages, content_hash)


def _render_evaluation(job: ExportJob, progress: Progress) -> Rendered:
    """The hash is the one the request computed (``monitoring.report_jobs``)."""
    render = import_string(settings.EVALUATION_REPORT_PDF)
    pdf, pages = render(job.plan, job.year, progress=progress)
    return Rendered(pdf, pages, job.content_hash)


RENDERERS: dict[str, Callable[[ExportJob, Progress], Rendered]] = {
    ExportJob.Kind.BOOK: _render_book,
    ExportJob.Kind.COMPLETE: _render_complete,
    ExportJob.Kind.EVALUATION: _render_evaluation,
}


def export_run(*, job_id: int) -> ExportJob:
    """The task body: render the job's PDF and store the file; a failure is recorded, never
    raised.

    The file is written before the job says "done", and the download view serves only
    done jobs, so a half-written file is never served.
    """
    from exports.render import RenderFailed

    claimed = ExportJob.objects.filter(pk=job_id, state=ExportJob.State.QUEUED).update(
        state=ExportJob.State.RUNNING, stage=ExportJob.Stage.COLLECTING, started_at=timezone.now()
    )
    job = ExportJob.objects.select_related(
        "plan__region",
        "plan__cohort",
        "plan__framework",
        "book__plan__region",
        "book__plan__cohort",
    ).get(pk=job_id)
    if not claimed:
        return job  # another worker has it, or it already ran
    started = time.perf_counter()
    try:
        result = RENDERERS[job.kind](job, lambda stage: _set_stage(job.pk, stage))
        content_hash = result.content_hash
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
    if job.final and job.kind == ExportJob.Kind.BOOK:  # editions freeze books
        announce_final(job)
    _notify_done(job)
    return job


def announce_final(job: ExportJob) -> None:
    """Tell the floors above that a final PDF exists (editions freeze the book); their
    failure is logged, never the job's."""
    for receiver, result in export_succeeded.send_robust(sender=ExportJob, job=job):
        if isinstance(result, Exception):
            logger.error("export job %s: %s failed", job.pk, receiver, exc_info=result)


def _notify_done(job: ExportJob) -> None:
    if job.requested_by is None:
        return
    with translation.override("id"):
        text = _("The PDF of %(book)s is ready") % {"book": job.subject}
    notify(
        users=[job.requested_by],
        verb="export",
        actor=None,
        text=text,
        url=job.page_url(),
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
