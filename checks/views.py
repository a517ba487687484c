from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checks.cache import cached_findings
from checks.cohort import (
    PER_PAGE,
    SORTS,
    cohort_dashboard_data,
    cohort_table,
    filter_rows,
    provinces,
    rendered_rows,
    sort_rows,
)
from checks.registry import blocking, group_findings
from checks.spreadsheets import FORMATS, table_response
from checks.tables import PLAN_TABLES
from checks.traceability import trace_plan
from masterplan.context import plan_context
from masterplan.models import Cohort, Plan
from masterplan.permissions import access, is_admin
from roadmap.charts import CHARTS


def _plan(request: HttpRequest, plan_id: int, action: str = "view") -> Plan:
    return access(
        request.user,
        Plan.objects.select_related("region", "cohort", "framework"),
        action=action,
        pk=plan_id,
    )


@login_required
def plan_checks(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    findings = cached_findings(plan)
    return render(
        request,
        "checks/plan_checks.html",
        plan_context(
            request,
            plan,
            findings=findings,
            groups=group_findings(findings),
            errors=len(blocking(findings)),
            warnings=len(findings) - len(blocking(findings)),
        ),
    )


@login_required
def plan_traceability(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    return render(
        request,
        "checks/plan_traceability.html",
        plan_context(request, plan, dimensions=trace_plan(plan), years=list(plan.years)),
    )


@login_required
def plan_charts(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    charts = [(name, render_chart(plan)) for name, render_chart in CHARTS.items()]
    return render(request, "checks/plan_charts.html", plan_context(request, plan, charts=charts))


@login_required
def plan_chart_svg(request: HttpRequest, plan_id: int, name: str) -> HttpResponse:
    plan = _plan(request, plan_id, action="export")
    if name not in CHARTS:
        raise Http404
    response = HttpResponse(CHARTS[name](plan), content_type="image/svg+xml; charset=utf-8")
    # A chart is data, not a page: no scripts may run even if opened directly.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Content-Disposition"] = (
        f'inline; filename="{name.replace("_", "-")}-{plan.region.slug}.svg"'
    )
    return response


@login_required
def plan_table_download(request: HttpRequest, plan_id: int, table: str, fmt: str) -> HttpResponse:
    plan = _plan(request, plan_id, action="export")
    if table not in PLAN_TABLES or fmt not in FORMATS:
        raise Http404
    return table_response(PLAN_TABLES[table](plan), fmt)


def _admin_only(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    """The dashboard of the cohort picked in the form, or of the latest cohort."""
    _admin_only(request)
    cohorts = Cohort.objects.order_by("-year")
    picked = request.GET.get("cohort", "")
    cohort = cohorts.filter(pk=picked).first() if picked.isdigit() else cohorts.first()
    if cohort is None:
        raise Http404
    return redirect("checks:cohort_dashboard", cohort_id=cohort.pk)


@login_required
def cohort_dashboard(request: HttpRequest, cohort_id: int) -> HttpResponse:
    _admin_only(request)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    data = cohort_dashboard_data(cohort, today=timezone.localdate())
    sort = request.GET.get("sort", "region")
    if sort not in SORTS and not (sort.startswith("book") and sort[4:].isdigit()):
        sort = "region"
    descending = request.GET.get("order") == "desc"
    search = request.GET.get("q", "").strip()[:100]
    all_provinces = provinces(data.rows)
    province = request.GET.get("province", "")
    province = province if province in all_provinces else ""
    regions = len(data.rows)
    # a hundred regions: the ministry filters, sorts (the laggards first) and pages
    rows = sort_rows(filter_rows(data.rows, search=search, province=province), sort, descending)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    data.rows = list(page.object_list)
    filters = QueryDict(mutable=True)
    filters.update({key: value for key, value in (("q", search), ("province", province)) if value})
    with_sort = filters.copy()
    with_sort.update({"sort": sort, "order": "desc" if descending else "asc"})
    return render(
        request,
        "checks/cohort_dashboard.html",
        {
            "dashboard": data,
            "cohorts": Cohort.objects.order_by("-year"),
            "headers": _sort_headers(data.book_numbers, sort, descending, filters.urlencode()),
            "page": page,
            "rows_html": rendered_rows(data.rows),
            "regions": regions,
            "provinces": all_provinces,
            "search": search,
            "province": province,
            "filter_query": with_sort.urlencode(),
            "filtered": bool(search or province),
            "sort": sort,
            "order": "desc" if descending else "asc",
        },
    )


def _sort_headers(
    book_numbers: list[int], sort: str, descending: bool, filter_query: str = ""
) -> list[dict]:
    """Column headers that sort the table by themselves, toggling the direction (the
    filters kept, back to the first page)."""
    columns = [("region", _("Region")), ("stage", _("Stage readiness"))]
    columns += [(f"book{n}", f"Buku {n}") for n in book_numbers]
    columns += [("errors", _("Errors")), ("warnings", _("Warnings"))]
    columns += [("activity", _("Last activity"))]
    headers = []
    for key, label in columns:
        active = key == sort
        order = "asc" if active and descending else "desc" if active else "asc"
        headers.append(
            {
                "key": key,
                "label": label,
                "query": f"?{filter_query + '&' if filter_query else ''}sort={key}&order={order}",
                "aria_sort": ("descending" if descending else "ascending") if active else "",
            }
        )
    return headers


@login_required
def cohort_dashboard_download(request: HttpRequest, cohort_id: int, fmt: str) -> HttpResponse:
    _admin_only(request)
    if fmt not in FORMATS:
        raise Http404
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    data = cohort_dashboard_data(cohort, today=timezone.localdate())
    return table_response(cohort_table(data), fmt)
