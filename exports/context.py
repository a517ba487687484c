"""What the print templates show: the book's numbered outline with its text and blocks.

``build_print_context(book)`` walks ``Book.outline()`` and gives every section the blocks
(tables, figures, lists) of the linked records named by ``Section.records``. Records are
read once per kind for the whole plan (a fixed number of queries whatever its size) and
grouped in Python. Tables and figures are numbered per chapter here, so the lists of
tables and figures and the captions always agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dimensions.models import (
    ExistingInnovation,
    GapItem,
    Goal,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from exports.assets import data_url, media_url, print_url
from masterplan.lib.sanitize import clean_html
from masterplan.models import Agency, Book, Institution, InstitutionMember, OutlineNode, Plan
from programs.models import BudgetLine, Indicator, Programme, Risk
from roadmap.models import Activity, RoadmapEntry

STYLESHEET = "book.css"
# Programmes per part of Buku 2's Gantt chart: one portrait page each.
GANTT_ROWS = 40
# Book number -> template; a cohort with more books prints them with the generic one.
BOOK_TEMPLATES = {n: f"exports/book_{n}.html" for n in (1, 2, 3, 4)}
GENERIC_TEMPLATE = "exports/_book.html"


def juta(amount: int | None) -> str:
    """Millions of rupiah with Indonesian thousands dots: 1250000000 -> ``1.250``."""
    if not amount:
        return "–"
    return f"{round(amount / 1_000_000):,}".replace(",", ".")


def miliar(amount: int | None) -> str:
    """Billions of rupiah, one decimal, Indonesian comma: 1250000000 -> ``1,3``."""
    if not amount:
        return "–"
    return f"{amount / 1_000_000_000:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass
class Block:
    """One table, figure or list of a section, rendered by ``template``."""

    template: str
    data: Any = None
    caption: str = ""
    kind: str = ""  # "table", "figure" or "" (no caption, not listed)
    wide: bool = False  # printed on a landscape page
    number: str = ""
    anchor: str = ""

    @property
    def label(self) -> str:
        if self.kind == "table":
            return _("Table %(number)s") % {"number": self.number}
        if self.kind == "figure":
            return _("Figure %(number)s") % {"number": self.number}
        return ""


@dataclass
class PrintNode:
    anchor: str
    number: str
    title: str
    level: int
    body: SafeString = field(default_factory=SafeString)  # sanitised by clean_html
    blocks: list[Block] = field(default_factory=list)
    children: list[PrintNode] = field(default_factory=list)
    own_page: bool = False
    dimension: Any = None

    @property
    def heading_tag(self) -> str:
        return f"h{min(self.level, 4)}"

    def walk(self) -> Iterator[PrintNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def section_body(html: str) -> SafeString:
    """Stored HTML is never trusted: it goes through the one allowlist on the way out too."""
    return mark_safe(clean_html(html))


def svg_image(svg: str) -> str:
    return data_url(svg, "image/svg+xml")


class PlanData:
    """The plan's records, each kind read once on first use, grouped for the templates."""

    def __init__(self, plan: Plan):
        self.plan = plan

    @cached_property
    def dimensions(self) -> list:
        return list(self.plan.framework.dimensions.order_by("order").prefetch_related("elements"))

    @cached_property
    def years(self) -> list[int]:
        return list(self.plan.years)

    @cached_property
    def profile(self) -> RegionProfile | None:
        return RegionProfile.objects.filter(plan=self.plan).first()

    @cached_property
    def readiness(self) -> list[ReadinessAssessment]:
        return list(
            ReadinessAssessment.objects.filter(plan=self.plan)
            .select_related("aspect__pillar")
            .order_by("aspect__pillar__order", "aspect__order")
        )

    @cached_property
    def gaps(self) -> list[GapItem]:
        return list(
            GapItem.objects.filter(plan=self.plan)
            .select_related("pillar", "dimension")
            .order_by("order", "pk")
        )

    @cached_property
    def swot_by_dimension(self) -> dict[int | None, dict[str, list[SwotItem]]]:
        grouped: dict[int | None, dict[str, list[SwotItem]]] = defaultdict(
            lambda: {kind: [] for kind in SwotItem.Kind.values}
        )
        for item in SwotItem.objects.filter(plan=self.plan).order_by("kind", "order", "pk"):
            grouped[item.dimension_id][item.kind].append(item)
        return grouped

    @cached_property
    def issues_by_dimension(self) -> dict[int, list[StrategicIssue]]:
        grouped: dict[int, list[StrategicIssue]] = defaultdict(list)
        issues = StrategicIssue.objects.filter(plan=self.plan).select_related("element")
        for issue in issues.order_by("dimension__order", "order", "pk"):
            grouped[issue.dimension_id].append(issue)
        return grouped

    @cached_property
    def innovations(self) -> list[ExistingInnovation]:
        return list(
            ExistingInnovation.objects.filter(plan=self.plan)
            .select_related("dimension", "agency")
            .order_by("dimension__order", "name")
        )

    @cached_property
    def goals(self) -> list[Goal]:
        return list(
            Goal.objects.filter(plan=self.plan).select_related("dimension").order_by("order", "pk")
        )

    @cached_property
    def strategies_by_dimension(self) -> dict[int, list[Strategy]]:
        grouped: dict[int, list[Strategy]] = defaultdict(list)
        strategies = Strategy.objects.filter(plan=self.plan).select_related("element")
        for strategy in strategies.order_by("dimension__order", "element__order", "order", "pk"):
            grouped[strategy.dimension_id].append(strategy)
        return grouped

    @cached_property
    def programmes(self) -> list[Programme]:
        return list(
            Programme.objects.filter(plan=self.plan)
            .select_related("element", "dimension", "horizon", "lead_agency")
            # Not with_budget_total(): its annotation collides with Programme.budget_total.
            .annotate(budget_sum=Sum("budget_lines__amount"))
            .order_by("dimension__order", "element__order", "code")
        )

    @cached_property
    def programmes_by_dimension(self) -> dict[int, list[Programme]]:
        grouped: dict[int, list[Programme]] = defaultdict(list)
        for programme in self.programmes:
            grouped[programme.dimension_id].append(programme)
        return grouped

    @cached_property
    def flagship_list(self) -> list[Programme]:
        return [p for p in self.programmes if p.is_flagship or p.is_quick_win]

    @cached_property
    def activities_by_programme(self) -> dict[int, list[Activity]]:
        grouped: dict[int, list[Activity]] = defaultdict(list)
        activities = Activity.objects.filter(programme__plan=self.plan).select_related(
            "agency", "funding_source"
        )
        for activity in activities.order_by("programme_id", "year", "quarter", "order", "pk"):
            grouped[activity.programme_id].append(activity)
        return grouped

    @cached_property
    def flagship_activities(self) -> dict[int, list[Activity]]:
        """Activities of the flagships and quick wins only (Buku 3 shows no others)."""
        if "activities_by_programme" in self.__dict__:
            return self.activities_by_programme
        grouped: dict[int, list[Activity]] = defaultdict(list)
        activities = Activity.objects.filter(
            programme__in=[programme.pk for programme in self.flagships]
        ).select_related("agency", "funding_source")
        for activity in activities.order_by("programme_id", "year", "quarter", "order", "pk"):
            grouped[activity.programme_id].append(activity)
        return grouped

    @cached_property
    def roadmap_cells(self) -> dict[int, dict[int, RoadmapEntry]]:
        cells: dict[int, dict[int, RoadmapEntry]] = defaultdict(dict)
        for entry in RoadmapEntry.objects.filter(programme__plan=self.plan).only(
            "programme_id", "year", "target", "budget"
        ):
            cells[entry.programme_id][entry.year] = entry
        return cells

    @cached_property
    def budget_by_source_year(self) -> list[dict]:
        rows: dict[str, dict] = {}
        lines = (
            BudgetLine.objects.filter(programme__plan=self.plan)
            .values("funding_source__name_id", "funding_source__order", "year")
            .annotate(total=Sum("amount"))
            .order_by("funding_source__order", "year")
        )
        for line in lines:
            name = line["funding_source__name_id"]
            row = rows.setdefault(name, {"name": name, "years": {}, "total": 0})
            row["years"][line["year"]] = line["total"]
            row["total"] += line["total"]
        return list(rows.values())

    @cached_property
    def flagships(self) -> list[Programme]:
        """Flagships and quick wins with everything their own chapter shows."""
        return list(
            Programme.objects.filter(plan=self.plan)
            .flagships()
            .select_related("element", "dimension", "horizon", "lead_agency")
            .prefetch_related(
                "supporting_agencies",
                "partners",
                "before_after",
                "photos",
                Prefetch(
                    "indicators",
                    queryset=Indicator.objects.select_related("indicator_type").prefetch_related(
                        "targets"
                    ),
                ),
                Prefetch(
                    "budget_lines",
                    queryset=BudgetLine.objects.select_related("funding_source").order_by(
                        "year", "funding_source__order"
                    ),
                ),
                Prefetch("risks", queryset=Risk.objects.order_by("-likelihood", "-impact")),
            )
            .order_by("dimension__order", "code")
        )

    @cached_property
    def institutions(self) -> list[Institution]:
        return list(
            Institution.objects.filter(plan=self.plan)
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=InstitutionMember.objects.select_related("agency").order_by(
                        "order", "pk"
                    ),
                )
            )
            .order_by("kind")
        )

    @cached_property
    def risks(self) -> list[Risk]:
        return list(
            Risk.objects.filter(plan=self.plan)
            .select_related("programme", "owner")
            .order_by("-likelihood", "-impact", "pk")
        )

    @cached_property
    def agencies(self) -> list[Agency]:
        return list(Agency.objects.filter(region=self.plan.region).order_by("name"))

    @cached_property
    def summary(self):
        from roadmap.summary import plan_summary

        return plan_summary(self.plan)

    @cached_property
    def charts(self):
        from roadmap import charts

        return charts

    def chart(self, name: str) -> str:
        """An SVG chart as a data: URL, drawn once per book."""
        cache = self.__dict__.setdefault("_charts", {})
        if name not in cache:
            cache[name] = svg_image(getattr(self.charts, name)(self.plan))
        return cache[name]

    def gantt_parts(self) -> list[str]:
        """The full Gantt cut into page-sized parts (300 rows on one page are unreadable)."""
        return [svg_image(svg) for svg in self.charts.gantt_parts_svg(self.plan, GANTT_ROWS)]


