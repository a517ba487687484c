"""Charts of a plan as standalone SVG documents, for the web pages and the PDF books alike.

Each function takes a plan, reads its records with a fixed number of queries and
returns an SVG document (a string starting with ``<svg``) that has no scripts, no ids
and no external references, so it can be inlined in a page or handed to WeasyPrint as is.

The SVG is written by hand from a few primitives (rectangles, lines, text): a chart
takes milliseconds whatever the plan's size, where matplotlib took seconds (22 s for
the 300-programme Gantt of a large plan) and gave WeasyPrint a much heavier document
to draw. Text stays text (searchable, selectable in the PDF); every piece of text is
XML-escaped; the output is deterministic, so the same plan always gives the same chart.
Label widths are estimated from the number of characters (no font metrics), with
generous room.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from dimensions.models import Element, PillarAspect, Rating, ReadinessAssessment
from masterplan.models import Plan
from programs.models import BudgetLine, Programme
from roadmap.models import Activity, RoadmapEntry

WIDTH = 540  # points: 7.5 in, the text width of an A4 page
FONT = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
INK = "#1d252c"
GREY = "#9aa0a6"
GRID = "#e0e0e0"
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
CHAR_WIDTH = 0.56  # average advance of a sans-serif character, in em
TITLE_HEIGHT = 24
LEGEND_ROW = 14


# --- SVG primitives ----------------------------------------------------------------------


def _num(value: float) -> str:
    """Coordinates with two decimals at most, without trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text(x, y, text, *, size=9, anchor="start", weight="", fill=INK, extra="") -> str:
    attributes = f'x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}"'
    if anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if weight:
        attributes += f' font-weight="{weight}"'
    if fill != INK:
        attributes += f' fill="{fill}"'
    return f"<text {attributes}{extra}>{escape(str(text))}</text>"


def _rect(x, y, width, height, fill) -> str:
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(max(width, 0))}" '
        f'height="{_num(height)}" fill="{escape(fill)}"/>'
    )


def _line(x1, y1, x2, y2, stroke=INK, width=0.8) -> str:
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'stroke="{stroke}" stroke-width="{_num(width)}"/>'
    )


def _star(x, y, radius) -> str:
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + index * math.pi / 5
        points.append(f"{_num(x + r * math.cos(angle))},{_num(y - r * math.sin(angle))}")
    return f'<polygon points="{" ".join(points)}" fill="black"/>'


def _document(height: float, parts: Iterable[str]) -> str:
    height = max(height, 144)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}pt" '
        f'height="{_num(height)}pt" viewBox="0 0 {WIDTH} {_num(height)}" '
        f'font-family="{FONT}" fill="{INK}">'
        f'<rect x="0" y="0" width="{WIDTH}" height="{_num(height)}" fill="white"/>'
        + "".join(parts)
        + "</svg>"
    )


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _title(text: str) -> str:
    return _text(6, 17, text, size=11, weight="bold")


@dataclass
class _LegendItem:
    label: str
    colour: str
    star: bool = False


def _legend(items: list[_LegendItem], top: float, columns: int = 4) -> tuple[list[str], float]:
    """Legend entries in rows of ``columns``, centred; returns the parts and its height."""
    if not items:
        return [], 0
    columns = max(1, min(columns, len(items)))
    cell = (WIDTH - 24) / columns
    parts = []
    rows = math.ceil(len(items) / columns)
    for index, item in enumerate(items):
        row, column = divmod(index, columns)
        in_row = min(columns, len(items) - row * columns)
        left = (WIDTH - in_row * cell) / 2 + column * cell
        y = top + row * LEGEND_ROW
        if item.star:
            parts.append(_star(left + 6, y + 5, 5))
        else:
            parts.append(_rect(left, y, 12, 9, item.colour))
        label = _shorten(item.label, int((cell - 20) / (8 * CHAR_WIDTH)))
        parts.append(_text(left + 16, y + 8, label, size=8))
    return parts, rows * LEGEND_ROW + 4


