"""Programmes: the filtered list, the detail page with everything hanging on a
programme (edited inline, see masterplan.editing), the programme form, and its photos."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Sum, prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dimensions.models import Dimension, FundingSource
from masterplan import services
from masterplan.context import plan_context
from masterplan.editing import (
    RecordKind,
    create_record,
    delete_record,
    edit_record,
    edit_rights,
    fresh,
    kind_or_404,
    may_edit_in,
    move_record,
    plan_for,
    render_page,
    resolve_conflict,
    return_to,
    save_form,
)
from masterplan.lib.ordering import sibling_order
from masterplan.models import Agency, Book, Plan, Revision, VersionConflict
from masterplan.permissions import access, can_edit
from masterplan.plan_cache import kept, plan_cache_key, plan_version
from masterplan.templatetags.fragments import fragment_key
from programs import forms
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    ProgrammePhoto,
    Risk,
)

PER_PAGE = 50


def programme_for(request: HttpRequest, plan: Plan, pk: int, action: str = "view") -> Programme:
    programmes = Programme.objects.filter(plan=plan).select_related(
        "element__dimension", "pillar", "horizon", "innovation_type", "lead_agency"
    )
    return access(request.user, programmes, action=action, pk=pk)


# --- What the programme page shows, one board per kind of record ----------------------------


def _in_order(records) -> list:
    """The records in their order within the programme (without joining the programme, its
    plan, cohort and region only to sort by values that are the same for all)."""
    if not records.query.order_by:
        records = records.order_by(*sibling_order(records.model, "programme", "plan"))
    return list(records)


def _with_programme(programme: Programme, records: list) -> list:
    """The records with their programme set: the suggestions and permission checks walk
    record → programme → plan, which would otherwise fetch both again for each record."""
    for record in records:
        record.programme = programme
    return records


def _of(programme: Programme, records) -> list:
    return _with_programme(programme, _in_order(records))


def _indicators(programme: Programme):
    targets = IndicatorTarget.objects.order_by(*sibling_order(IndicatorTarget, "indicator"))
    return (
        Indicator.objects.filter(programme=programme)
        .select_related("indicator_type")
        .prefetch_related(Prefetch("targets", queryset=targets))
    )


def _budget_lines(programme: Programme):
    return (
        BudgetLine.objects.filter(programme=programme)
        .select_related("funding_source")
        .order_by("year", "funding_source__order", "pk")
    )


def _budget(lines: list) -> dict:
    totals: dict[int, int] = {}
    for line in lines:
        totals[line.year] = totals.get(line.year, 0) + line.amount
    return {
        "budget_lines": lines,
        "budget_by_year": sorted(totals.items()),
        "budget_total": sum(totals.values()),
    }


# The boards of the programme page: what each lists.
BOARDS = {
    "indicators": _indicators,
    "budget_lines": _budget_lines,
    "partners": lambda programme: Partner.objects.filter(programme=programme),
    "risks": lambda programme: Risk.objects.filter(programme=programme).select_related("owner"),
    "before_after": lambda programme: FlagshipIndicator.objects.filter(programme=programme),
    "photos": lambda programme: ProgrammePhoto.objects.filter(programme=programme),
}


def indicator_context(request: HttpRequest, plan: Plan, programme: Programme) -> dict:
    return {"indicators": _of(programme, BOARDS["indicators"](programme))}


def budget_context(request: HttpRequest, plan: Plan, programme: Programme) -> dict:
    return _budget(_of(programme, BOARDS["budget_lines"](programme)))


def partner_context(request: HttpRequest, plan: Plan, programme: Programme) -> dict:
    return {"partners": _of(programme, BOARDS["partners"](programme))}


def risk_context(request: HttpRequest, plan: Plan, programme: Programme) -> dict:
    return {"risks": _of(programme, BOARDS["risks"](programme))}


def before_after_context(request: HttpRequest, plan: Plan, programme: Programme) -> dict:
    return {"before_after": _of(programme, BOARDS["before_after"](programme))}


def photo_context(request: HttpRequest, plan: Plan, programme: Programme) -> dict:
    return {"photos": _of(programme, BOARDS["photos"](programme))}


def _kind(slug, model, form, context, title, board, item, **options) -> RecordKind:
    return RecordKind(
        slug=slug,
        model=model,
        form=form,
        template="programs/programme_detail.html",
        page_url_name="programs:programme_detail",
        context=context,
        title=title,
        app="programs",
        parent_field="programme",
        board_partial=board,
        item_partial=item,
        **options,
    )


KINDS = {
    kind.slug: kind
    for kind in [
        _kind(
            "indikator",
            Indicator,
            forms.IndicatorForm,
            indicator_context,
            gettext_lazy("Indicators"),
            "indicators",
            "indicator",
            siblings_by=("programme_id",),
            select_related=("indicator_type",),
        ),
        _kind(
            "anggaran",
            BudgetLine,
            forms.BudgetLineForm,
            budget_context,
            gettext_lazy("Budget"),
            "budget",
            "budget_line",
            select_related=("funding_source",),
        ),
        _kind(
            "mitra",
            Partner,
            forms.PartnerForm,
            partner_context,
            gettext_lazy("Partners"),
            "partners",
            "partner",
        ),
        _kind(
            "risiko",
            Risk,
            forms.RiskForm,
            risk_context,
            gettext_lazy("Risks"),
            "risks",
            "risk",
            select_related=("owner",),
        ),
        _kind(
            "sebelum-sesudah",
            FlagshipIndicator,
            forms.FlagshipIndicatorForm,
            before_after_context,
            gettext_lazy("Before and after"),
            "before_after",
            "before_after_item",
            siblings_by=("programme_id",),
        ),
        _kind(
            "foto",
            ProgrammePhoto,
            forms.ProgrammePhotoForm,
            photo_context,
            gettext_lazy("Photos"),
            "photos",
            "photo",
            siblings_by=("programme_id",),
        ),
    ]
}


def plan_risk_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    risks = list(Risk.objects.filter(plan=plan).select_related("owner", "programme"))
    return {
        "plan_risks": [risk for risk in risks if risk.programme_id is None],
        "programme_risks": [risk for risk in risks if risk.programme_id is not None],
    }


# Records of the whole plan rather than of one programme.
PLAN_KINDS = {
    "risiko-rencana": RecordKind(
        slug="risiko-rencana",
        model=Risk,
        form=forms.RiskForm,
        template="programs/risk_list.html",
        page_url_name="programs:risk_list",
        context=plan_risk_context,
        title=gettext_lazy("Risk management"),
        app="programs",
        select_related=("owner",),
    )
}


# --- The list ---------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    filters = forms.ProgrammeFilterForm(request.GET or None, plan=plan)
    programmes = filters.filter(
        Programme.objects.visible_to(request.user)
        .filter(plan=plan)
        .select_related("element__dimension", "lead_agency", "horizon")
        # not with_budget_total(): its annotation clashes with the budget_total property
        .annotate(budget_sum=Sum("budget_lines__amount"))
        .order_by("element__dimension__order", "element__order", "code")
    )
    page = Paginator(programmes, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    if not request.htmx:
        prefetch_related_objects([plan], "books")  # the navigation lists them twice
    context = plan_context(
        request,
        plan,
        filters=filters,
        page=page,
        filter_query=query.urlencode(),
        **edit_rights(request.user, plan),
    )
    template = "programs/programme_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


# --- One programme ----------------------------------------------------------------------


def _with_dimension(name: str) -> Prefetch:
    """The programme's links to Buku 2 records, each with its dimension in the same query."""
    model = Programme._meta.get_field(name).related_model
    # all of the programme's plan (the forms and the API refuse others): sorted within it
    ordering = sibling_order(model, "plan")
    return Prefetch(name, queryset=model.objects.select_related("dimension").order_by(*ordering))


