"""Blocks of Buku 4 (the summary): key figures, each dimension at a glance, the condensed
roadmap and the commitment sheet."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from exports.context.book1 import blocks_profile
from exports.context.shared import Block, dimension_of


def blocks_condensed_roadmap(node, data, book) -> list[Block]:
    summary = data.summary
    rows = [
        {
            "dimension": d.dimension,
            "years": [d.budget_by_year.get(y) for y in data.years],
            "total": d.budget,
        }
        for d in summary.dimensions
    ]
    return [
        Block(
            "exports/blocks/condensed_roadmap.html",
            {
                "rows": rows,
                "years": data.years,
                "totals": [summary.budget_by_year.get(y) for y in data.years],
                "total": summary.budget_total,
            },
            _("Condensed roadmap: budget per dimension and year (million Rp)"),
            "table",
        ),
        Block(
            "exports/blocks/chart.html",
            data.chart("gantt_by_element_svg"),
            _("Roadmap Gantt chart per element"),
            "figure",
        ),
    ]


def blocks_readiness_summary(node, data, book) -> list[Block]:
    counts: dict[Any, dict[str, int]] = {}
    for item in data.readiness:
        pillar_counts = counts.setdefault(item.aspect.pillar, {"baik": 0, "cukup": 0, "kurang": 0})
        if item.rating in pillar_counts:
            pillar_counts[item.rating] += 1
    blocks = blocks_profile(node, data, book)
    if counts:
        blocks.append(
            Block(
                "exports/blocks/readiness_summary.html",
                counts,
                _("Readiness ratings per pillar"),
                "table",
            )
        )
    blocks.append(
        Block(
            "exports/blocks/chart.html",
            data.chart("readiness_svg"),
            _("Readiness rating per pillar aspect"),
            "figure",
        )
    )
    return blocks


def blocks_dimension_summary(node, data, book) -> list[Block]:
    dimension = dimension_of(node)
    if dimension is None:
        return [
            Block(
                "exports/blocks/totals.html",
                {"summary": data.summary},
                _("Key figures of the masterplan"),
                "table",
            )
        ]
    summary = next((d for d in data.summary.dimensions if d.dimension.pk == dimension.pk), None)
    if summary is None:
        return []
    return [
        Block(
            "exports/blocks/dimension_summary.html",
            {
                "summary": summary,
                "years": data.years,
                "budget_by_year": [summary.budget_by_year.get(y) for y in data.years],
                "strategies": data.strategies_by_dimension.get(dimension.pk, []),
                "flagships": [p for p in data.flagship_list if p.dimension_id == dimension.pk],
            },
            _("%(dimension)s at a glance") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_commitment(node, data, book) -> list[Block]:
    return [
        Block(
            "exports/blocks/commitment.html",
            {"agencies": data.agencies, "region": data.plan.region},
            _("Commitment sheet"),
            "table",
        )
    ]