def _nice_step(maximum: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10^k) giving about ``ticks`` intervals."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _tick_label(value: float, step: float) -> str:
    if step >= 1 and float(value).is_integer():
        return f"{int(value):,}"
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 1
    return f"{value:,.{decimals}f}"


# --- Helpers shared by the charts ------------------------------------------------------


def _shorten(text: str, limit: int = 45) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _billions(amount: int | float) -> float:
    return amount / 1e9


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
        .select_related("dimension", "element")
        .order_by("dimension__order", "code")
    )


def _programme_years(plan: Plan) -> dict[int, set[int]]:
    """Programme id → the years of its roadmap entries and activities."""
    years: dict[int, set[int]] = defaultdict(set)
    for model in (RoadmapEntry, Activity):
        rows = model.objects.filter(programme__plan=plan).values_list("programme_id", "year")
        for programme_id, year in rows.distinct():
            years[programme_id].add(year)
    return years


def _label_column(labels: list[str], size: float, *, least=60, most=WIDTH * 0.45) -> float:
    widest = max((_text_width(label, size) for label in labels), default=0)
    return min(max(widest + 10, least), most)


# --- Gantt -------------------------------------------------------------------------------


@dataclass
class GanttRow:
    label: str
    colour: str
    years: set[int]
    quick_win_year: int | None = None


def gantt_document(
    title: str,
    rows: list[GanttRow],
    years: list[int],
    legend: list[_LegendItem],
    *,
    row_height: float = 12,
    label_size: float = 7,
) -> str:
    """A Gantt chart: one row per item, bars over its years, years along the top."""
    if not rows:
        return _no_data_titled(title, _("No programmes yet"))
    start, end = years[0], years[-1]
    label_width = _label_column([row.label for row in rows], label_size, most=WIDTH * 0.42)
    left, right = 6 + label_width, WIDTH - 8
    unit = (right - left) / (end - start + 1.2)

    def x(year: float) -> float:
        return left + (year - (start - 0.6)) * unit

    top = TITLE_HEIGHT + 16
    bottom = top + row_height * len(rows)
    parts = [_title(title)]
    for year in years:
        parts.append(_line(x(year), top, x(year), bottom, GRID, 0.6))
        parts.append(_text(x(year), top - 4, year, size=8, anchor="middle"))
    parts.append(_line(left, top, left, bottom))
    parts.append(_line(left, bottom, right, bottom))
    bar = row_height * 0.7
    for index, row in enumerate(rows):
        y = top + index * row_height
        parts.append(
            _text(
                left - 4,
                y + row_height * 0.5 + label_size * 0.35,
                row.label,
                size=label_size,
                anchor="end",
            )
        )
        for first, span in _year_spans(row.years):
            parts.append(
                _rect(
                    x(first - 0.45),
                    y + (row_height - bar) / 2,
                    (span - 0.1) * unit,
                    bar,
                    row.colour,
                )
            )
        if row.quick_win_year is not None:
            parts.append(_star(x(row.quick_win_year), y + row_height / 2, row_height * 0.42))
    legend_parts, legend_height = _legend(legend, bottom + 10)
    parts += legend_parts
    return _document(bottom + 14 + legend_height, parts)


def _no_data_titled(title: str, message: str) -> str:
    return _document(
        144, [_title(title), _text(WIDTH / 2, 84, message, anchor="middle", fill=GREY)]
    )


def _dimension_legend(dimensions: Iterable, quick_wins: bool) -> list[_LegendItem]:
    seen: dict[int, _LegendItem] = {}
    for dimension in dimensions:
        seen.setdefault(dimension.pk, _LegendItem(dimension.name, dimension.colour))
    items = list(seen.values())
    if quick_wins:
        items.append(_LegendItem(_("Quick win"), "black", star=True))
    return items


def gantt_rows(plan: Plan) -> tuple[list[GanttRow], list[Programme]]:
    """One Gantt row per programme of the plan (two queries whatever its size)."""
    programmes = _programmes(plan)
    years = _programme_years(plan)
    return [
        GanttRow(
            f"{p.code}  {_shorten(p.name, 38)}",
            p.dimension.colour,
            years[p.pk],
            (p.quick_win_year or plan.start_year) if p.is_quick_win else None,
        )
        for p in programmes
    ], programmes


