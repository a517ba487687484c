from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from masterplan.context import plan_context
from masterplan.editing import edit_rights, fresh, plan_for, resolve_conflict
from masterplan.lib.untrusted import Refused
from masterplan.models import Agency, Cohort, Plan, VersionConflict
from masterplan.permissions import access, is_admin
from masterplan.services import record_save
from monitoring.charts import CHARTS
from monitoring.evidence import content_type_of
from monitoring.figures import monitoring_year, plan_figures, plans_figures
from monitoring.forms import ReportForms, UploadForm
from monitoring.models import IndicatorRealisation
from monitoring.report_jobs import latest_evaluation_job
from monitoring.reporting import may_report, reportable_programmes, reporting_agency
from monitoring.workbook import RowInput, read_upload, rows_apply, rows_check, template_workbook
from programs.models import Programme

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year_of(plan: Plan, year: int) -> int:
    if year not in plan.years:
        raise Http404
    return year


@login_required
def monitoring_dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    year = monitoring_year(plan, request.GET.get("tahun"))
    figures = plan_figures(plan, year)
    own = reporting_agency(request.user, plan)
    charts = [(name, draw(figures)) for name, draw in CHARTS.items()]
    return render(
        request,
        "monitoring/monitoring_dashboard.html",
        plan_context(
            request,
            plan,
            year=year,
            years=list(plan.years),
            figures=figures,
            charts=charts,
            # a member reporting for an agency downloads that agency's template only
            agencies=[own] if own else Agency.objects.filter(region=plan.region).order_by("name"),
            own_agency=own,
            may_report=edit_rights(request.user, plan)["can_add"],
            reportable=set(reportable_programmes(request.user, plan).values_list("pk", flat=True)),
            evaluation_job=latest_evaluation_job(plan, year),
        ),
    )


@login_required
def programme_report(request: HttpRequest, plan_id: int, year: int, pk: int) -> HttpResponse:
    """The programme's report of one year in the portal: status, indicators, budget.

    Each record carries the version it was shown at; when someone saved one meanwhile,
    nothing is saved and the page answers 409 with their values beside the user's.
    """
    plan = plan_for(request, plan_id)
    year = _year_of(plan, year)
    programmes = Programme.objects.filter(plan=plan).select_related("dimension", "plan__region")
    programme = access(request.user, programmes, pk=pk)
    if not may_report(request.user, programme):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    page = ReportForms(programme, year, data, files)
    status, conflicts = 200, False
    if data is not None:
        status = 400
        if page.is_valid():
            conflicts = _conflicts(request, page)
            if not conflicts:
                try:
                    _save_report(page, by=request.user)
                except (VersionConflict, IntegrityError):
                    # saved by someone else between the check and this save
                    page = ReportForms(programme, year, data, files)
                    conflicts = page.is_valid() and _conflicts(request, page)
                else:
                    messages.success(
                        request,
                        _("The %(year)s report of %(code)s was saved.")
                        % {"year": year, "code": programme.code},
                    )
                    return redirect(
                        reverse("monitoring:monitoring_dashboard", args=[plan.pk])
                        + f"?tahun={year}"
                    )
            if conflicts:
                status = 409
    return render(
        request,
        "monitoring/programme_report.html",
        plan_context(
            request,
            plan,
            year=year,
            programme=programme,
            status_form=page.status_form,
            indicator_rows=page.indicator_rows,
            budget_rows=page.budget_rows,
            conflicts=conflicts,
        ),
        status=status,
    )


def _conflicts(request: HttpRequest, page: ReportForms) -> bool:
    """Swap every stale form for the conflict screen's merged one; whether there was one."""
    found = False
    for form in page.to_save():
        if not form.is_stale():
            continue
        conflict, merged = resolve_conflict(
            request, form, fresh(form.instance), based_on=form.based_on(), prefix=form.prefix
        )
        merged.conflict = conflict
        page.replace(form, merged)
        found = True
    return found


