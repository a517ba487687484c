"""The monitoring charts, drawn with the plan charts' SVG primitives: the same SVG is
inlined in the dashboard and handed to the PDF renderer."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from monitoring.figures import ON_TRACK, PlanFigures
from roadmap.charts import svg
from roadmap.charts.svg import GRID, INK, TITLE_HEIGHT, WIDTH

YEAR_COLOURS = ["#90caf9", "#42a5f5", "#1e88e5", "#1565c0", "#0d47a1", "#5c6bc0", "#7e57c2"]
GOOD, MIDDLE, BAD = "#2e7d32", "#f9a825", "#c62828"


def _shorten(content: str, limit: int) -> str:
    content = " ".join(str(content).split())
    return content if len(content) <= limit else content[: limit - 1].rstrip() + "…"


def _colour(value: Decimal) -> str:
    return GOOD if value >= ON_TRACK else MIDDLE if value >= 66 else BAD


def _percent_axis(parts: list[str], left: float, right: float, top: float, bottom: float):
    scale = (right - left) / 100
    for tick in range(0, 101, 20):
        x = left + tick * scale
        parts.append(svg.line(x, top, x, bottom, GRID, 0.6))
        parts.append(svg.text(x, bottom + 12, f"{tick}%", size=8, anchor="middle"))
    parts.append(svg.line(left, top, left, bottom))
    return scale


def absorption_svg(figures: PlanFigures) -> str:
    """Budget absorption (spent / allocated) per dimension, one bar per year of the plan."""
    heading = _("Budget absorption by dimension and year")
    rows = figures.dimension_rows()
    years = figures.years_so_far
    if not any(y["allocated"] for row in rows for y in row["years"]):
        return svg.no_data(heading, _("No budget realisation has been reported yet."))
    labels = [row["dimension"] for row in rows]
    left = 10 + svg.label_column(labels, 9, least=40)
    right = WIDTH - 50
    bar, gap = max(7.0, min(14.0, 42.0 / len(years))), 8.0
    group = bar * len(years) + gap
    top = TITLE_HEIGHT + 10
    bottom = top + group * len(rows)
    parts = [svg.title(heading)]
    scale = _percent_axis(parts, left, right, top, bottom)
    for index, row in enumerate(rows):
        y0 = top + index * group + gap / 2
        parts.append(
            svg.text(
                left - 5, y0 + bar * len(years) / 2 + 3, row["dimension"], size=9, anchor="end"
            )
        )
        for offset, cell in enumerate(row["years"]):
            value = cell["absorption"]
            y = y0 + offset * bar
            colour = YEAR_COLOURS[offset % len(YEAR_COLOURS)]
            if value is None:
                continue
            parts.append(svg.rect(left, y, float(min(value, 100)) * scale, bar - 1, colour))
            parts.append(
                svg.text(
                    left + float(min(value, 100)) * scale + 3,
                    y + bar - 1.5,
                    f"{svg.tick_label(float(value), 0.1)}%",
                    size=6.5,
                )
            )
    legend = [
        svg.LegendItem(str(year), YEAR_COLOURS[i % len(YEAR_COLOURS)])
        for i, year in enumerate(years)
    ]
    legend_parts, height = svg.legend(legend, bottom + 22, columns=len(years))
    parts += legend_parts
    return svg.document(bottom + 26 + height, parts)


def progress_svg(figures: PlanFigures) -> str:
    """Each programme's achievement of its targets in the year (mean over its indicators)."""
    heading = _("Target achievement per programme, %(year)s") % {"year": figures.year}
    items = [item for item in figures.programmes if item.progress is not None]
    if not items:
        return svg.no_data(heading, _("No programme has a target this year."))
    labels = [_shorten(f"{i.programme.code} {i.programme.name}", 40) for i in items]
    left = 10 + svg.label_column(labels, 8)
    right = WIDTH - 40
    row_height = 14
    top = TITLE_HEIGHT + 10
    bottom = top + row_height * len(items)
    parts = [svg.title(heading)]
    scale = _percent_axis(parts, left, right, top, bottom)
    for index, (item, label) in enumerate(zip(items, labels, strict=True)):
        y = top + index * row_height + 2
        value = item.progress
        parts.append(svg.text(left - 5, y + 8, label, size=8, anchor="end", fill=INK))
        parts.append(svg.rect(left, y, float(value) * scale, row_height - 4, _colour(value)))
        parts.append(
            svg.text(
                left + float(value) * scale + 3,
                y + 8,
                f"{svg.tick_label(float(value), 0.1)}%",
                size=7,
            )
        )
    legend = [
        svg.LegendItem(_("on track (91% or more)"), GOOD),
        svg.LegendItem(_("66–90%"), MIDDLE),
        svg.LegendItem(_("below 66%"), BAD),
    ]
    legend_parts, height = svg.legend(legend, bottom + 22, columns=3)
    parts += legend_parts
    return svg.document(bottom + 26 + height, parts)


CHARTS = {"serapan": absorption_svg, "capaian": progress_svg}