def gantt_svg(plan: Plan) -> str:
    """Roadmap Gantt: one row per programme, bars over its roadmap and activity years."""
    rows, programmes = gantt_rows(plan)
    return gantt_document(
        _("Roadmap %(period)s") % {"period": plan.period},
        rows,
        list(plan.years),
        _dimension_legend(
            (p.dimension for p in programmes), any(row.quick_win_year for row in rows)
        ),
    )


def gantt_parts_svg(plan: Plan, rows_per_part: int = 48) -> list[str]:
    """The Gantt cut into parts of ``rows_per_part`` programmes, each fit for one page."""
    rows, programmes = gantt_rows(plan)
    if not rows:
        return [gantt_svg(plan)]
    legend = _dimension_legend(
        (p.dimension for p in programmes), any(row.quick_win_year for row in rows)
    )
    chunks = [rows[i : i + rows_per_part] for i in range(0, len(rows), rows_per_part)]
    title = _("Roadmap %(period)s") % {"period": plan.period}
    return [
        gantt_document(
            title if len(chunks) == 1 else f"{title} ({index}/{len(chunks)})",
            chunk,
            list(plan.years),
            legend,
        )
        for index, chunk in enumerate(chunks, start=1)
    ]


def gantt_by_element_svg(plan: Plan) -> str:
    """The condensed Gantt of Buku 4: one row per element, bars over the years in which
    any of its programmes has roadmap entries or activities; the star marks the element's
    first quick win."""
    programmes = _programmes(plan)
    years = _programme_years(plan)
    rows: dict[int, GanttRow] = {}
    counts: dict[int, int] = defaultdict(int)
    order: list[Programme] = sorted(
        programmes, key=lambda p: (p.dimension.order, p.element.order, p.element_id)
    )
    for programme in order:
        element = programme.element
        row = rows.setdefault(
            element.pk,
            GanttRow("", programme.dimension.colour, set()),
        )
        counts[element.pk] += 1
        row.years |= years[programme.pk]
        if programme.is_quick_win:
            year = programme.quick_win_year or plan.start_year
            row.quick_win_year = min(year, row.quick_win_year or year)
        row.label = (
            f"{programme.dimension.code}-{element.code}  {_shorten(element.name, 30)}"
            f" ({counts[element.pk]})"
        )
    return gantt_document(
        _("Roadmap %(period)s per element (number of programmes)") % {"period": plan.period},
        list(rows.values()),
        list(plan.years),
        _dimension_legend(
            (p.dimension for p in order), any(r.quick_win_year for r in rows.values())
        ),
        row_height=14,
        label_size=8,
    )


