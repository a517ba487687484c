"""Charts of a plan as standalone SVG documents, for the web pages and the PDF books alike.

Each function takes a plan, reads its records with a fixed number of queries and
returns an SVG document (a string starting with ``<svg``) that has no scripts and no
external references, so it can be inlined in a page or handed to WeasyPrint as is.

matplotlib draws them (object-oriented API, no pyplot: no global figure state).
Text stays text (``svg.fonttype = "none"``), so labels are searchable, selectable in
the PDF and small; ``svg.hashsalt`` and an empty date make the output byte-for-byte
deterministic, so the same plan always gives the same chart.
"""

from __future__ import annotations

import io
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from functools import wraps

import matplotlib
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from dimensions.models import Element, PillarAspect, Rating, ReadinessAssessment
from masterplan.models import Plan
from programs.models import BudgetLine, Programme
from roadmap.models import Activity, RoadmapEntry

RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "kota-cerdas-studio",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "legend.frameon": False,
    "legend.fontsize": 8,
}
WIDTH_IN = 7.5
GREY = "#9aa0a6"
RATING_COLOURS = {
    Rating.GOOD: "#2e7d32",
    Rating.FAIR: "#f9a825",
    Rating.POOR: "#c62828",
    "": "#cfd8dc",
}
# A fixed palette, so a funding source keeps its colour from chart to chart
SOURCE_COLOURS = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
]

# matplotlib's rcParams are process-wide and rc_context is not thread-safe: one chart
# at a time, so a threaded server cannot mix the settings of two renders.
_RENDER_LOCK = threading.Lock()
_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_ID_REFERENCE = re.compile(r'(\bid="|url\(#|xlink:href="#)')


def _svg_chart(build: Callable[..., Figure]) -> Callable[[Plan], str]:
    """Turn a function that draws a Figure into one that returns its SVG document."""

    prefix = build.__name__.removesuffix("_svg").replace("_", "-") + "-"

    @wraps(build)
    def render(plan: Plan) -> str:
        with _RENDER_LOCK, matplotlib.rc_context(RC):
            figure = build(plan)
            buffer = io.StringIO()
            figure.savefig(
                buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches=None
            )
        # Drop the XML declaration and the DOCTYPE (it names an external DTD) and the RDF
        # metadata: what is left is a standalone <svg> element, fit for a file as for
        # inlining in HTML, where ids are prefixed so that several charts on one page
        # (matplotlib numbers its groups figure_1, axes_1… in every chart) stay unique.
        svg = _PROLOG.sub("", buffer.getvalue(), count=1)
        svg = _METADATA.sub("", svg, count=1)
        return _ID_REFERENCE.sub(lambda match: match.group(1) + prefix, svg)

    return render


def _figure(height_in: float) -> Figure:
    return Figure(figsize=(WIDTH_IN, max(height_in, 2.0)), layout="constrained")


def _shorten(text: str, limit: int = 45) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _billions(amount: int | float) -> float:
    return amount / 1e9


def _no_data(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=GREY)
    ax.set_xticks([])
    ax.set_yticks([])


def _year_spans(years: set[int]) -> list[tuple[int, int]]:
    """Consecutive years as (first year, number of years) runs: 2025,2026,2028 → 2 runs."""
    spans: list[tuple[int, int]] = []
    for year in sorted(years):
        if spans and spans[-1][0] + spans[-1][1] == year:
            spans[-1] = (spans[-1][0], spans[-1][1] + 1)
        else:
            spans.append((year, 1))
    return spans


def _programmes(plan: Plan) -> list[Programme]:
    return list(
        Programme.objects.filter(plan=plan)
        .select_related("dimension")
        .order_by("dimension__order", "code")
    )


