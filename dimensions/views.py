"""The analysis (Buku 1) and strategy (Buku 2) editors of a plan, and its institutions.

Each page lists one kind of record; adding, editing, deleting and reordering go
through the four generic views at the bottom, which follow masterplan.editing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from dimensions import forms
from dimensions.models import (
    Dimension,
    ExistingInnovation,
    GapItem,
    Goal,
    Pillar,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.editing import (
    RecordKind,
    create_record,
    delete_record,
    edit_record,
    kind_or_404,
    move_record,
    plan_for,
    render_page,
)
from masterplan.models import Institution, InstitutionMember, Plan


@dataclass
class Group:
    """The records of one dimension, or of the whole plan when ``dimension`` is None."""

    dimension: Dimension | None
    items: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.dimension.code.lower() if self.dimension else "plan"


def by_dimension(plan: Plan, records, *, plan_wide: bool = True) -> list[Group]:
    dimensions = Dimension.objects.filter(framework=plan.framework_id).order_by("order")
    groups = {dimension.pk: Group(dimension) for dimension in dimensions}
    loose = Group(None)
    for record in records:
        groups.get(record.dimension_id, loose).items.append(record)
    return ([loose] if plan_wide or loose.items else []) + list(groups.values())


# --- What each page shows ----------------------------------------------------------------


def profile_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    return {"profile": RegionProfile.objects.filter(plan=plan).first()}


def readiness_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    records = ReadinessAssessment.objects.filter(plan=plan).select_related("aspect__pillar")
    assessments = {a.aspect_id: a for a in records}
    pillars = list(
        Pillar.objects.filter(framework=plan.framework_id)
        .order_by("order")
        .prefetch_related("aspects")
    )
    for pillar in pillars:
        pillar.rows = [(aspect, assessments.get(aspect.pk)) for aspect in pillar.aspects.all()]
    return {"pillars": pillars}


def gap_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    items = GapItem.objects.filter(plan=plan).select_related("dimension", "pillar")
    return {"groups": by_dimension(plan, items.order_by("order", "pk"))}


def swot_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    items = SwotItem.objects.filter(plan=plan).select_related("pillar").order_by("order", "pk")
    groups = by_dimension(plan, items)
    for group in groups:
        group.quadrants = [
            (kind, label, [item for item in group.items if item.kind == kind])
            for kind, label in SwotItem.Kind.choices
        ]
    return {"groups": groups}


def issue_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    items = StrategicIssue.objects.filter(plan=plan).select_related("element__dimension")
    return {"groups": by_dimension(plan, items.order_by("order", "pk"), plan_wide=False)}


def innovation_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    items = ExistingInnovation.objects.filter(plan=plan).select_related(
        "element__dimension", "agency"
    )
    return {"groups": by_dimension(plan, items.order_by("name", "pk"))}


def goal_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    items = Goal.objects.filter(plan=plan).order_by("order", "pk")
    return {"groups": by_dimension(plan, items)}


def strategy_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    items = (
        Strategy.objects.filter(plan=plan)
        .select_related("element__dimension")
        .prefetch_related("issues")
        .order_by("order", "pk")
    )
    return {"groups": by_dimension(plan, items, plan_wide=False)}


def institution_context(request: HttpRequest, plan: Plan, parent: Any = None) -> dict:
    institutions = Institution.objects.filter(plan=plan).prefetch_related(
        Prefetch("members", queryset=InstitutionMember.objects.select_related("agency"))
    )
    institutions = list(institutions)
    taken = {institution.kind for institution in institutions}
    missing = [(kind, label) for kind, label in Institution.Kind.choices if kind not in taken]
    return {"institutions": institutions, "missing_kinds": missing}


KINDS = {
    kind.slug: kind
    for kind in [
        RecordKind(
            slug="profil",
            model=RegionProfile,
            form=forms.RegionProfileForm,
            template="dimensions/region_profile.html",
            page_url_name="dimensions:region_profile",
            context=profile_context,
            title=_("Region profile"),
        ),
        RecordKind(
            slug="kesiapan",
            model=ReadinessAssessment,
            form=forms.ReadinessForm,
            template="dimensions/readiness_list.html",
            page_url_name="dimensions:readiness_list",
            context=readiness_context,
            title=_("Readiness"),
            select_related=("aspect__pillar",),
        ),
        RecordKind(
            slug="kesenjangan",
            model=GapItem,
            form=forms.GapItemForm,
            template="dimensions/gap_list.html",
            page_url_name="dimensions:gap_list",
            context=gap_context,
            title=_("Gap analysis"),
            siblings_by=("plan_id", "dimension_id"),
            group_by=("dimension_id",),
            select_related=("dimension", "pillar"),
        ),
        RecordKind(
            slug="swot",
            model=SwotItem,
            form=forms.SwotItemForm,
            template="dimensions/swot_list.html",
            page_url_name="dimensions:swot_list",
            context=swot_context,
            title=_("SWOT"),
            siblings_by=("plan_id", "dimension_id", "kind"),
            group_by=("dimension_id", "kind"),
            select_related=("pillar",),
        ),
        RecordKind(
            slug="isu-strategis",
            model=StrategicIssue,
            form=forms.StrategicIssueForm,
            template="dimensions/issue_list.html",
            page_url_name="dimensions:issue_list",
            context=issue_context,
            title=_("Strategic issues"),
            siblings_by=("plan_id", "dimension_id"),
            group_by=("dimension_id",),
            select_related=("element__dimension",),
        ),
        RecordKind(
            slug="inovasi",
            model=ExistingInnovation,
            form=forms.ExistingInnovationForm,
            template="dimensions/innovation_list.html",
            page_url_name="dimensions:innovation_list",
            context=innovation_context,
            title=_("Existing innovations"),
            group_by=("dimension_id",),
            select_related=("element__dimension", "agency"),
        ),
        RecordKind(
            slug="tujuan",
            model=Goal,
            form=forms.GoalForm,
            template="dimensions/goal_list.html",
            page_url_name="dimensions:goal_list",
            context=goal_context,
            title=_("Goals and targets"),
            siblings_by=("plan_id", "dimension_id"),
            group_by=("dimension_id",),
        ),
        RecordKind(
            slug="strategi",
            model=Strategy,
            form=forms.StrategyForm,
            template="dimensions/strategy_list.html",
            page_url_name="dimensions:strategy_list",
            context=strategy_context,
            title=_("Strategies"),
            siblings_by=("plan_id", "dimension_id"),
            group_by=("dimension_id",),
            select_related=("element__dimension",),
        ),
        RecordKind(
            slug="kelembagaan",
            model=Institution,
            form=forms.InstitutionForm,
            template="dimensions/institution_list.html",
            page_url_name="dimensions:institution_list",
            context=institution_context,
            title=_("Institutions"),
        ),
        RecordKind(
            slug="anggota",
            model=InstitutionMember,
            form=forms.InstitutionMemberForm,
            template="dimensions/institution_list.html",
            page_url_name="dimensions:institution_list",
            context=institution_context,
            title=_("Members of the institutions"),
            siblings_by=("institution_id",),
            group_by=("institution_id",),
            plan_lookup="institution__plan",
            select_related=("agency",),
            board_name="kelembagaan",
            item_partial="member",
        ),
    ]
}


# --- The pages ---------------------------------------------------------------------------


@login_required
def region_profile(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["profil"])


@login_required
def readiness_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["kesiapan"])


@login_required
def gap_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["kesenjangan"])


@login_required
def swot_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["swot"])


@login_required
def issue_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["isu-strategis"])


@login_required
def innovation_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["inovasi"])


@login_required
def goal_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["tujuan"])


@login_required
def strategy_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["strategi"])


@login_required
def institution_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    return render_page(request, plan_for(request, plan_id), KINDS["kelembagaan"])


# --- Adding, editing, deleting and reordering any of them --------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest, plan_id: int, kind: str) -> HttpResponse:
    return create_record(request, plan_for(request, plan_id), kind_or_404(KINDS, kind))


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, plan_id: int, kind: str, pk: int) -> HttpResponse:
    return edit_record(request, plan_for(request, plan_id), kind_or_404(KINDS, kind), pk)


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, plan_id: int, kind: str, pk: int) -> HttpResponse:
    return delete_record(request, plan_for(request, plan_id), kind_or_404(KINDS, kind), pk)


@login_required
@require_POST
def record_move(request: HttpRequest, plan_id: int, kind: str, pk: int) -> HttpResponse:
    return move_record(request, plan_for(request, plan_id), kind_or_404(KINDS, kind), pk)
