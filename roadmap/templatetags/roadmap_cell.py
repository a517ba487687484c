"""``{% load roadmap_cell %}``: one cell of the roadmap (programme × year), written in Python.

The roadmap grid has a cell per programme and plan year (100 and more per page), and the
template engine's look-ups per cell were most of the page's time. The HTML is the one the
``cell`` partial of roadmap/roadmap_grid.html wrote before (tests/roadmap compares them);
the partial still decides nothing else.
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from masterplan.lib import money

register = template.Library()


def _text(value) -> str:
    """A value as ``{{ value }}`` writes it: localised, then escaped."""
    return conditional_escape(localize(value))


@register.simple_tag(takes_context=True)
def roadmap_cell(context) -> str:
    """``{% roadmap_cell %}`` (context: cell, cell_url, cell_label, cell_id, programme,
    full_edit, edit_dims, derived_title, lines_title)."""
    cell = context.get("cell")
    cell_id = _text(context.get("cell_id", ""))
    programme = context.get("programme")
    try:
        may_edit = bool(context.get("full_edit")) or (
            getattr(programme, "dimension_id", None) in context.get("edit_dims")
        )
    except TypeError:  # no edit_dims: as {% if %} reads it
        may_edit = False
    target, budget, note = cell.target, cell.budget, cell.note
    html = f'<td id="{cell_id}">\n  '
    if may_edit:
        url = _text(context.get("cell_url", ""))
        html += (
            f'\n  <a class="d-block text-decoration-none text-body" href="{url}" '
            f'hx-get="{url}" hx-target="#{cell_id}" hx-swap="outerHTML">\n  '
        )
    html += "\n    "
    if target:
        derived = (
            f' class="fst-italic" title="{_text(context.get("derived_title", ""))}"'
            if cell.target_derived
            else ""
        )
        html += f"<div{derived}>{_text(Truncator(target).chars(120))}</div>"
    html += "\n    "
    if budget is not None:
        italic = " fst-italic" if cell.budget_derived else ""
        html += (
            f'<div class="fw-semibold text-nowrap{italic}" title="{_text(money.rupiah(budget))}">'
            f"{_text(money.rupiah_short(budget))}</div>"
        )
    html += "\n    "
    if note:
        html += f'<div class="text-body-secondary">{_text(note)}</div>'
    html += "\n    "
    if not target and budget is None and not note:
        html += '<span class="text-body-tertiary" aria-hidden="true">·</span>'
    html += f'\n    <span class="visually-hidden">{_text(context.get("cell_label", ""))}</span>\n  '
    if may_edit:
        html += "</a>"
    html += "\n  "
    entry = cell.entry
    if entry is not None and entry.budget is not None and cell.line_total is not None:
        danger = " text-danger" if cell.typed_budget_differs else ""
        html += (
            f'<div class="text-body-secondary text-nowrap{danger}" '
            f'title="{_text(context.get("lines_title", ""))}">'
            f"Σ {_text(money.rupiah_short(cell.line_total))}</div>"
        )
    return mark_safe(html + "\n</td>")  # every value above is escaped
