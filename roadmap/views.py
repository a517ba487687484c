"""The action plan (activities per programme, plan-wide grouped by dimension and
element) and the roadmap: an editable programme × year grid of targets and budgets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from dimensions.models import Dimension
from masterplan.context import plan_context
from masterplan.editing import (
    RecordKind,
    create_record,
    delete_record,
    edit_record,
    edit_rights,
    kind_or_404,
    move_record,
    plan_for,
    render_page,
    resolve_conflict,
    return_to,
)
from masterplan.models import Plan, VersionConflict
from masterplan.permissions import access
from programs.models import Programme
from programs.views import cell_save, programme_for
from roadmap.forms import ActivityForm, RoadmapEntryForm
from roadmap.models import Activity, RoadmapEntry
from roadmap.rows import roadmap_rows, row_of

ACTION_PLAN_PROGRAMMES = 10
GRID_PROGRAMMES = 20


def activities() -> Prefetch:
    return Prefetch(
        "activities", queryset=Activity.objects.select_related("agency", "funding_source")
    )


def activity_context(request: HttpRequest, plan: Plan, programme: Programme) -> dict:
    programme = Programme.objects.prefetch_related(activities()).get(pk=programme.pk)
    return {"programme": programme}


KINDS = {
    "kegiatan": RecordKind(
        slug="kegiatan",
        model=Activity,
        form=ActivityForm,
        template="roadmap/programme_activities.html",
        page_url_name="roadmap:programme_activities",
        context=activity_context,
        title=_("Activities"),
        app="roadmap",
        parent_field="programme",
        siblings_by=("programme_id", "year", "quarter"),
        group_by=("year", "quarter"),
        select_related=("agency", "funding_source"),
    )
}


def dimension_filter(request: HttpRequest, plan: Plan) -> tuple[list[Dimension], Dimension | None]:
    """The plan's dimensions, and the one chosen with ``?dimensi=GOV`` if any."""
    dimensions = list(Dimension.objects.filter(framework=plan.framework_id).order_by("order"))
    code = request.GET.get("dimensi", "").upper()
    return dimensions, next((d for d in dimensions if d.code == code), None)


