"""The SVG primitives the charts are drawn with: text, rectangles, lines, stars, a legend
and value axes. Every piece of text is XML-escaped here."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from masterplan.lib import money

WIDTH = 540  # points: 7.5 in, the text width of an A4 page
FONT = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
INK = "#1d252c"
GREY = "#9aa0a6"
GRID = "#e0e0e0"

CHAR_WIDTH = 0.56  # average advance of a sans-serif character, in em
TITLE_HEIGHT = 24
LEGEND_ROW = 14


def num(value: float) -> str:
    """Coordinates with two decimals at most, without trailing zeros."""
    digits = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if digits == "-0" else digits


def text(x, y, content, *, size=9, anchor="start", weight="", fill=INK, extra="") -> str:
    attributes = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}"'
    if anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if weight:
        attributes += f' font-weight="{weight}"'
    if fill != INK:
        attributes += f' fill="{fill}"'
    return f"<text {attributes}{extra}>{escape(str(content))}</text>"


def rect(x, y, width, height, fill) -> str:
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(width, 0))}" '
        f'height="{num(height)}" fill="{escape(fill)}"/>'
    )


def line(x1, y1, x2, y2, stroke=INK, width=0.8) -> str:
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{stroke}" stroke-width="{num(width)}"/>'
    )


def star(x, y, radius) -> str:
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + index * math.pi / 5
        points.append(f"{num(x + r * math.cos(angle))},{num(y - r * math.sin(angle))}")
    return f'<polygon points="{" ".join(points)}" fill="black"/>'


def document(height: float, parts: Iterable[str]) -> str:
    height = max(height, 144)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}pt" '
        f'height="{num(height)}pt" viewBox="0 0 {WIDTH} {num(height)}" '
        f'font-family="{FONT}" fill="{INK}">'
        f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="white"/>'
        + "".join(parts)
        + "</svg>"
    )


def text_width(content: str, size: float) -> float:
    return len(content) * size * CHAR_WIDTH


def title(content: str) -> str:
    return text(6, 17, content, size=11, weight="bold")


@dataclass
class LegendItem:
    label: str
    colour: str
    star: bool = False


def legend(items: list[LegendItem], top: float, columns: int = 4) -> tuple[list[str], float]:
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
            parts.append(star(left + 6, y + 5, 5))
        else:
            parts.append(rect(left, y, 12, 9, item.colour))
        parts.append(text(left + 16, y + 8, item.label, size=8))
    return parts, rows * LEGEND_ROW + 4


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10^k) giving about ``ticks`` intervals."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def tick_label(value: float, step: float) -> str:
    """An axis value the Indonesian way (``1.000``, ``2,5``), as many decimals as the step."""
    if step >= 1 and float(value).is_integer():
        return money.number(int(value), 0)
    # as many decimals as the step has: 0,25 steps need two (one printed 0,25 as 0,3)
    decimals = max(1, -Decimal(f"{step:.6g}").normalize().as_tuple().exponent)
    return money.number(value, decimals, trim=False)


def wrap(content: str, width: float, size: float) -> list[str]:
    """The label in lines that fit ``width`` points: wrapped at spaces, never cut short."""
    content = " ".join(str(content).split())
    per_line = max(8, int(width / (size * CHAR_WIDTH)))
    return textwrap.wrap(content, per_line, break_on_hyphens=True) or [""]


def text_lines(x, y_centre, lines: list[str], *, size, anchor="start", fill=INK) -> str:
    """Lines of one label, centred on ``y_centre`` (a wrapped label of a chart row)."""
    leading = size * 1.15
    first = y_centre - (len(lines) - 1) * leading / 2 + size * 0.35
    if len(lines) == 1:
        return text(x, first, lines[0], size=size, anchor=anchor, fill=fill)
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(first + index * leading)}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    attributes = f'font-size="{num(size)}"'
    if anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if fill != INK:
        attributes += f' fill="{fill}"'
    return f"<text {attributes}>{spans}</text>"


def label_column(labels: list[str], size: float, *, least=60, most=WIDTH * 0.45) -> float:
    widest = max((text_width(label, size) for label in labels), default=0)
    return min(max(widest + 10, least), most)


def no_data(heading: str, message: str) -> str:
    return document(144, [title(heading), text(WIDTH / 2, 84, message, anchor="middle", fill=GREY)])
