"""Blocks of Buku 1 (analysis): region profile, readiness, gaps, SWOT, strategic issues,
existing innovations."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from exports.context.shared import Block, PlanData, dimension_of


def blocks_profile(node, data: PlanData, book) -> list[Block]:
    profile = data.profile
    if profile is None:
        return []
    rows = [
        # as text, so the number filter prints 2023 and not 2.023
        (_("Data year"), str(profile.data_year) if profile.data_year is not None else None),
        (_("Area (km²)"), profile.area_km2),
        (_("Population"), profile.population),
        (_("Districts (kecamatan)"), profile.districts),
        (_("Villages (desa/kelurahan)"), profile.villages),
        (_("GRDP (billion Rp)"), profile.grdp_billion),
        (_("Economic growth (%)"), profile.economic_growth),
        (_("Human development index"), profile.hdi),
        (_("Poverty rate (%)"), profile.poverty_rate),
        (_("Open unemployment rate (%)"), profile.unemployment_rate),
        (_("Internet users (%)"), profile.internet_users),
    ]
    rows = [(label, value) for label, value in rows if value not in (None, "")]
    return [
        Block(
            "exports/blocks/profile.html",
            {"rows": rows, "summary": profile.summary},
            _("Key figures of %(region)s") % {"region": data.plan.region.name},
            "table",
        )
    ]


def blocks_readiness(node, data, book) -> list[Block]:
    by_pillar: dict[Any, list] = {}
    for item in data.readiness:
        by_pillar.setdefault(item.aspect.pillar, []).append(item)
    blocks = [
        Block(
            "exports/blocks/chart.html",
            data.chart("readiness_svg"),
            _("Readiness rating per pillar aspect"),
            "figure",
        )
    ]
    if by_pillar:
        blocks.append(
            Block(
                "exports/blocks/readiness.html",
                by_pillar,
                _("Readiness assessment per pillar"),
                "table",
            )
        )
    return blocks


def blocks_gaps(node, data, book) -> list[Block]:
    if not data.gaps:
        return []
    return [Block("exports/blocks/gaps.html", data.gaps, _("Gap analysis"), "table")]


def blocks_swot(node, data, book) -> list[Block]:
    dimension = dimension_of(node)
    if dimension is None:
        return []
    quadrants = data.swot_by_dimension.get(dimension.pk)
    if not quadrants or not any(quadrants.values()):
        return []
    return [
        Block(
            "exports/blocks/swot.html",
            quadrants,
            _("SWOT of %(dimension)s") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_strategic_issues(node, data, book) -> list[Block]:
    dimension = dimension_of(node)
    if dimension is None:
        return []
    issues = data.issues_by_dimension.get(dimension.pk)
    if not issues:
        return []
    return [
        Block(
            "exports/blocks/issues.html",
            issues,
            _("Strategic issues of %(dimension)s") % {"dimension": dimension.name_id},
            "table",
        )
    ]


def blocks_innovations(node, data, book) -> list[Block]:
    if not data.innovations:
        return []
    return [
        Block(
            "exports/blocks/innovations.html",
            data.innovations,
            _("Existing innovations and applications"),
            "table",
        )
    ]
