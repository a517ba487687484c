"""The linked records a section shows besides its text (Section.records).

The core app does not import the book apps: counts go through the reverse
relations they declare on Plan, and links through URL names that may or may not
exist yet (a missing route shows the label without a link).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from masterplan.models import Plan


@dataclass(frozen=True)
class RecordKind:
    label: str
    relation: str | None = None  # reverse relation on Plan to count
    url_names: tuple[str, ...] = ()


KINDS: dict[str, RecordKind] = {
    "profile": RecordKind(_("Regional profile"), None, ("dimensions:region_profile",)),
    "readiness": RecordKind(_("Readiness per pillar"), "readiness", ("dimensions:readiness_list",)),
    "readiness_summary": RecordKind(
        _("Readiness summary"), "readiness", ("dimensions:readiness_list",)
    ),
    "gaps": RecordKind(_("Gap analysis"), "gap_items", ("dimensions:gap_list",)),
    "swot": RecordKind(_("SWOT"), "swot_items", ("dimensions:swot_list",)),
    "strategic_issues": RecordKind(
        _("Strategic issues"),
        "strategic_issues",
        ("dimensions:issue_list",),
    ),
    "innovations": RecordKind(
        _("Existing innovations"), "innovations", ("dimensions:innovation_list",)
    ),
    "vision": RecordKind(_("Vision, mission and goals"), "goals", ("dimensions:goal_list",)),
    "goals": RecordKind(_("Goals and targets"), "goals", ("dimensions:goal_list",)),
    "strategies": RecordKind(_("Strategies"), "strategies", ("dimensions:strategy_list",)),
    "programmes": RecordKind(_("Programmes"), "programmes", ("programs:programme_list",)),
    "quick_wins": RecordKind(_("Quick wins"), None, ("programs:programme_list",)),
    "flagship_detail": RecordKind(_("Flagship programmes"), None, ("programs:programme_list",)),
    "action_plan": RecordKind(_("Action plan (activities)"), None, ("roadmap:action_plan",)),
    "roadmap": RecordKind(_("Roadmap"), None, ("roadmap:roadmap_grid",)),
    "financing": RecordKind(
        _("Financing framework"), None, ("programs:financing", "roadmap:financing")
    ),
    "institutions": RecordKind(
        _("Institutions and governance"), "institutions", ("dimensions:institution_list",)
    ),
    "risks": RecordKind(_("Risk management"), "risks", ("programs:risk_list", "programs:risks")),
    "dimension_summary": RecordKind(_("Summary per dimension")),
    "commitment": RecordKind(_("Commitment sheet")),
}


@dataclass(frozen=True)
class RecordLink:
    key: str
    label: str
    url: str | None
    count: int | None


def _url_for(kind: RecordKind, plan: Plan) -> str | None:
    for name in kind.url_names:
        for kwargs in ({"plan_id": plan.pk}, None):
            try:
                if kwargs:
                    return reverse(name, kwargs=kwargs)
                return reverse(name, args=[plan.pk])
            except NoReverseMatch:
                continue
    return None


def _count_subquery(relation: str) -> Subquery | None:
    try:
        field = Plan._meta.get_field(relation)
    except FieldDoesNotExist:
        return None
    if not getattr(field, "one_to_many", False):
        return None
    model, fk = field.related_model, field.field.name
    counted = (
        model._default_manager.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def record_links(plan: Plan, keys: set[str]) -> dict[str, RecordLink]:
    """One link per record kind, with counts from a single query."""
    kinds = {key: KINDS[key] for key in keys if key in KINDS}
    annotations = {}
    for key, kind in kinds.items():
        if kind.relation and (subquery := _count_subquery(kind.relation)) is not None:
            annotations[f"n_{key}"] = subquery
    counts = {}
    if annotations:
        counts = (
            Plan.objects.filter(pk=plan.pk).annotate(**annotations).values(*annotations).first()
            or {}
        )
    return {
        key: RecordLink(key, str(kind.label), _url_for(kind, plan), counts.get(f"n_{key}"))
        for key, kind in kinds.items()
    }