# --- Bar charts ----------------------------------------------------------------------------


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
    legend: list[_LegendItem] | None = None,
    row_height: float = 20,
    label_size: float = 8,
    integer: bool = False,
    segment_labels: bool = False,
) -> str:
    """Horizontal bars (stacked when a bar has several segments), value axis below."""
    label_width = _label_column([bar.label for bar in bars], label_size)
    left = 6 + label_width
    value_room = max((_text_width(bar.value_label, 8) for bar in bars), default=0)
    right = WIDTH - 10 - value_room
    maximum = max((sum(v for v, _c in bar.segments) for bar in bars), default=0)
    step = _nice_step(maximum)
    if integer:
        step = max(1, math.ceil(step))
    limit = max(step, math.ceil(maximum / step) * step) if maximum else step
    scale = (right - left) / limit

    top = TITLE_HEIGHT + 8
    bottom = top + row_height * len(bars)
    parts = [_title(title)]
    tick = 0.0
    while tick <= limit + step / 1000:
        x = left + tick * scale
        parts.append(_line(x, bottom, x, bottom + 3, INK, 0.6))
        parts.append(_text(x, bottom + 13, _tick_label(tick, step), size=8, anchor="middle"))
        tick += step
    parts.append(_line(left, top, left, bottom))
    parts.append(_line(left, bottom, right, bottom))
    bar_height = row_height * 0.7
    for index, bar in enumerate(bars):
        y = top + index * row_height + (row_height - bar_height) / 2
        parts.append(
            _text(
                left - 4,
                y + bar_height / 2 + label_size * 0.35,
                bar.label,
                size=label_size,
                anchor="end",
                fill=bar.label_colour,
            )
        )
        x = left
        for value, colour in bar.segments:
            width = value * scale
            parts.append(_rect(x, y, width, bar_height, colour))
            if segment_labels and value:
                parts.append(
                    _text(
                        x + width / 2,
                        y + bar_height / 2 + 3,
                        _tick_label(value, 1),
                        size=8,
                        anchor="middle",
                    )
                )
            x += width
        if bar.value_label:
            parts.append(_text(x + 3, y + bar_height / 2 + 3, bar.value_label, size=8))
    parts.append(_text((left + right) / 2, bottom + 28, axis_label, size=9, anchor="middle"))
    legend_parts, legend_height = _legend(legend or [], bottom + 38)
    parts += legend_parts
    return _document(bottom + 38 + legend_height + 4, parts)


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
        return _no_data_titled(title, _("No budget yet"))
    years = list(plan.years)
    series = []
    for dimension in dimensions:
        values = [_billions(totals.get((dimension.pk, year), 0)) for year in years]
        if any(values):
            series.append((dimension, values))
    maximum = max(sum(values[i] for _d, values in series) for i in range(len(years)))
    step = _nice_step(maximum)
    limit = max(step, math.ceil(maximum / step) * step)

    left, right = 58, WIDTH - 10
    top, bottom = TITLE_HEIGHT + 10, TITLE_HEIGHT + 10 + 230
    scale = (bottom - top) / limit
    slot = (right - left) / len(years)
    parts = [_title(title)]
    tick = 0.0
    while tick <= limit + step / 1000:
        y = bottom - tick * scale
        parts.append(_line(left, y, right, y, GRID, 0.6))
        parts.append(_text(left - 5, y + 3, _tick_label(tick, step), size=8, anchor="end"))
        tick += step
    parts.append(_line(left, top, left, bottom))
    parts.append(_line(left, bottom, right, bottom))
    for index, year in enumerate(years):
        x = left + index * slot + slot * 0.1
        base = bottom
        for dimension, values in series:
            height = values[index] * scale
            parts.append(_rect(x, base - height, slot * 0.8, height, dimension.colour))
            base -= height
        parts.append(_text(x + slot * 0.4, bottom + 13, year, size=8, anchor="middle"))
    parts.append(
        _text(
            16,
            (top + bottom) / 2,
            _("billion Rupiah"),
            size=9,
            anchor="middle",
            extra=f' transform="rotate(-90 16 {_num((top + bottom) / 2)})"',
        )
    )
    legend_parts, legend_height = _legend(
        [_LegendItem(d.name, d.colour) for d, _v in series], bottom + 24, columns=3
    )
    parts += legend_parts
    return _document(bottom + 24 + legend_height + 4, parts)


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
            _shorten(source.name, 40),
            [(_billions(totals[source.pk]), SOURCE_COLOURS[index % len(SOURCE_COLOURS)])],
            f"{_billions(totals[source.pk]):,.1f}",
        )
        for index, source in enumerate(sources)
        if totals.get(source.pk)
    ]
    if not bars:
        return _no_data_titled(title, _("No budget yet"))
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
                f"{element.dimension.code}-{element.code}  {_shorten(element.name, 34)}",
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
        return _no_data_titled(title, _("No readiness aspects in this framework"))
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
        legend=[_LegendItem(str(label), RATING_COLOURS[rating]) for rating, label in legend],
        row_height=26,
        integer=True,
        segment_labels=True,
    )


CHARTS: dict[str, Callable[[Plan], str]] = {
    "gantt": gantt_svg,
    "budget_by_dimension": budget_by_dimension_svg,
    "budget_by_source": budget_by_source_svg,
    "programmes_per_element": programmes_per_element_svg,
    "readiness": readiness_svg,
}