@_svg_chart
def gantt_svg(plan: Plan) -> Figure:
    """Roadmap Gantt: one row per programme, bars over its roadmap and activity years."""
    programmes = _programmes(plan)
    years: dict[int, set[int]] = defaultdict(set)
    for model in (RoadmapEntry, Activity):
        rows = model.objects.filter(programme__plan=plan).values_list("programme_id", "year")
        for programme_id, year in rows.distinct():
            years[programme_id].add(year)

    figure = _figure(1.2 + 0.24 * len(programmes))
    ax = figure.add_subplot()
    ax.set_title(_("Roadmap %(period)s") % {"period": plan.period})
    if not programmes:
        _no_data(ax, _("No programmes yet"))
        return figure

    quick_x, quick_y = [], []
    for row, programme in enumerate(programmes):
        colour = programme.dimension.colour
        ax.broken_barh(
            [(year - 0.45, span - 0.1) for year, span in _year_spans(years[programme.pk])],
            (row - 0.35, 0.7),
            facecolors=colour,
            edgecolors=colour,
        )
        if programme.is_quick_win:
            quick_x.append(programme.quick_win_year or plan.start_year)
            quick_y.append(row)

    if quick_x:
        ax.scatter(quick_x, quick_y, marker="*", s=70, color="black", zorder=3)
    ax.set_yticks(
        range(len(programmes)),
        [f"{p.code}  {_shorten(p.name, 38)}" for p in programmes],
        fontsize=7,
    )
    ax.set_ylim(len(programmes) - 0.5, -0.5)
    ax.set_xticks(list(plan.years))
    ax.set_xlim(plan.start_year - 0.6, plan.end_year + 0.6)
    ax.xaxis.tick_top()
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.6)
    ax.set_axisbelow(True)

    seen: dict[int, Patch] = {}
    for programme in programmes:
        dimension = programme.dimension
        seen.setdefault(dimension.pk, Patch(color=dimension.colour, label=dimension.name))
    handles: list = list(seen.values())
    if quick_x:
        handles.append(
            Line2D([], [], marker="*", color="black", linestyle="", label=_("Quick win"))
        )
    figure.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4))
    return figure


@_svg_chart
def budget_by_dimension_svg(plan: Plan) -> Figure:
    """Stacked bars: the budget of each year, split by dimension (from the budget lines)."""
    dimensions = list(plan.framework.dimensions.order_by("order"))
    totals: dict[tuple[int, int], int] = {
        (row["programme__dimension"], row["year"]): row["total"]
        for row in BudgetLine.objects.filter(programme__plan=plan)
        .values("programme__dimension", "year")
        .annotate(total=Sum("amount"))
    }
    years = list(plan.years)
    figure = _figure(4.2)
    ax = figure.add_subplot()
    ax.set_title(_("Budget per dimension per year"))
    if not totals:
        _no_data(ax, _("No budget yet"))
        return figure

    bottom = [0.0] * len(years)
    for dimension in dimensions:
        values = [_billions(totals.get((dimension.pk, year), 0)) for year in years]
        if not any(values):
            continue
        ax.bar(years, values, bottom=bottom, color=dimension.colour, label=dimension.name)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(years)
    ax.set_ylabel(_("billion Rupiah"))
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
    ax.set_axisbelow(True)
    figure.legend(loc="outside lower center", ncols=3)
    return figure


@_svg_chart
def budget_by_source_svg(plan: Plan) -> Figure:
    """Horizontal bars: the plan's whole budget per funding source."""
    sources = list(plan.framework.funding_sources.order_by("order"))
    totals = dict(
        BudgetLine.objects.filter(programme__plan=plan)
        .values("funding_source")
        .annotate(total=Sum("amount"))
        .values_list("funding_source", "total")
    )
    rows = [
        (source, totals[source.pk], SOURCE_COLOURS[index % len(SOURCE_COLOURS)])
        for index, source in enumerate(sources)
        if totals.get(source.pk)
    ]
    figure = _figure(1.4 + 0.4 * max(len(rows), 1))
    ax = figure.add_subplot()
    ax.set_title(_("Budget by funding source, %(period)s") % {"period": plan.period})
    if not rows:
        _no_data(ax, _("No budget yet"))
        return figure

    positions = range(len(rows))
    values = [_billions(total) for _source, total, _colour in rows]
    bars = ax.barh(positions, values, color=[colour for *_rest, colour in rows])
    ax.bar_label(bars, labels=[f"{value:,.1f}" for value in values], padding=3, fontsize=8)
    ax.set_yticks(positions, [_shorten(source.name, 40) for source, *_rest in rows])
    ax.invert_yaxis()
    ax.set_xlabel(_("billion Rupiah"))
    ax.margins(x=0.15)
    return figure


