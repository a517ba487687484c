"""The annual evaluation report as a background export job (never rendered in a request).

The dashboard's button starts the job (or joins the one running, or reuses the stored file
when the report's content has not changed) and shows its progress with the books' card;
the file is downloaded through the exports' download view, in the private export storage.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from exports.hashing import code_fingerprint
from exports.models import ExportJob
from exports.render import Progress, render_html
from exports.services import job_request
from exports.views import JOBS, job_response
from masterplan.models import Plan, User
from masterplan.permissions import access
from masterplan.services import audit_record
from monitoring.report import report_html

PLANS = Plan.objects.select_related("region", "cohort", "framework")
# What a script polling the old URL is told to wait, in seconds.
RETRY_AFTER = 5


def evaluation_content_hash(plan: Plan, year: int) -> str:
    """The report is its print document (built in a tenth of a second; the layout is what
    takes long) and the renderer's code: the same hash, the same PDF."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(report_html(plan, year).encode())
    return digest.hexdigest()


def evaluation_pdf(plan: Plan, year: int, *, progress: Progress | None = None) -> tuple[bytes, int]:
    """(PDF, pages), in the books' bounded child process: the export job's renderer
    (``EVALUATION_REPORT_PDF``)."""
    if progress:
        progress(ExportJob.Stage.LAYOUT)
    pdf, pages, _refused = render_html(report_html(plan, year), plan=plan, progress=progress)
    return pdf, pages


def evaluation_request(*, plan: Plan, year: int, by: User | None) -> ExportJob:
    """Start the year's report, or join or reuse the job of the same content."""
    content_hash = evaluation_content_hash(plan, year)
    with transaction.atomic():
        audit_record(
            actor=by, action="monitoring.report_export", target=plan, changes={"year": year}
        )
        return job_request(
            plan=plan,
            kind=ExportJob.Kind.EVALUATION,
            year=year,
            content_hash=content_hash,
            by=by,
        )


def latest_evaluation_job(plan: Plan, year: int) -> ExportJob | None:
    """The year's last report job, for the dashboard's card."""
    return JOBS.filter(plan=plan, kind=ExportJob.Kind.EVALUATION, year=year).first()


def _plan_and_year(request: HttpRequest, plan_id: int, year: int) -> tuple[Plan, int]:
    # who may export the plan's books may make its report (everyone who sees the plan)
    plan = access(request.user, PLANS, action="export", pk=plan_id)
    if year not in plan.years:
        raise Http404
    return plan, year


@login_required
@require_POST
def evaluation_report_start(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    """The dashboard's button: the job's card (htmx), or back to the dashboard."""
    plan, year = _plan_and_year(request, plan_id, year)
    job = evaluation_request(plan=plan, year=year, by=request.user)
    return job_response(request, JOBS.get(pk=job.pk))


@login_required
@require_GET
def evaluation_report(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    """The old URL of the PDF, for scripts: starts (or joins, or reuses) the job and
    redirects to the file once it is there; meanwhile a 202 with ``Retry-After`` and the
    job's progress URL. Never renders in the request."""
    plan, year = _plan_and_year(request, plan_id, year)
    job = JOBS.get(pk=evaluation_request(plan=plan, year=year, by=request.user).pk)
    if job.is_downloadable:
        return redirect("exports:export_download", job_uuid=job.uuid)
    progress = reverse("exports:export_progress", args=[job.uuid])
    if job.state == ExportJob.State.FAILED:
        response = HttpResponse(job.error, status=500, content_type="text/plain; charset=utf-8")
    else:
        message = _("The evaluation report is being made; try again in a moment.")
        response = HttpResponse(message, status=202, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER)
    response["Location"] = request.build_absolute_uri(progress)
    response["Cache-Control"] = "private, no-store"
    return response