# --- Blocks per record kind -------------------------------------------------------------


def _dimension(node: PrintNode):
    return node.dimension


def blocks_profile(node, data: PlanData, book) -> list[Block]:
    profile = data.profile
    if profile is None:
        return []
    rows = [
        (_("Data year"), profile.data_year),
        (_("Area (km²)"), profile.area_km2),
        (_("Population"), profile.population),
        (_("Districts (kecamatan)"), profile.districts),
        (_("Villages (desa/kelurahan)"), profile.villages),
        (_("GRDP (billion Rp)"), profile.grdp_billion),
        (_("Economic growth (%)"), profile.economic_growth),
        (_("Human development index"), profile.hdi),
        (_("Poverty rate (%)"), profile.poverty_rate),
        (_("Open unemployment rate (%)"), profile.unemployment_rate),
        (_("Internet users (%)"), profile.internet_users),
    ]
    rows = [(label, value) for label, value in rows if value not in (None, "")]
    return [
        Block(
            "exports/blocks/profile.html",
            {"rows": rows, "summary": profile.summary},
            _("Key figures of %(region)s") % {"region": data.plan.region.name},
            "table",
        )
    ]


def blocks_readiness(node, data, book) -> list[Block]:
    by_pillar: dict[Any, list] = {}
    for item in data.readiness:
        by_pillar.setdefault(item.aspect.pillar, []).append(item)
    blocks = [
        Block(
            "exports/blocks/chart.html",
            data.chart("readiness_svg"),
            _("Readiness rating per pillar aspect"),
            "figure",
        )
    ]
    if by_pillar:
        blocks.append(
            Block(
                "exports/blocks/readiness.html",
                by_pillar,
                _("Readiness assessment per pillar"),
                "table",
            )
        )
    return blocks