@_svg_chart
def programmes_per_element_svg(plan: Plan) -> Figure:
    """Horizontal bars: programmes per element, every element of the framework shown,
    so an element without programmes stands out as an empty row."""
    elements = list(
        Element.objects.filter(dimension__framework=plan.framework_id)
        .select_related("dimension")
        .order_by("dimension__order", "order")
    )
    counts = dict(
        Programme.objects.filter(plan=plan)
        .values("element")
        .annotate(n=Count("pk"))
        .values_list("element", "n")
    )
    figure = _figure(1.2 + 0.26 * len(elements))
    ax = figure.add_subplot()
    ax.set_title(_("Programmes per element"))
    positions = range(len(elements))
    values = [counts.get(element.pk, 0) for element in elements]
    bars = ax.barh(positions, values, color=[element.dimension.colour for element in elements])
    ax.bar_label(bars, padding=3, fontsize=8)
    ax.set_yticks(
        positions,
        [f"{e.dimension.code}-{e.code}  {_shorten(e.name, 34)}" for e in elements],
        fontsize=8,
    )
    for label, value in zip(ax.get_yticklabels(), values, strict=True):
        if not value:
            label.set_color("#c62828")
    ax.invert_yaxis()
    ax.set_xlabel(_("programmes"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.1)
    return figure


@_svg_chart
def readiness_svg(plan: Plan) -> Figure:
    """Per readiness pillar, how many aspects are rated good / fair / poor / not yet."""
    aspects = list(
        PillarAspect.objects.filter(pillar__framework=plan.framework_id)
        .select_related("pillar")
        .order_by("pillar__order", "order")
    )
    ratings = dict(ReadinessAssessment.objects.filter(plan=plan).values_list("aspect_id", "rating"))
    pillars: dict[int, dict] = {}
    for aspect in aspects:
        entry = pillars.setdefault(
            aspect.pillar_id, {"pillar": aspect.pillar, "counts": defaultdict(int)}
        )
        entry["counts"][ratings.get(aspect.pk, "")] += 1

    figure = _figure(1.6 + 0.45 * max(len(pillars), 1))
    ax = figure.add_subplot()
    ax.set_title(_("Readiness per pillar"))
    if not pillars:
        _no_data(ax, _("No readiness aspects in this framework"))
        return figure

    rows = list(pillars.values())
    positions = range(len(rows))
    left = [0] * len(rows)
    legend = [
        (Rating.GOOD, Rating.GOOD.label),
        (Rating.FAIR, Rating.FAIR.label),
        (Rating.POOR, Rating.POOR.label),
        ("", _("Not rated")),
    ]
    for rating, label in legend:
        values = [row["counts"].get(rating, 0) for row in rows]
        bars = ax.barh(positions, values, left=left, color=RATING_COLOURS[rating], label=str(label))
        ax.bar_label(
            bars, labels=[str(v) if v else "" for v in values], label_type="center", fontsize=8
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(positions, [f"{row['pillar'].code}  {row['pillar'].name}" for row in rows])
    ax.invert_yaxis()
    ax.set_xlabel(_("aspects"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    figure.legend(loc="outside lower center", ncols=4)
    return figure


CHARTS: dict[str, Callable[[Plan], str]] = {
    "gantt": gantt_svg,
    "budget_by_dimension": budget_by_dimension_svg,
    "budget_by_source": budget_by_source_svg,
    "programmes_per_element": programmes_per_element_svg,
    "readiness": readiness_svg,
}
