"""Blocks of Buku 2 (strategy and programmes): vision, goals, strategies, programmes,
action plan, roadmap (also the flagships' roadmap of Buku 3 and the condensed one of
Buku 4), financing, institutions and risks."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils.translation import gettext as _

from exports.context import shared
from exports.context.book4 import blocks_condensed_roadmap
from exports.context.shared import Block, PlanData, dimension_of
from programs.models import Programme


def blocks_vision(node, data, book) -> list[Block]:
    return [Block("exports/blocks/vision.html", data.plan)]


def blocks_goals(node, data, book) -> list[Block]:
    if not data.goals:
        return []
    return [Block("exports/blocks/goals.html", data.goals, _("Goals and targets"), "table")]


def blocks_strategies(node, data, book) -> list[Block]:
    dimension = dimension_of(node)
    if dimension is None:
        return []
    strategies = data.strategies_by_dimension.get(dimension.pk)
    if not strategies:
        return []
    return [
        Block(
            "exports/blocks/strategies.html",
            strategies,
            _("Strategy of %(dimension)s per element") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def _group_by_element(programmes: list[Programme]) -> list[tuple[Any, list[Programme]]]:
    groups: dict[int, tuple[Any, list[Programme]]] = {}
    for programme in programmes:
        groups.setdefault(programme.element_id, (programme.element, []))[1].append(programme)
    return list(groups.values())


def blocks_programmes(node, data, book) -> list[Block]:
    dimension = dimension_of(node)
    if dimension is None:
        # The chapter itself: the overview chart; its per-dimension children hold the tables.
        return [
            Block(
                "exports/blocks/chart.html",
                data.chart("programmes_per_element_svg"),
                _("Programmes per element"),
                "figure",
            )
        ]
    programmes = data.programmes_by_dimension.get(dimension.pk)
    if not programmes:
        return []
    return [
        Block(
            "exports/blocks/programmes.html",
            {
                "groups": _group_by_element(programmes),
                "total": sum(p.budget_sum or 0 for p in programmes),
            },
            _("Programmes of %(dimension)s") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_action_plan(node, data, book) -> list[Block]:
    rows = [
        (programme, data.activities_by_programme.get(programme.pk, []))
        for programme in data.programmes
    ]
    rows = [(programme, activities) for programme, activities in rows if activities]
    if not rows:
        return []
    if sum(len(activities) for _, activities in rows) <= shared.ACTION_PLAN_PAGE_PER_DIMENSION:
        return [Block("exports/blocks/action_plan.html", rows, _("Action plan"), "table")]
    # A table of many pages: one per dimension, each from a new page.
    return [
        Block(
            "exports/blocks/action_plan.html",
            list(group),
            _("Action plan: %(dimension)s") % {"dimension": dimension.name_id},
            "table",
            new_page=index > 0,
        )
        for index, (dimension, group) in enumerate(
            itertools.groupby(rows, key=lambda row: row[0].dimension)
        )
    ]


def _roadmap_rows(data: PlanData, programmes: list[Programme], years: list[int]) -> list[dict]:
    """Rows of the RPJMD-style matrix: element group rows (the first of a dimension names
    it too), then programmes."""
    rows: list[dict] = []
    dimension_id = element_id = None
    for programme in programmes:
        if programme.dimension_id != dimension_id:
            # one group row where a dimension starts: "Smart Governance › Pelayanan publik"
            dimension_id, element_id = programme.dimension_id, programme.element_id
            label = f"{programme.dimension.name_id} › {programme.element.name_id}"
            rows.append({"kind": "dimension", "label": label})
        if programme.element_id != element_id:
            element_id = programme.element_id
            rows.append({"kind": "element", "label": programme.element.name_id})
        cells = data.roadmap_cells.get(programme.pk, {})
        entries = [cells.get(year) for year in years]
        indicator, targets = split_targets([entry.target if entry else "" for entry in entries])
        rows.append(
            {
                "kind": "programme",
                "programme": programme,
                "indicator": indicator,
                "cells": [
                    {"target": target, "budget": entry.budget} if entry else None
                    for entry, target in zip(entries, targets, strict=True)
                ],
                "total": sum((entry.budget or 0) for entry in cells.values()),
            }
        )
    return rows


def split_targets(targets: list[str]) -> tuple[str, list[str]]:
    """(what every year's target says, what differs per year).

    "Kunjungan wisatawan …: 130.000 kunjungan" in every year prints the indicator once
    under the programme and only "130.000 kunjungan" in the year cells: the matrix's cells
    stay two or three lines long.
    """
    written = [target for target in targets if target]
    if len(written) < 2:
        return "", targets
    heads = {target.rpartition(": ")[0] for target in written}
    if len(heads) == 1 and (head := heads.pop()):
        return head, [target.rpartition(": ")[2] if target else "" for target in targets]
    words = [target.split() for target in written]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    if common < 2:
        return "", targets
    head = " ".join(words[0][:common]).rstrip(":")
    return head, [" ".join(target.split()[common:]) if target else "" for target in targets]


def roadmap_years(data: PlanData, programmes: list[Programme]) -> list[int]:
    """The plan's years from the first to the last one with an entry for these programmes:
    the flagships' matrix of Buku 3 (quick wins of one or two years) prints no empty
    columns."""
    used = [
        year
        for year in data.years
        if any(year in data.roadmap_cells.get(programme.pk, {}) for programme in programmes)
    ]
    if not used:
        return data.years
    return [year for year in data.years if used[0] <= year <= used[-1]]


def blocks_roadmap(node, data, book) -> list[Block]:
    if book.number == 4:
        return blocks_condensed_roadmap(node, data, book)
    programmes = data.flagship_list if book.number == 3 else data.programmes
    # Buku 2's matrix spans the plan's period; the flagships' only the years they run.
    years = roadmap_years(data, programmes) if book.number == 3 else data.years
    # Landscape only when the years need the width: a few year columns fit a portrait page.
    wide = len(years) > shared.ROADMAP_PORTRAIT_YEARS
    blocks = []
    if len(programmes) > shared.ROADMAP_PAGE_PER_DIMENSION:
        # A matrix of many pages: one per dimension, each from a new page.
        for index, (dimension, group) in enumerate(
            itertools.groupby(programmes, key=lambda programme: programme.dimension)
        ):
            blocks.append(
                Block(
                    "exports/blocks/roadmap.html",
                    {"rows": _roadmap_rows(data, list(group), years), "years": years},
                    _("Roadmap of %(dimension)s (target and million Rp per year)")
                    % {"dimension": dimension.name_id},
                    "table",
                    wide=wide,
                    new_page=index > 0,
                )
            )
    elif programmes:
        blocks.append(
            Block(
                "exports/blocks/roadmap.html",
                {"rows": _roadmap_rows(data, programmes, years), "years": years},
                _("Roadmap of the flagship programmes (target and million Rp per year)")
                if book.number == 3
                else _("Roadmap (target and million Rp per year)"),
                "table",
                wide=wide,
            )
        )
    if book.number == 2:
        blocks.append(
            Block(
                "exports/blocks/chart_parts.html",
                data.gantt_parts(),
                _("Roadmap Gantt chart"),
                "figure",
            )
        )
    return blocks


def blocks_financing(node, data, book) -> list[Block]:
    blocks = []
    if book.number == 4:
        blocks += blocks_institutions(node, data, book)
    rows = data.budget_by_source_year
    if rows:
        totals = [sum(row["years"].get(year, 0) for row in rows) for year in data.years]
        blocks.append(
            Block(
                "exports/blocks/financing.html",
                {
                    "rows": [
                        {**row, "cells": [row["years"].get(y) for y in data.years]} for row in rows
                    ],
                    "years": data.years,
                    "totals": totals,
                    "total": sum(totals),
                },
                _("Financing by funding source and year (million Rp)"),
                "table",
            )
        )
    blocks.append(
        Block(
            "exports/blocks/chart.html",
            data.chart("budget_by_source_svg"),
            _("Budget by funding source"),
            "figure",
        )
    )
    blocks.append(
        Block(
            "exports/blocks/chart.html",
            data.chart("budget_by_dimension_svg"),
            _("Budget by dimension and year"),
            "figure",
        )
    )
    return blocks


def blocks_institutions(node, data, book) -> list[Block]:
    blocks = []
    for institution in data.institutions:
        blocks.append(
            Block(
                "exports/blocks/institution.html",
                institution,
                str(institution),
                "table",
            )
        )
    return blocks


def blocks_risks(node, data, book) -> list[Block]:
    if not data.risks:
        return []
    return [Block("exports/blocks/risks.html", data.risks, _("Risk register"), "table")]