def blocks_gaps(node, data, book) -> list[Block]:
    if not data.gaps:
        return []
    return [Block("exports/blocks/gaps.html", data.gaps, _("Gap analysis"), "table")]


def blocks_swot(node, data, book) -> list[Block]:
    dimension = _dimension(node)
    if dimension is None:
        return []
    quadrants = data.swot_by_dimension.get(dimension.pk)
    if not quadrants or not any(quadrants.values()):
        return []
    return [
        Block(
            "exports/blocks/swot.html",
            quadrants,
            _("SWOT of %(dimension)s") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_strategic_issues(node, data, book) -> list[Block]:
    dimension = _dimension(node)
    if dimension is None:
        return []
    issues = data.issues_by_dimension.get(dimension.pk)
    if not issues:
        return []
    return [
        Block(
            "exports/blocks/issues.html",
            issues,
            _("Strategic issues of %(dimension)s") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_innovations(node, data, book) -> list[Block]:
    if not data.innovations:
        return []
    return [
        Block(
            "exports/blocks/innovations.html",
            data.innovations,
            _("Existing innovations and applications"),
            "table",
        )
    ]


def blocks_vision(node, data, book) -> list[Block]:
    return [Block("exports/blocks/vision.html", data.plan)]


def blocks_goals(node, data, book) -> list[Block]:
    if not data.goals:
        return []
    return [Block("exports/blocks/goals.html", data.goals, _("Goals and targets"), "table")]


def blocks_strategies(node, data, book) -> list[Block]:
    dimension = _dimension(node)
    if dimension is None:
        return []
    strategies = data.strategies_by_dimension.get(dimension.pk)
    if not strategies:
        return []
    return [
        Block(
            "exports/blocks/strategies.html",
            strategies,
            _("Strategy of %(dimension)s per element") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def _group_by_element(programmes: list[Programme]) -> list[tuple[Any, list[Programme]]]:
    groups: dict[int, tuple[Any, list[Programme]]] = {}
    for programme in programmes:
        groups.setdefault(programme.element_id, (programme.element, []))[1].append(programme)
    return list(groups.values())


def blocks_programmes(node, data, book) -> list[Block]:
    dimension = _dimension(node)
    if dimension is None:
        # The chapter itself: the overview chart; its per-dimension children hold the tables.
        return [
            Block(
                "exports/blocks/chart.html",
                data.chart("programmes_per_element_svg"),
                _("Programmes per element"),
                "figure",
            )
        ]
    programmes = data.programmes_by_dimension.get(dimension.pk)
    if not programmes:
        return []
    return [
        Block(
            "exports/blocks/programmes.html",
            {
                "groups": _group_by_element(programmes),
                "total": sum(p.budget_sum or 0 for p in programmes),
            },
            _("Programmes of %(dimension)s") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_action_plan(node, data, book) -> list[Block]:
    rows = [
        (programme, data.activities_by_programme.get(programme.pk, []))
        for programme in data.programmes
    ]
    rows = [(programme, activities) for programme, activities in rows if activities]
    if not rows:
        return []
    return [Block("exports/blocks/action_plan.html", rows, _("Action plan"), "table")]


def _roadmap_rows(data: PlanData, programmes: list[Programme]) -> list[dict]:
    """Rows of the RPJMD-style matrix: dimension and element group rows, then programmes."""
    rows: list[dict] = []
    dimension_id = element_id = None
    for programme in programmes:
        if programme.dimension_id != dimension_id:
            dimension_id, element_id = programme.dimension_id, None
            rows.append({"kind": "dimension", "label": programme.dimension.name_id})
        if programme.element_id != element_id:
            element_id = programme.element_id
            rows.append({"kind": "element", "label": programme.element.name_id})
        cells = data.roadmap_cells.get(programme.pk, {})
        rows.append(
            {
                "kind": "programme",
                "programme": programme,
                "cells": [cells.get(year) for year in data.years],
                "total": sum((entry.budget or 0) for entry in cells.values()),
            }
        )
    return rows


def blocks_roadmap(node, data, book) -> list[Block]:
    if book.number == 4:
        return blocks_condensed_roadmap(node, data, book)
    programmes = data.flagship_list if book.number == 3 else data.programmes
    blocks = []
    if programmes:
        blocks.append(
            Block(
                "exports/blocks/roadmap.html",
                {"rows": _roadmap_rows(data, programmes), "years": data.years},
                _("Roadmap of the flagship programmes (target and million Rp per year)")
                if book.number == 3
                else _("Roadmap (target and million Rp per year)"),
                "table",
                wide=True,
            )
        )
    if book.number == 2:
        blocks.append(
            Block(
                "exports/blocks/chart_parts.html",
                data.gantt_parts(),
                _("Roadmap Gantt chart"),
                "figure",
            )
        )
    return blocks


def blocks_condensed_roadmap(node, data, book) -> list[Block]:
    summary = data.summary
    rows = [
        {
            "dimension": d.dimension,
            "years": [d.budget_by_year.get(y) for y in data.years],
            "total": d.budget,
        }
        for d in summary.dimensions
    ]
    return [
        Block(
            "exports/blocks/condensed_roadmap.html",
            {
                "rows": rows,
                "years": data.years,
                "totals": [summary.budget_by_year.get(y) for y in data.years],
                "total": summary.budget_total,
            },
            _("Condensed roadmap: budget per dimension and year (million Rp)"),
            "table",
            wide=True,
        ),
        Block(
            "exports/blocks/chart.html",
            data.chart("gantt_by_element_svg"),
            _("Roadmap Gantt chart per element"),
            "figure",
            wide=True,
        ),
    ]


def blocks_financing(node, data, book) -> list[Block]:
    blocks = []
    if book.number == 4:
        blocks += blocks_institutions(node, data, book)
    rows = data.budget_by_source_year
    if rows:
        totals = [sum(row["years"].get(year, 0) for row in rows) for year in data.years]
        blocks.append(
            Block(
                "exports/blocks/financing.html",
                {
                    "rows": [
                        {**row, "cells": [row["years"].get(y) for y in data.years]} for row in rows
                    ],
                    "years": data.years,
                    "totals": totals,
                    "total": sum(totals),
                },
                _("Financing by funding source and year (million Rp)"),
                "table",
                wide=True,
            )
        )
    blocks.append(
        Block(
            "exports/blocks/chart.html",
            data.chart("budget_by_source_svg"),
            _("Budget by funding source"),
            "figure",
        )
    )
    blocks.append(
        Block(
            "exports/blocks/chart.html",
            data.chart("budget_by_dimension_svg"),
            _("Budget by dimension and year"),
            "figure",
        )
    )
    return blocks


def blocks_institutions(node, data, book) -> list[Block]:
    blocks = []
    for institution in data.institutions:
        blocks.append(
            Block(
                "exports/blocks/institution.html",
                institution,
                str(institution),
                "table",
            )
        )
    return blocks


def blocks_risks(node, data, book) -> list[Block]:
    if not data.risks:
        return []
    return [Block("exports/blocks/risks.html", data.risks, _("Risk register"), "table")]


def blocks_quick_wins(node, data, book) -> list[Block]:
    groups: dict[int, tuple[Any, list[Programme]]] = {}
    for programme in data.flagship_list:
        groups.setdefault(programme.dimension_id, (programme.dimension, []))[1].append(programme)
    if not groups:
        return []
    return [
        Block(
            "exports/blocks/quick_wins.html",
            list(groups.values()),
            _("Flagship programmes and quick wins per dimension"),
            "table",
        )
    ]


def children_flagship_detail(node: PrintNode, data: PlanData) -> list[PrintNode]:
    """One sub-chapter per flagship or quick win, numbered after the written sub-sections."""
    children = []
    offset = len(node.children)
    for index, programme in enumerate(data.flagships, start=offset + 1):
        number = f"{node.number}.{index}"
        child = PrintNode(
            anchor=f"flagship-{programme.pk}",
            number=number,
            title=f"{programme.name}",
            level=node.level + 1,
            own_page=True,
        )
        years = sorted(
            {line.year for line in programme.budget_lines.all()}
            | {a.year for a in data.flagship_activities.get(programme.pk, [])}
        )
        indicators = list(programme.indicators.all())
        child.blocks = [
            Block("exports/blocks/flagship_profile.html", programme),
        ]
        if programme.before_after.all():
            child.blocks.append(
                Block(
                    "exports/blocks/before_after.html",
                    list(programme.before_after.all()),
                    _("Before and after: %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        if indicators:
            child.blocks.append(
                Block(
                    "exports/blocks/indicators.html",
                    {"indicators": indicators, "years": data.years},
                    _("Indicators of %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        lines = list(programme.budget_lines.all())
        if lines:
            child.blocks.append(
                Block(
                    "exports/blocks/budget_lines.html",
                    {"lines": lines, "total": sum(line.amount for line in lines)},
                    _("Budget of %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        activities = data.flagship_activities.get(programme.pk, [])
        if activities:
            child.blocks.append(
                Block(
                    "exports/blocks/schedule.html",
                    {"activities": activities, "years": years},
                    _("Schedule of %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        for photo in programme.photos.all():
            child.blocks.append(
                Block(
                    "exports/blocks/photo.html",
                    {"src": media_url(photo.image.name), "photo": photo},
                    photo.caption or programme.name,
                    "figure",
                )
            )
        children.append(child)
    return children


def blocks_readiness_summary(node, data, book) -> list[Block]:
    counts: dict[Any, dict[str, int]] = {}
    for item in data.readiness:
        pillar_counts = counts.setdefault(item.aspect.pillar, {"baik": 0, "cukup": 0, "kurang": 0})
        if item.rating in pillar_counts:
            pillar_counts[item.rating] += 1
    blocks = blocks_profile(node, data, book)
    if counts:
        blocks.append(
            Block(
                "exports/blocks/readiness_summary.html",
                counts,
                _("Readiness ratings per pillar"),
                "table",
            )
        )
    blocks.append(
        Block(
            "exports/blocks/chart.html",
            data.chart("readiness_svg"),
            _("Readiness rating per pillar aspect"),
            "figure",
        )
    )
    return blocks


def blocks_dimension_summary(node, data, book) -> list[Block]:
    dimension = _dimension(node)
    if dimension is None:
        return [
            Block(
                "exports/blocks/totals.html",
                {"summary": data.summary},
                _("Key figures of the masterplan"),
                "table",
            )
        ]
    summary = next((d for d in data.summary.dimensions if d.dimension.pk == dimension.pk), None)
    if summary is None:
        return []
    return [
        Block(
            "exports/blocks/dimension_summary.html",
            {
                "summary": summary,
                "years": data.years,
                "budget_by_year": [summary.budget_by_year.get(y) for y in data.years],
                "strategies": data.strategies_by_dimension.get(dimension.pk, []),
                "flagships": [p for p in data.flagship_list if p.dimension_id == dimension.pk],
            },
            _("%(dimension)s at a glance") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_commitment(node, data, book) -> list[Block]:
    return [
        Block(
            "exports/blocks/commitment.html",
            {"agencies": data.agencies, "region": data.plan.region},
            _("Commitment sheet"),
            "table",
        )
    ]


BLOCK_BUILDERS: dict[str, Callable[..., list[Block]]] = {
    "profile": blocks_profile,
    "readiness": blocks_readiness,
    "gaps": blocks_gaps,
    "swot": blocks_swot,
    "strategic_issues": blocks_strategic_issues,
    "innovations": blocks_innovations,
    "vision": blocks_vision,
    "goals": blocks_goals,
    "strategies": blocks_strategies,
    "programmes": blocks_programmes,
    "action_plan": blocks_action_plan,
    "roadmap": blocks_roadmap,
    "financing": blocks_financing,
    "institutions": blocks_institutions,
    "risks": blocks_risks,
    "quick_wins": blocks_quick_wins,
    "flagship_detail": lambda node, data, book: [],
    "readiness_summary": blocks_readiness_summary,
    "dimension_summary": blocks_dimension_summary,
    "commitment": blocks_commitment,
}
# Per-dimension parents whose children show the records: the parent shows none (or a chart).
PARENT_SKIPS_RECORDS = {"swot", "strategic_issues", "strategies"}


# --- The book ----------------------------------------------------------------------------


def _print_nodes(outline: list[OutlineNode], data: PlanData, book: Book) -> list[PrintNode]:
    nodes = []
    for item in outline:
        section = item.section
        node = PrintNode(
            anchor=f"s-{section.pk}",
            number=item.number,
            title=section.title,
            level=item.depth,
            body=section_body(section.body),
            dimension=section.dimension,
            own_page=book.number == 4
            and section.records == "dimension_summary"
            and section.dimension_id is not None,
        )
        node.children = _print_nodes(item.children, data, book)
        kind = section.records
        if kind and not (kind in PARENT_SKIPS_RECORDS and section.dimension_id is None):
            node.blocks = BLOCK_BUILDERS.get(kind, lambda *a: [])(node, data, book)
        if kind == "flagship_detail":
            node.children += children_flagship_detail(node, data)
        nodes.append(node)
    return nodes


def _number_blocks(chapters: list[PrintNode]) -> tuple[list[Block], list[Block]]:
    tables, figures = [], []
    for chapter in chapters:
        counts = {"table": 0, "figure": 0}
        for node in chapter.walk():
            for block in node.blocks:
                if block.kind not in counts:
                    continue
                counts[block.kind] += 1
                block.number = f"{chapter.number}.{counts[block.kind]}"
                prefix = "tab" if block.kind == "table" else "fig"
                block.anchor = f"{prefix}-{block.number}"
                (tables if block.kind == "table" else figures).append(block)
    return tables, figures


def book_meta(book: Book, *, final: bool, now: datetime | None = None) -> dict[str, str]:
    plan = book.plan
    now = timezone.localtime(now or timezone.now())
    return {
        "title": f"Buku {book.number} – {book.title} – {plan.region.name}",
        "author": plan.region.name,
        "subject": plan.title,
        "keywords": ", ".join(
            ["smart city", "masterplan", plan.region.name, plan.cohort.name, f"Buku {book.number}"]
        ),
        "created": now.isoformat(timespec="seconds"),
        "date": now.date(),
    }


def build_print_context(book: Book, *, final: bool = False, now=None) -> dict[str, Any]:
    book = Book.objects.select_related("plan__region", "plan__cohort", "plan__framework").get(
        pk=book.pk
    )
    plan = book.plan
    data = PlanData(plan)
    chapters = _print_nodes(book.outline(), data, book)
    tables, figures = _number_blocks(chapters)
    toc = [node for chapter in chapters for node in chapter.walk() if node.level <= 3]
    return {
        "book": book,
        "plan": plan,
        "region": plan.region,
        "final": final,
        "meta": book_meta(book, final=final, now=now),
        "stylesheet": print_url(STYLESHEET),
        "logo": media_url(plan.region.logo.name) if plan.region.logo else "",
        "chapters": chapters,
        "toc": toc,
        "tables": tables,
        "figures": figures,
        "years": data.years,
    }


def book_template(book: Book) -> str:
    return BOOK_TEMPLATES.get(book.number, GENERIC_TEMPLATE)