CARD_PREFETCHES = (
    # all of the programme's region (the forms and the API refuse others)
    Prefetch("supporting_agencies", Agency.objects.order_by(*sibling_order(Agency, "region"))),
    *map(_with_dimension, ("strategies", "issues", "swot_items", "gap_items")),
)


def _page_rows(programme: Programme) -> dict[str, list]:
    """Everything the programme page lists of the programme: its boards' records, its
    activities and its roadmap entries (without the programme set on them: kept apart)."""
    # the activities and entries live a floor above (roadmap): reached through the relation
    activity = Programme._meta.get_field("activities").related_model
    entry = Programme._meta.get_field("roadmap_entries").related_model
    rows = {name: _in_order(records(programme)) for name, records in BOARDS.items()}
    rows["activities"] = list(
        activity.objects.filter(programme=programme)
        .select_related("agency", "funding_source")
        .order_by(*sibling_order(activity, "programme"))
    )
    rows["roadmap_entries"] = list(
        entry.objects.filter(programme=programme).order_by(*sibling_order(entry, "programme"))
    )
    return rows


@login_required
def programme_detail(request: HttpRequest, plan_id: int, pk: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programmes = Programme.objects.filter(plan=plan).select_related(
        "plan",  # the permission check reads its region
        "element__dimension",
        "pillar",
        "horizon",
        "innovation_type",
        "lead_agency",
        "updated_by",
    )
    programme = access(request.user, programmes, pk=pk)
    programme.plan = plan  # the boards read the plan's years: not fetched a second time
    # the navigation lists the books twice (side bar, and the offcanvas on phones): one query
    prefetch_related_objects(
        [plan], Prefetch("books", Book.objects.order_by(*sibling_order(Book, "plan")))
    )
    # What the page lists reads nobody's rights: kept per plan content version
    # (masterplan/plan_cache.py); the buttons, suggestions and comments are the reader's.
    version = plan_version(plan)
    rows = kept(plan_cache_key("programme-rows", programme, version), lambda: _page_rows(programme))
    for records in rows.values():
        _with_programme(programme, records)
    activities = programme.activities.all()
    activities._result_cache, activities._prefetch_done = rows["activities"], True
    programme._prefetched_objects_cache = {"activities": activities}
    context = plan_context(
        request,
        plan,
        programme=programme,
        # its description and links likewise (and only on a miss are its links fetched)
        card_key=fragment_key("programme-card", programme, version),
        load_card=lambda: prefetch_related_objects([programme], *CARD_PREFETCHES),
        kinds=KINDS,
        return_to=return_to(request),
        may_edit=can_edit(request.user, programme),
        revisions=Revision.objects.for_object(programme).select_related("actor")[:5],
        indicators=rows["indicators"],
        partners=rows["partners"],
        risks=rows["risks"],
        before_after=rows["before_after"],
        photos=rows["photos"],
        roadmap_entries=rows["roadmap_entries"],
        **_budget(rows["budget_lines"]),
        **edit_rights(request.user, plan),
    )
    return render(request, "programs/programme_detail.html", context)


def _programme_form_page(request, plan, form, *, conflict=None, status=200) -> HttpResponse:
    context = plan_context(request, plan, form=form, programme=form.instance, conflict=conflict)
    return render(request, "programs/programme_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    if not edit_rights(request.user, plan)["can_add"]:
        raise PermissionDenied
    programme = Programme(plan=plan)
    form = forms.ProgrammeForm(
        request.POST or None, instance=programme, plan=plan, user=request.user
    )
    if request.method != "POST" or not form.is_valid():
        return _programme_form_page(request, plan, form)
    if not may_edit_in(request.user, plan, form.instance.element.dimension_id):
        raise PermissionDenied
    save_form(form, by=request.user)
    messages.success(request, _("Programme %(code)s created.") % {"code": programme.code})
    return redirect("programs:programme_detail", plan.pk, programme.pk)


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, plan_id: int, pk: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programme = programme_for(request, plan, pk, action="edit")
    kwargs = {"plan": plan, "user": request.user}
    form = forms.ProgrammeForm(request.POST or None, instance=programme, **kwargs)
    if request.method != "POST" or not form.is_valid():
        return _programme_form_page(request, plan, form)
    if not may_edit_in(request.user, plan, form.instance.element.dimension_id):
        raise PermissionDenied
    try:
        save_form(form, by=request.user)
    except VersionConflict:
        conflict, merged = resolve_conflict(
            request, form, fresh(programme), based_on=form.cleaned_data["version"], **kwargs
        )
        return _programme_form_page(request, plan, merged, conflict=conflict, status=409)
    messages.success(request, _("Saved."))
    return redirect("programs:programme_detail", plan.pk, programme.pk)


@login_required
@require_http_methods(["GET", "POST"])
def programme_delete(request: HttpRequest, plan_id: int, pk: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programme = programme_for(request, plan, pk, action="edit")
    if request.method != "POST":
        context = plan_context(request, plan, programme=programme)
        return render(request, "programs/programme_delete.html", context)
    services.record_delete(programme, by=request.user)
    messages.success(
        request,
        _("Programme %(name)s deleted. An administrator can undo this.") % {"name": programme},
    )
    return redirect("programs:programme_list", plan.pk)


@login_required
def programme_photo(request: HttpRequest, plan_id: int, pk: int, photo_id: int) -> FileResponse:
    """A programme's photo, for those who may see the programme only."""
    plan = plan_for(request, plan_id)
    photos = ProgrammePhoto.objects.filter(programme__plan=plan, programme_id=pk)
    photo = access(request.user, photos, pk=photo_id)
    response = FileResponse(photo.image.open("rb"))
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- A yearly target of an indicator, edited in its cell --------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def indicator_target(
    request: HttpRequest, plan_id: int, pk: int, indicator_id: int, year: int
) -> HttpResponse:
    plan = plan_for(request, plan_id)
    programme = programme_for(request, plan, pk, action="edit")
    indicator = access(
        request.user, Indicator.objects.filter(programme=programme), action="edit", pk=indicator_id
    )
    if year not in plan.years:
        raise Http404
    target = IndicatorTarget.objects.filter(indicator=indicator, year=year).first()
    instance = target or IndicatorTarget(indicator=indicator, year=year)
    kwargs = {"plan": plan, "user": request.user, "parent": programme}
    form = forms.IndicatorTargetForm(request.POST or None, instance=instance, **kwargs)
    context = plan_context(
        request,
        plan,
        programme=programme,
        indicator=indicator,
        year=year,
        form=form,
        **edit_rights(request.user, plan),
    )
    if request.method == "GET" and "show" in request.GET:
        context["target"] = target
        return render(request, "programs/programme_detail.html#target", context)
    if request.method == "POST" and form.is_valid():
        try:
            cell_save(form, by=request.user)
        except VersionConflict:
            current = IndicatorTarget.objects.select_related("updated_by").get(
                indicator=indicator, year=year
            )
            context["conflict"], context["form"] = resolve_conflict(
                request, form, current, based_on=form.cleaned_data["version"], **kwargs
            )
            return _cell_response(request, context, status=409)
        if not request.htmx:
            return redirect(
                reverse("programs:programme_detail", args=[plan.pk, programme.pk])
                + f"#indicator-{indicator.pk}"
            )
        context["target"] = form.instance
        return render(request, "programs/programme_detail.html#target", context)
    return _cell_response(request, context)


def _cell_response(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    template = "programs/indicator_target.html"
    return render(request, f"{template}#form" if request.htmx else template, context, status=status)


def cell_save(form, *, by: Any):
    """Save a grid cell; a row someone else created meanwhile is a conflict too."""
    record = form.save(commit=False)
    if record._state.adding:
        try:
            with transaction.atomic():
                services.record_save(record, by=by)
        except IntegrityError:
            record.pk = None
            raise VersionConflict(record, None) from None
        return record
    services.record_save(record, by=by, based_on=form.cleaned_data.get("version") or 0)
    return record


# --- Adding, editing, deleting and reordering a programme's (or the plan's) records -------


def kind_and_programme(
    request: HttpRequest, plan: Plan, slug: str, pk: int | None, action: str = "view"
) -> tuple[RecordKind, Programme | None]:
    """The kind of record and, for a programme's records, the programme (``pk``)."""
    if pk is None:
        return kind_or_404(PLAN_KINDS, slug), None
    return kind_or_404(KINDS, slug), programme_for(request, plan, pk, action=action)


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest, plan_id: int, kind: str, pk: int | None = None):
    plan = plan_for(request, plan_id)
    record_kind, programme = kind_and_programme(request, plan, kind, pk, action="edit")
    return create_record(request, plan, record_kind, programme)


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(
    request: HttpRequest, plan_id: int, kind: str, record_id: int, pk: int | None = None
) -> HttpResponse:
    plan = plan_for(request, plan_id)
    record_kind, programme = kind_and_programme(request, plan, kind, pk)
    return edit_record(request, plan, record_kind, record_id, programme)


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(
    request: HttpRequest, plan_id: int, kind: str, record_id: int, pk: int | None = None
) -> HttpResponse:
    plan = plan_for(request, plan_id)
    record_kind, programme = kind_and_programme(request, plan, kind, pk)
    return delete_record(request, plan, record_kind, record_id, programme)


@login_required
@require_POST
def record_move(
    request: HttpRequest, plan_id: int, kind: str, record_id: int, pk: int | None = None
) -> HttpResponse:
    plan = plan_for(request, plan_id)
    record_kind, programme = kind_and_programme(request, plan, kind, pk)
    return move_record(request, plan, record_kind, record_id, programme)


# --- The plan's risks and its financing --------------------------------------------------


@login_required
def risk_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Risks of the whole plan (edited here) and the programmes' risks (listed)."""
    return render_page(request, plan_for(request, plan_id), PLAN_KINDS["risiko-rencana"])


@login_required
def financing(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The financing framework: the budget lines per funding source and dimension, per year."""
    plan = plan_for(request, plan_id)
    programmes = Programme.objects.visible_to(request.user).filter(plan=plan)
    lines = BudgetLine.objects.filter(programme__in=programmes).order_by()
    years = list(plan.years)

    def table(items, key: str) -> tuple[list, list[int]]:
        sums = lines.values_list(key, "year").annotate(total=Sum("amount"))
        found = {(item_id, year): total for item_id, year, total in sums}
        rows = []
        for item in items:
            amounts = [found.get((item.pk, year), 0) for year in years]
            if any(amounts):
                rows.append((item, amounts, sum(amounts)))
        totals = [sum(row[1][i] for row in rows) for i in range(len(years))]
        return rows, totals

    sources, source_totals = table(
        FundingSource.objects.filter(framework=plan.framework_id).order_by("order"),
        "funding_source_id",
    )
    dimensions, dimension_totals = table(
        Dimension.objects.filter(framework=plan.framework_id).order_by("order"),
        "programme__dimension_id",
    )
    context = plan_context(
        request,
        plan,
        years=years,
        sources=sources,
        source_totals=source_totals,
        dimensions=dimensions,
        dimension_totals=dimension_totals,
        total=sum(source_totals),
    )
    return render(request, "programs/financing.html", context)
