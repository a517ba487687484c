"""Bar charts: the budget per dimension and year, per funding source, programmes per
element and readiness per pillar."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from dimensions.models import Element, PillarAspect, Rating, ReadinessAssessment
from masterplan.lib import money
from masterplan.models import Plan
from programs.models import BudgetLine, Programme
from roadmap.charts import svg
from roadmap.charts.svg import GRID, INK, TITLE_HEIGHT, WIDTH

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


def _billions(amount: int | float) -> float:
    return amount / 1e9


@dataclass
class _Bar:
    label: str
    segments: list[tuple[float, str]]  # (value, colour), stacked from the left
    value_label: str = ""
    label_colour: str = INK


def _hbar_document(
    title: str,
    bars: list[_Bar],
    axis_label: str,
    *,
    legend: list[svg.LegendItem] | None = None,
    row_height: float = 20,
    label_size: float = 8,
    integer: bool = False,
    segment_labels: bool = False,
) -> str:
    """Horizontal bars (stacked when a bar has several segments), value axis below."""
    label_width = svg.label_column([bar.label for bar in bars], label_size)
    left = 6 + label_width
    value_room = max((svg.text_width(bar.value_label, 8) for bar in bars), default=0)
    right = WIDTH - 10 - value_room
    maximum = max((sum(v for v, _c in bar.segments) for bar in bars), default=0)
    step = svg.nice_step(maximum)
    if integer:
        step = max(1, math.ceil(step))
    limit = max(step, math.ceil(maximum / step) * step) if maximum else step
    scale = (right - left) / limit

    top = TITLE_HEIGHT + 8
    bottom = top + row_height * len(bars)
    parts = [svg.title(title)]
    tick = 0.0
    while tick <= limit + step / 1000:
        x = left + tick * scale
        parts.append(svg.line(x, bottom, x, bottom + 3, INK, 0.6))
        parts.append(svg.text(x, bottom + 13, svg.tick_label(tick, step), size=8, anchor="middle"))
        tick += step
    parts.append(svg.line(left, top, left, bottom))
    parts.append(svg.line(left, bottom, right, bottom))
    bar_height = row_height * 0.7
    for index, bar in enumerate(bars):
        y = top + index * row_height + (row_height - bar_height) / 2
        parts.append(
            svg.text_lines(
                left - 4,
                y + bar_height / 2,
                svg.wrap(bar.label, label_width - 4, label_size),
                size=label_size,
                anchor="end",
                fill=bar.label_colour,
            )
        )
        x = left
        for value, colour in bar.segments:
            width = value * scale
            parts.append(svg.rect(x, y, width, bar_height, colour))
            if segment_labels and value:
                parts.append(
                    svg.text(
                        x + width / 2,
                        y + bar_height / 2 + 3,
                        svg.tick_label(value, 1),
                        size=8,
                        anchor="middle",
                    )
                )
            x += width
        if bar.value_label:
            parts.append(svg.text(x + 3, y + bar_height / 2 + 3, bar.value_label, size=8))
    parts.append(svg.text((left + right) / 2, bottom + 28, axis_label, size=9, anchor="middle"))
    legend_parts, legend_height = svg.legend(legend or [], bottom + 38)
    parts += legend_parts
    return svg.document(bottom + 38 + legend_height + 4, parts)


def budget_by_dimension_svg(plan: Plan) -> str:
    """Stacked bars: the budget of each year, split by dimension (from the budget lines)."""
    dimensions = list(plan.framework.dimensions.order_by("order"))
    totals: dict[tuple[int, int], int] = {
        (row["programme__dimension"], row["year"]): row["total"]
        for row in BudgetLine.objects.filter(programme__plan=plan)
        .values("programme__dimension", "year")
        .annotate(total=Sum("amount"))
    }
    title = _("Budget per dimension per year")
    if not totals:
        return svg.no_data(title, _("No budget yet"))
    years = list(plan.years)
    series = []
    for dimension in dimensions:
        values = [_billions(totals.get((dimension.pk, year), 0)) for year in years]
        if any(values):
            series.append((dimension, values))
    maximum = max(sum(values[i] for _d, values in series) for i in range(len(years)))
    step = svg.nice_step(maximum)
    limit = max(step, math.ceil(maximum / step) * step)

    left, right = 58, WIDTH - 10
    top, bottom = TITLE_HEIGHT + 10, TITLE_HEIGHT + 10 + 230
    scale = (bottom - top) / limit
    slot = (right - left) / len(years)
    parts = [svg.title(title)]
    tick = 0.0
    while tick <= limit + step / 1000:
        y = bottom - tick * scale
        parts.append(svg.line(left, y, right, y, GRID, 0.6))
        parts.append(svg.text(left - 5, y + 3, svg.tick_label(tick, step), size=8, anchor="end"))
        tick += step
    parts.append(svg.line(left, top, left, bottom))
    parts.append(svg.line(left, bottom, right, bottom))
    for index, year in enumerate(years):
        x = left + index * slot + slot * 0.1
        base = bottom
        for dimension, values in series:
            height = values[index] * scale
            parts.append(svg.rect(x, base - height, slot * 0.8, height, dimension.colour))
            base -= height
        parts.append(svg.text(x + slot * 0.4, bottom + 13, year, size=8, anchor="middle"))
    parts.append(
        svg.text(
            16,
            (top + bottom) / 2,
            _("billion Rupiah"),
            size=9,
            anchor="middle",
            extra=f' transform="rotate(-90 16 {svg.num((top + bottom) / 2)})"',
        )
    )
    legend_parts, legend_height = svg.legend(
        [svg.LegendItem(d.name, d.colour) for d, _v in series], bottom + 24, columns=3
    )
    parts += legend_parts
    return svg.document(bottom + 24 + legend_height + 4, parts)


def budget_by_source_svg(plan: Plan) -> str:
    """Horizontal bars: the plan's whole budget per funding source."""
    sources = list(plan.framework.funding_sources.order_by("order"))
    totals = dict(
        BudgetLine.objects.filter(programme__plan=plan)
        .values("funding_source")
        .annotate(total=Sum("amount"))
        .values_list("funding_source", "total")
    )
    title = _("Budget by funding source, %(period)s") % {"period": plan.period}
    bars = [
        _Bar(
            source.name,
            [(_billions(totals[source.pk]), SOURCE_COLOURS[index % len(SOURCE_COLOURS)])],
            money.miliar(totals[source.pk]),
        )
        for index, source in enumerate(sources)
        if totals.get(source.pk)
    ]
    if not bars:
        return svg.no_data(title, _("No budget yet"))
    return _hbar_document(title, bars, _("billion Rupiah"), row_height=24)


