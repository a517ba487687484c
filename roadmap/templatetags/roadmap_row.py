"""The roadmap row of one programme, for the programme page:
``{% load roadmap_row %}{% roadmap_row programme as cells %}`` gives, per year of the
plan, ``(year, cell, url, label, html id)`` as the roadmap grid shows them."""

from __future__ import annotations

from django import template

from roadmap.rows import roadmap_rows, row_from_loaded, row_of
from roadmap.views import CellLinks

register = template.Library()


@register.simple_tag
def roadmap_row(programme, indicators=None, budget_lines=None, entries=None) -> list[tuple]:
    """With the page's indicators (targets prefetched) and budget lines, the row is built
    from them: one query instead of four (none with its roadmap entries as well)."""
    plan = programme.plan
    if indicators is not None and budget_lines is not None:
        loaded = entries if isinstance(entries, list) else None
        row = row_from_loaded(programme, indicators, budget_lines, loaded)
    else:
        row = row_of(roadmap_rows([programme.pk]), programme.pk)
    links = CellLinks(plan)
    return [(year, row.cell(year), *links.links(programme, year)) for year in plan.years]