def page_of(request: HttpRequest, programmes, per_page: int):
    """A page of programmes, and the query string that keeps the filter on other pages."""
    page = Paginator(programmes, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def plan_programmes(request: HttpRequest, plan: Plan, dimension: Dimension | None):
    programmes = (
        Programme.objects.visible_to(request.user)
        .filter(plan=plan)
        .select_related("element__dimension", "lead_agency")
        .order_by("element__dimension__order", "element__order", "code")
    )
    return programmes.in_dimension(dimension) if dimension else programmes


# --- Activities ---------------------------------------------------------------------------


@login_required
def action_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    """All activities, grouped dimension → element → programme."""
    plan = plan_for(request, plan_id)
    dimensions, chosen = dimension_filter(request, plan)
    programmes = plan_programmes(request, plan, chosen)
    page, filter_query = page_of(
        request, programmes.prefetch_related(activities()), ACTION_PLAN_PROGRAMMES
    )
    for programme in page.object_list:
        programme.activity_budget = sum(a.budget or 0 for a in programme.activities.all())
    total = Activity.objects.filter(programme__in=programmes).aggregate(total=Sum("budget"))
    prefetch_related_objects([plan], "books")  # the navigation lists them twice: one query
    context = plan_context(
        request,
        plan,
        page=page,
        filter_query=filter_query,
        programmes=page.object_list,
        dimensions=dimensions,
        chosen=chosen,
        kind=KINDS["kegiatan"],
        return_to=return_to(request),
        total=total["total"] or 0,
        wide_page=True,
        **edit_rights(request.user, plan),
    )
    return render(request, "roadmap/action_plan.html", context)


@login_required
def programme_activities(request: HttpRequest, plan_id: int, pk: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    return render_page(request, plan, KINDS["kegiatan"], programme_for(request, plan, pk))


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest, plan_id: int, pk: int, kind: str) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programme = programme_for(request, plan, pk, action="edit")
    return create_record(request, plan, kind_or_404(KINDS, kind), programme)


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(
    request: HttpRequest, plan_id: int, pk: int, kind: str, record_id: int
) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programme = programme_for(request, plan, pk)
    return edit_record(request, plan, kind_or_404(KINDS, kind), record_id, programme)


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(
    request: HttpRequest, plan_id: int, pk: int, kind: str, record_id: int
) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programme = programme_for(request, plan, pk)
    return delete_record(request, plan, kind_or_404(KINDS, kind), record_id, programme)


@login_required
@require_POST
def record_move(
    request: HttpRequest, plan_id: int, pk: int, kind: str, record_id: int
) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programme = programme_for(request, plan, pk)
    return move_record(request, plan, kind_or_404(KINDS, kind), record_id, programme)


# --- The roadmap grid ------------------------------------------------------------------------


@login_required
def roadmap_grid(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Programme × year: the roadmap's target and budget, and the budget lines beside them."""
    plan = plan_for(request, plan_id)
    dimensions, chosen = dimension_filter(request, plan)
    all_programmes = plan_programmes(request, plan, chosen)
    page, filter_query = page_of(request, all_programmes, GRID_PROGRAMMES)
    programmes = list(page.object_list)
    rows = roadmap_rows(all_programmes)
    cell = CellLinks(plan)
    for programme in programmes:
        row = row_of(rows, programme.pk)
        programme.cells = [
            (year, row.cell(year), *cell.links(programme, year)) for year in plan.years
        ]
    roadmap_by_year = {
        year: sum(row.cell(year).budget or 0 for row in rows.values()) for year in plan.years
    }
    lines_by_year = {
        year: sum(row.cell(year).line_total or 0 for row in rows.values()) for year in plan.years
    }
    prefetch_related_objects([plan], "books")  # the navigation lists them twice: one query
    context = plan_context(
        request,
        plan,
        page=page,
        filter_query=filter_query,
        programmes=programmes,
        dimensions=dimensions,
        chosen=chosen,
        totals=[
            (year, roadmap_by_year.get(year, 0), lines_by_year.get(year, 0)) for year in plan.years
        ],
        lines_title=_("Budget lines of this year"),
        derived_title=_("From the indicators' targets"),
        wide_page=True,
        **edit_rights(request.user, plan),
    )
    return render(request, "roadmap/roadmap_grid.html", context)


class CellLinks:
    """Each cell's URL and its label for screen readers, without a reverse() and a
    translation per cell: the grid has one cell per programme and year (370 for the demo
    plan), and those were most of its time."""

    SENTINEL_PROGRAMME, SENTINEL_YEAR = 987654321, 987654322

    def __init__(self, plan: Plan) -> None:
        self.pattern = reverse(
            "roadmap:roadmap_cell", args=[plan.pk, self.SENTINEL_PROGRAMME, self.SENTINEL_YEAR]
        )
        self.label = gettext("%(code)s in %(year)s")

    def links(self, programme: Programme, year: int) -> tuple[str, str, str]:
        """The cell's URL, label and HTML id (numbers written by the template are
        localised one by one, which costs more than the rest of a cell)."""
        url = self.pattern.replace(f"/{self.SENTINEL_PROGRAMME}/", f"/{programme.pk}/").replace(
            f"/{self.SENTINEL_YEAR}/", f"/{year}/"
        )
        label = self.label % {"code": programme.code, "year": year}
        return url, label, f"cell-{programme.pk}-{year}"


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_cell(request: HttpRequest, plan_id: int, pk: int, year: int) -> HttpResponse:
    """One cell of the grid: the programme's target and budget in a year."""
    plan = plan_for(request, plan_id)
    programme = access(
        request.user,
        Programme.objects.filter(plan=plan).select_related("element__dimension"),
        action="edit",
        pk=pk,
    )
    if year not in plan.years:
        raise Http404
    entry = RoadmapEntry.objects.filter(programme=programme, year=year).first()
    kwargs = {"plan": plan, "user": request.user, "parent": programme}
    form = RoadmapEntryForm(
        request.POST or None,
        instance=entry or RoadmapEntry(programme=programme, year=year),
        **kwargs,
    )
    context = plan_context(
        request, plan, programme=programme, year=year, form=form, **edit_rights(request.user, plan)
    )
    if request.method == "GET" and "show" in request.GET:
        return grid_cell(request, context)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if not (form.is_blank() and entry is None and not form.cleaned_data["version"]):
                cell_save(form, by=request.user)
        except VersionConflict:
            current = RoadmapEntry.objects.select_related("updated_by").get(
                programme=programme, year=year
            )
            context["conflict"], context["form"] = resolve_conflict(
                request, form, current, based_on=form.cleaned_data["version"], **kwargs
            )
            status = 409
        else:
            if not request.htmx:
                grid = reverse("roadmap:roadmap_grid", args=[plan.pk])
                return redirect(f"{grid}#cell-{programme.pk}-{year}")
            return grid_cell(request, context)
    template = "roadmap/roadmap_cell.html"
    return render(request, f"{template}#form" if request.htmx else template, context, status=status)


def grid_cell(request: HttpRequest, context: dict) -> HttpResponse:
    """The cell as the grid shows it: the typed entry over what the programme's targets,
    budget lines and activities of the year say."""
    programme, year = context["programme"], context["year"]
    cell_url, cell_label, cell_id = CellLinks(context["plan"]).links(programme, year)
    context.update(
        cell=row_of(roadmap_rows([programme.pk]), programme.pk).cell(year),
        cell_url=cell_url,
        cell_label=cell_label,
        cell_id=cell_id,
        lines_title=_("Budget lines of this year"),
        derived_title=_("From the indicators' targets"),
    )
    return render(request, "roadmap/roadmap_grid.html#cell", context)