def programmes_per_element_svg(plan: Plan) -> str:
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
    bars = []
    for element in elements:
        value = counts.get(element.pk, 0)
        bars.append(
            _Bar(
                f"{element.dimension.code}-{element.code}  {element.name}",
                [(value, element.dimension.colour)],
                str(value),
                INK if value else "#c62828",
            )
        )
    return _hbar_document(
        _("Programmes per element"), bars, _("programmes"), row_height=15, integer=True
    )


def readiness_svg(plan: Plan) -> str:
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
    title = _("Readiness per pillar")
    if not pillars:
        return svg.no_data(title, _("No readiness aspects in this framework"))
    legend = [
        (Rating.GOOD, Rating.GOOD.label),
        (Rating.FAIR, Rating.FAIR.label),
        (Rating.POOR, Rating.POOR.label),
        ("", _("Not rated")),
    ]
    bars = [
        _Bar(
            f"{row['pillar'].code}  {row['pillar'].name}",
            [(row["counts"].get(rating, 0), RATING_COLOURS[rating]) for rating, _l in legend],
        )
        for row in pillars.values()
    ]
    return _hbar_document(
        title,
        bars,
        _("aspects"),
        legend=[svg.LegendItem(str(label), RATING_COLOURS[rating]) for rating, label in legend],
        row_height=26,
        integer=True,
        segment_labels=True,
    )
