"""Gantt charts of the roadmap: one row per programme (Buku 2, cut into pages) or per
element (Buku 4), bars over the years of its roadmap entries and activities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from masterplan.models import Plan
from programs.models import Programme
from roadmap.charts import svg
from roadmap.charts.svg import GRID, TITLE_HEIGHT, WIDTH
from roadmap.rows import roadmap_rows


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
    """Programme id → the years of its roadmap row (typed cells, targets, budget lines
    and activities)."""
    years: dict[int, set[int]] = defaultdict(set)
    for programme_id, row in roadmap_rows(Programme.objects.filter(plan=plan)).items():
        years[programme_id].update(row.years)
    return years


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
    legend: list[svg.LegendItem],
    *,
    row_height: float = 12,
    label_size: float = 7,
) -> str:
    """A Gantt chart: one row per item, bars over its years, years along the top."""
    if not rows:
        return svg.no_data(title, _("No programmes yet"))
    start, end = years[0], years[-1]
    label_width = svg.label_column([row.label for row in rows], label_size, most=WIDTH * 0.42)
    left, right = 6 + label_width, WIDTH - 8
    unit = (right - left) / (end - start + 1.2)

    def x(year: float) -> float:
        return left + (year - (start - 0.6)) * unit

    top = TITLE_HEIGHT + 16
    # A long label wraps (never "…"): its row grows to hold the lines.
    labels = [svg.wrap(row.label, label_width - 4, label_size) for row in rows]
    heights = [max(row_height, len(lines) * label_size * 1.15 + 3) for lines in labels]
    bottom = top + sum(heights)
    parts = [svg.title(title)]
    for year in years:
        parts.append(svg.line(x(year), top, x(year), bottom, GRID, 0.6))
        parts.append(svg.text(x(year), top - 4, year, size=8, anchor="middle"))
    parts.append(svg.line(left, top, left, bottom))
    parts.append(svg.line(left, bottom, right, bottom))
    bar = row_height * 0.7
    y = top
    for row, lines, height in zip(rows, labels, heights, strict=True):
        middle = y + height / 2
        parts.append(svg.text_lines(left - 4, middle, lines, size=label_size, anchor="end"))
        for first, span in _year_spans(row.years):
            parts.append(
                svg.rect(x(first - 0.45), middle - bar / 2, (span - 0.1) * unit, bar, row.colour)
            )
        if row.quick_win_year is not None:
            parts.append(svg.star(x(row.quick_win_year), middle, row_height * 0.42))
        y += height
    legend_parts, legend_height = svg.legend(legend, bottom + 10)
    parts += legend_parts
    return svg.document(bottom + 14 + legend_height, parts)


def _dimension_legend(dimensions: Iterable, quick_wins: bool) -> list[svg.LegendItem]:
    seen: dict[int, svg.LegendItem] = {}
    for dimension in dimensions:
        seen.setdefault(dimension.pk, svg.LegendItem(dimension.name, dimension.colour))
    items = list(seen.values())
    if quick_wins:
        items.append(svg.LegendItem(_("Quick win"), "black", star=True))
    return items


def gantt_rows(plan: Plan) -> tuple[list[GanttRow], list[Programme]]:
    """One Gantt row per programme of the plan (two queries whatever its size)."""
    programmes = _programmes(plan)
    years = _programme_years(plan)
    return [
        GanttRow(
            f"{p.code}  {p.name}",
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
            f"{programme.dimension.code}-{element.code}  {element.name} ({counts[element.pk]})"
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
