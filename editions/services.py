"""Freezing an edition after a final export, and entering the regulation that adopted it."""

from __future__ import annotations

import logging
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from editions.models import Edition
from editions.snapshot import book_snapshot
from exports.hashing import book_content_hash
from exports.models import ExportJob
from masterplan.models import Book, User
from masterplan.services import audit_record

logger = logging.getLogger(__name__)


def edition_freeze(*, job: ExportJob) -> Edition | None:
    """The next edition of the job's book: its records, outline and PDF, as they are now.

    A final export of an unchanged book (the same printed text and tables as the last
    edition; the book's own status and version always differ) freezes nothing new; nor
    does a job that already has its edition.
    """
    book = Book.objects.select_related("plan__region", "plan__cohort").get(pk=job.book_id)
    last = Edition.objects.filter(book=book).order_by("-number").first()
    if Edition.objects.filter(export_job=job).exists():
        return None
    snapshot = book_snapshot(book)
    if book_content_hash(book, final=True) != job.content_hash:
        # Plan-wide records (programmes) stay editable while a book is final: one saved
        # between the render and now is in the snapshot but not in the PDF.
        logger.warning("book %s changed since export job %s was rendered", book.pk, job.pk)
    if last is not None and last.snapshot["outline"] == snapshot["outline"]:
        return None
    with job.file.open("rb") as handle:
        pdf = handle.read()
    redline = b""
    if last is not None:
        from editions.redline import render_redline_pdf

        try:
            with translation.override("id"):
                older_label = last.label
            redline = render_redline_pdf(
                book,
                older=last.snapshot,
                newer=snapshot,
                older_label=older_label,
                newer_number=(last.number + 1),
            ).pdf
        except Exception:  # the edition matters more than its redline; the page still diffs
            logger.exception("redline of book %s could not be rendered", book.pk)
    with transaction.atomic():
        Book.objects.select_for_update().filter(pk=book.pk).first()
        number = (Edition.objects.filter(book=book).aggregate(n=Max("number"))["n"] or 0) + 1
        edition = Edition(
            book=book,
            number=number,
            export_job=job,
            frozen_by=job.requested_by,
            frozen_at=job.finished_at or timezone.now(),
            content_hash=job.content_hash,
            snapshot=snapshot,
            pages=job.pages,
        )
        edition.pdf.save(f"edisi-{number}.pdf", ContentFile(pdf), save=False)
        if redline:
            edition.redline_pdf.save(
                f"redline-edisi-{number}.pdf", ContentFile(redline), save=False
            )
        edition.save()
        audit_record(
            actor=job.requested_by,
            action="edition.freeze",
            target=book,
            changes={"edition": number, "job": str(job.uuid)},
        )
    return edition


@transaction.atomic
def edition_adopt(*, edition: Edition, number: str, date: date, by: User) -> Edition:
    """Record the regulation that adopted the edition (e.g. ``Perbup No. 12/2025``)."""
    before = [edition.regulation_number, str(edition.regulation_date or "")]
    Edition.objects.filter(pk=edition.pk).update(
        regulation_number=number, regulation_date=date, adopted_by=by, adopted_at=timezone.now()
    )
    audit_record(
        actor=by,
        action="edition.adopt",
        target=edition.book,
        changes={"edition": edition.number, "regulation": [before, [number, str(date)]]},
    )
    edition.refresh_from_db()
    return edition
