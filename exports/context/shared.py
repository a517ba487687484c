"""What every book's blocks are made of: ``Block``, ``PrintNode`` and ``PlanData``, the
plan's records read once per kind for the whole book."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, Sum
from django.utils.html import strip_tags
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
from exports.assets import data_url
from masterplan.lib.sanitize import clean_html
from masterplan.models import Agency, Institution, InstitutionMember, Plan
from programs.models import BudgetLine, Indicator, Programme, Risk
from roadmap.models import Activity
from roadmap.rows import RoadmapCell, roadmap_rows

# Programmes per part of Buku 2's Gantt chart: one portrait page each.
GANTT_ROWS = 40
# Past these sizes the action plan (activities) and the roadmap matrix (programmes) start
# each dimension on a new page: tables of many pages, which the chunked renderer may then
# lay out in parallel. Smaller tables run on.
ACTION_PLAN_PAGE_PER_DIMENSION = 400
ROADMAP_PAGE_PER_DIMENSION = 80
# A roadmap matrix of this many year columns or fewer is printed on a portrait page.
ROADMAP_PORTRAIT_YEARS = 5
# A chapter with less text than this and no table (an introduction of half a page, a
# closing chapter) follows on; so does the chapter after it.
SHORT_CHAPTER_CHARACTERS = 1000
# A chapter with this many table rows or more starts a page of its own (``is_long``).
LONG_CHAPTER_ROWS = 80
# A table of this many rows or fewer is never split: its last rows would otherwise open a
# page of their own before the next chapter (a three-row tail on a blank page).
KEEP_TOGETHER_ROWS = 8
KEEP_TOGETHER_TABLES = {
    "goals.html",
    "strategies.html",
    "institution.html",
    "issues.html",
    "innovations.html",
    "quick_wins.html",
}


@dataclass
class Block:
    """One table, figure or list of a section, rendered by ``template``."""

    template: str
    data: Any = None
    caption: str = ""
    kind: str = ""  # "table", "figure" or "" (no caption, not listed)
    wide: bool = False  # printed on a landscape page
    # starts a page (class "page-part"): each dimension of a long table in a large plan,
    # where the chunked renderer may cut a big chapter
    new_page: bool = False
    number: str = ""
    anchor: str = ""

    @property
    def rows(self) -> int:
        """About how many table rows the block prints (0 for a figure or a card)."""
        data = self.data
        if self.kind != "table" or isinstance(data, str):
            return 0
        if isinstance(data, dict):
            data = data.get("rows") or data.get("groups") or []
        if hasattr(data, "members"):
            data = data.members.all()
        try:
            return len(data)
        except TypeError:
            return 0

    @property
    def keep(self) -> bool:
        """A short table of one row per record, moved to the next page whole rather than
        split (tables of grouped rows, such as readiness or programmes, may split)."""
        if self.template.rsplit("/", 1)[-1] not in KEEP_TOGETHER_TABLES:
            return False
        return self.rows <= KEEP_TOGETHER_ROWS

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
    key: str = ""
    # set by build_print_context on every chapter but the first: it goes on on the page
    # where the one before ends unless it is long (see ``is_long``)
    may_follow: bool = False

    @property
    def heading_tag(self) -> str:
        return f"h{min(self.level, 4)}"

    @property
    def unwritten(self) -> bool:
        """Prints nothing but its heading: no text, no records, no subsections."""
        return not self.body.strip() and not self.blocks and not self.children

    @property
    def is_empty(self) -> bool:
        """Nothing in it or under it is written: a chapter like this gets no page of its own."""
        return all(not node.body.strip() and not node.blocks for node in self.walk())

    @property
    def is_short(self) -> bool:
        """A chapter of a paragraph or two and no table or figure (a closing chapter): it
        follows on the page before instead of taking a page for a few lines."""
        nodes = list(self.walk())
        text = sum(len(strip_tags(node.body)) for node in nodes)
        return not any(node.blocks for node in nodes) and text < SHORT_CHAPTER_CHARACTERS

    @property
    def follows_on(self) -> bool:
        return (
            self.is_empty
            or self.is_short
            or (self.may_follow and not self.is_long and not self.opens_wide)
        )

    @property
    def is_long(self) -> bool:
        """A chapter of many pages starts a page of its own, where the chunked renderer may
        cut the book (exports/chunks.py): a table printed in parts, flagships a page each,
        or many records. The others go on where the chapter before ends, so that no
        chapter's last few lines sit alone on a page before the next one."""
        rows = 0
        for node in self.walk():
            if node.own_page:
                return True
            for block in node.blocks:
                if block.new_page:
                    return True
                rows += block.rows
        return rows >= LONG_CHAPTER_ROWS

    @property
    def opens_wide(self) -> bool:
        """The chapter's first table is landscape and only a short text comes before it:
        the opening prints on the landscape page too, not on a page of its own."""
        first = next((block for node in self.walk() for block in node.blocks), None)
        return (
            first is not None
            and first.wide
            and first in self.blocks
            and len(strip_tags(self.body)) < SHORT_CHAPTER_CHARACTERS
        )

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
    def roadmap_cells(self) -> dict[int, dict[int, RoadmapCell]]:
        """Programme id → year → its roadmap cell: the typed entry over what the
        targets, budget lines and activities say (``roadmap.rows``)."""
        return {
            programme_id: {year: cell for year, cell in row.cells.items() if cell}
            for programme_id, row in roadmap_rows(Programme.objects.filter(plan=self.plan)).items()
        }

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


def dimension_of(node: PrintNode):
    """The dimension of a per-dimension section (None for the chapter above them)."""
    return node.dimension
