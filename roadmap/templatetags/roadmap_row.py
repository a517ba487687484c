"""The roadmap row of one programme, for the programme page:
``{% load roadmap_row %}{% roadmap_row programme as cells %}`` gives, per year of the
plan, ``(year, cell, url, label, html id)`` as the roadmap grid shows them."""

from __future__ import annotations

from django import template

from roadmap.rows import roadmap_rows, row_of
from roadmap.views import CellLinks

register = template.Library()


@register.simple_tag
def roadmap_row(programme) -> list[tuple]:
    plan = programme.plan
    row = row_of(roadmap_rows([programme.pk]), programme.pk)
    links = CellLinks(plan)
    return [(year, row.cell(year), *links.links(programme, year)) for year in plan.years]