@transaction.atomic
def _save_report(page: ReportForms, *, by) -> None:
    """All of the report or nothing; a stale record raises VersionConflict."""
    for form in page.to_save():
        record_save(form.save(commit=False), by=by, based_on=form.based_on())


@login_required
def evidence_file(request: HttpRequest, plan_id: int, realisation_id: int) -> FileResponse:
    """An evidence file, for those who may see the programme only."""
    plan = plan_for(request, plan_id)
    rows = IndicatorRealisation.objects.filter(indicator__programme__plan=plan)
    realisation = access(request.user, rows, pk=realisation_id)
    if not realisation.evidence_file:
        raise Http404
    name = realisation.evidence_file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        realisation.evidence_file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type_of(name),
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    # never a page of the portal's origin, whatever the file holds
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def report_template(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    """The XLSX an agency fills in (``?opd=<id>``: its programmes; without: all).

    A member reporting for an agency always gets their agency's programmes only."""
    plan = plan_for(request, plan_id)
    year = _year_of(plan, year)
    agency = reporting_agency(request.user, plan)
    if agency is None and request.GET.get("opd"):
        try:
            agency = get_object_or_404(Agency, region=plan.region_id, pk=int(request.GET["opd"]))
        except ValueError:
            raise Http404 from None
    content = template_workbook(plan, year, agency)
    suffix = f"-{slugify(agency.acronym or agency.name)}" if agency else ""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="realisasi-{plan.region.slug}-{year}{suffix}.xlsx"'
    )
    return response


def _session_key(plan: Plan, year: int) -> str:
    return f"monitoring-upload-{plan.pk}-{year}"


@login_required
def report_upload(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    """Upload a filled-in template: every row is checked and shown before anything is
    saved; one wrong row and nothing is."""
    plan = plan_for(request, plan_id)
    year = _year_of(plan, year)
    if not edit_rights(request.user, plan)["can_add"]:
        raise PermissionDenied
    key = _session_key(plan, year)
    context = {"year": year, "form": UploadForm(), "changes": None, "errors": None}
    status = 200
    if request.method == "POST" and "confirm" in request.POST:
        rows = [RowInput.from_json(row) for row in request.session.get(key, [])]
        changes, errors = rows_check(plan, year, rows, user=request.user)
        if rows and not errors:
            saved = rows_apply(changes, by=request.user)
            del request.session[key]
            messages.success(
                request, _("%(count)s rows of the spreadsheet were saved.") % {"count": saved}
            )
            return redirect(
                reverse("monitoring:monitoring_dashboard", args=[plan.pk]) + f"?tahun={year}"
            )
        context.update(changes=changes, errors=errors or None)
        status = 400
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        status = 400
        if form.is_valid():
            try:
                rows = read_upload(form.cleaned_data["file"])
            except Refused as refused:
                form.add_error("file", refused.message)
            else:
                changes, errors = rows_check(plan, year, rows, user=request.user)
                context.update(changes=changes, errors=errors)
                if not errors and changes:
                    request.session[key] = [row.as_json() for row in rows]
                    status = 200
                elif not errors:
                    form.add_error("file", _("The file has no filled-in row."))
    return render(
        request,
        "monitoring/report_upload.html",
        plan_context(request, plan, **context),
        status=status,
    )


@login_required
def cohort_monitoring(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The ministry's page: every region of the cohort by its implementation progress."""
    if not is_admin(request.user):
        raise PermissionDenied
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    plans = list(
        Plan.objects.filter(cohort=cohort).select_related("region", "framework").order_by("pk")
    )
    years = sorted({year for plan in plans for year in plan.years})
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = None
    if year not in years:
        year = monitoring_year(plans[0], None) if plans else cohort.year
    figures = plans_figures(plans, year)
    rows = sorted(
        figures.values(),
        key=lambda f: (f.progress is None, -(f.progress or 0), f.plan.region.name),
    )
    return render(
        request,
        "monitoring/cohort_monitoring.html",
        {"cohort": cohort, "year": year, "years": years, "rows": rows},
    )
