from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from exports.models import ExportJob
from exports.preview import preview_html
from exports.services import (
    ExportRefused,
    book_finalise,
    book_unfinalise,
    complete_request,
    docx_request,
    export_request,
)
from masterplan.context import plan_context
from masterplan.models import Book, Plan
from masterplan.permissions import access, can_finalise
from reviews.impact import ReviewFlag

HISTORY_LENGTH = 20
# What a script polling an old download URL is told to wait, in seconds.
RETRY_AFTER = 5
BOOKS = Book.objects.select_related("plan__region", "plan__cohort", "plan__framework")
JOBS = ExportJob.objects.select_related(
    "plan__region", "plan__cohort", "book__plan__region", "book__plan__cohort", "requested_by"
)


@login_required
@require_GET
def plan_exports(request: HttpRequest, plan_id: int) -> HttpResponse:
    """All books of a plan with their latest export: the page the plan navigation links to.
    Admins also make the complete document (the four books in one PDF) here."""
    plan = access(request.user, Plan.objects.select_related("region", "cohort"), pk=plan_id)
    books = list(plan.books.order_by("number"))
    latest: dict[int, ExportJob] = {}
    recent = JOBS.filter(plan=plan, kind=ExportJob.Kind.BOOK).order_by("-created_at")
    for job in recent[: HISTORY_LENGTH * 2]:
        latest.setdefault(job.book_id, job)
    for book in books:
        book.latest_export = latest.get(book.pk)
    admin = can_finalise(request.user, plan)
    complete = None
    if admin:
        complete = JOBS.filter(plan=plan, kind=ExportJob.Kind.COMPLETE).first()
    return render(
        request,
        "exports/plan_exports.html",
        plan_context(request, plan, books=books, can_finalise=admin, complete=complete),
    )


@login_required
@require_POST
def complete_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The complete document (the four books in one PDF): administrators."""
    plan = access(
        request.user, Plan.objects.select_related("region", "cohort"), action="finalise", pk=plan_id
    )
    job = complete_request(plan=plan, by=request.user)
    return job_response(request, JOBS.get(pk=job.pk))


@login_required
@require_GET
def book_exports(request: HttpRequest, book_id: int) -> HttpResponse:
    book = access(request.user, BOOKS, action="export", pk=book_id)
    jobs = _recent_jobs(book.pk)
    current = next((job for job in jobs if job.is_pending), None)
    word = JOBS.filter(book=book, kind=ExportJob.Kind.DOCX).first()
    # a flag holds up this book's final export only: say so where it is asked for
    open_flags = (
        0 if book.is_locked() else ReviewFlag.objects.open().filter(section__book=book).count()
    )
    return render(
        request,
        "exports/book_exports.html",
        plan_context(
            request,
            book.plan,
            book=book,
            jobs=jobs,
            current=current,
            word=word,
            open_flags=open_flags,
            can_finalise=can_finalise(request.user, book),
        ),
    )


def _recent_jobs(book_id: int) -> list[ExportJob]:
    """The book's PDF exports (its Word files and redlines have their own cards)."""
    recent = JOBS.filter(book_id=book_id, kind=ExportJob.Kind.BOOK)
    return list(recent.order_by("-created_at", "-pk")[:HISTORY_LENGTH])


@login_required
@require_GET
def book_preview(request: HttpRequest, book_id: int) -> HttpResponse:
    """The print document in the browser, for whoever may view the book."""
    book = access(request.user, BOOKS, pk=book_id)
    response = HttpResponse(preview_html(book, request=request))
    response["Cache-Control"] = "private, no-store"
    return response


def job_response(request: HttpRequest, job: ExportJob) -> HttpResponse:
    """The job's card for htmx (polled while it runs), else its page."""
    if not request.htmx:
        return redirect(job.page_url())
    if job.kind != ExportJob.Kind.BOOK:
        return render(request, "exports/_job_status.html", {"job": job})
    # The history table comes along out of band: its row of this job follows the card.
    context = {"job": job, "jobs": _recent_jobs(job.book_id), "history_oob": True}
    return render(request, "exports/book_exports.html#job_status", context)


def _access_job(request: HttpRequest, job_uuid) -> ExportJob:
    """Who sees the plan follows its books' and its evaluation reports' jobs; the complete
    document is the administrators' (as is starting it)."""
    job = access(request.user, JOBS, action="export", uuid=job_uuid)
    if job.kind == ExportJob.Kind.COMPLETE and not can_finalise(request.user, job):
        raise PermissionDenied
    return job


@login_required
@require_POST
def export_start(request: HttpRequest, book_id: int) -> HttpResponse:
    book = access(request.user, BOOKS, action="export", pk=book_id)
    job = export_request(book=book, by=request.user)
    job = JOBS.get(pk=job.pk)
    return job_response(request, job)


@login_required
@require_POST
def export_finalise(request: HttpRequest, book_id: int) -> HttpResponse:
    book = access(request.user, BOOKS, action="finalise", pk=book_id)
    try:
        job = book_finalise(book=book, by=request.user)
    except ExportRefused as refusal:
        messages.error(request, str(refusal))
        for finding in refusal.findings[:20]:
            messages.error(request, str(getattr(finding, "message", finding)))
        return redirect("exports:book_exports", book_id=book.pk)
    messages.success(request, _("The book is final. Its final PDF is being made."))
    return redirect("exports:book_exports", book_id=job.book_id)


@login_required
@require_POST
def book_reopen(request: HttpRequest, book_id: int) -> HttpResponse:
    book = access(request.user, BOOKS, action="finalise", pk=book_id)
    try:
        book_unfinalise(book=book, by=request.user)
    except ExportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The book is open for editing again."))
    return redirect("exports:book_exports", book_id=book.pk)


@login_required
@require_GET
def export_progress(request: HttpRequest, job_uuid) -> HttpResponse:
    return job_response(request, _access_job(request, job_uuid))


@login_required
@require_GET
def export_download(request: HttpRequest, job_uuid) -> FileResponse:
    job = _access_job(request, job_uuid)
    if not job.is_downloadable:
        raise Http404("This export has no file.")
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file of this export is gone.") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=job.download_name(), content_type=job.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


def script_response(request: HttpRequest, job: ExportJob, waiting: str) -> HttpResponse:
    """What an old download URL answers a script: a redirect to the file once the job has
    it; meanwhile a 202 with ``Retry-After`` and the job's progress URL (a failure: 500
    with the job's error). Never renders in the request."""
    if job.is_downloadable:
        return redirect("exports:export_download", job_uuid=job.uuid)
    if job.state == ExportJob.State.FAILED:
        response = HttpResponse(job.error, status=500, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(waiting, status=202, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER)
    progress = reverse("exports:export_progress", args=[job.uuid])
    response["Location"] = request.build_absolute_uri(progress)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def book_word_start(request: HttpRequest, book_id: int) -> HttpResponse:
    """The export page's Word button: the job's card (htmx), or back to the page."""
    book = access(request.user, BOOKS, action="export", pk=book_id)
    job = docx_request(book=book, by=request.user)
    return job_response(request, JOBS.get(pk=job.pk))


@login_required
@require_GET
def book_word(request: HttpRequest, book_id: int) -> HttpResponse:
    """The old URL of the Word file, for scripts: starts (or joins, or reuses) the job."""
    book = access(request.user, BOOKS, action="export", pk=book_id)
    job = JOBS.get(pk=docx_request(book=book, by=request.user).pk)
    return script_response(request, job, _("The Word file is being made; try again in a moment."))
