"""Blocks of Buku 3 (flagship programmes and quick wins): the list per dimension and one
sub-chapter per flagship."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from exports.assets import media_url
from exports.context.shared import Block, PlanData, PrintNode
from programs.models import Programme


def blocks_quick_wins(node, data, book) -> list[Block]:
    groups: dict[int, tuple[Any, list[Programme]]] = {}
    for programme in data.flagship_list:
        groups.setdefault(programme.dimension_id, (programme.dimension, []))[1].append(programme)
    if not groups:
        return []
    return [
        Block(
            "exports/blocks/quick_wins.html",
            list(groups.values()),
            _("Flagship programmes and quick wins per dimension"),
            "table",
        )
    ]


def children_flagship_detail(node: PrintNode, data: PlanData) -> list[PrintNode]:
    """One sub-chapter per flagship or quick win, numbered after the written sub-sections."""
    children = []
    offset = len(node.children)
    for index, programme in enumerate(data.flagships, start=offset + 1):
        number = f"{node.number}.{index}"
        child = PrintNode(
            anchor=f"flagship-{programme.pk}",
            number=number,
            title=f"{programme.name}",
            level=node.level + 1,
            own_page=True,
        )
        years = sorted(
            {line.year for line in programme.budget_lines.all()}
            | {a.year for a in data.flagship_activities.get(programme.pk, [])}
        )
        indicators = list(programme.indicators.all())
        child.blocks = [
            Block("exports/blocks/flagship_profile.html", programme),
        ]
        if programme.before_after.all():
            child.blocks.append(
                Block(
                    "exports/blocks/before_after.html",
                    list(programme.before_after.all()),
                    _("Before and after: %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        if indicators:
            child.blocks.append(
                Block(
                    "exports/blocks/indicators.html",
                    {"indicators": indicators, "years": data.years},
                    _("Indicators of %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        lines = list(programme.budget_lines.all())
        if lines:
            child.blocks.append(
                Block(
                    "exports/blocks/budget_lines.html",
                    {"lines": lines, "total": sum(line.amount for line in lines)},
                    _("Budget of %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        activities = data.flagship_activities.get(programme.pk, [])
        if activities:
            child.blocks.append(
                Block(
                    "exports/blocks/schedule.html",
                    {"activities": activities, "years": years},
                    _("Schedule of %(name)s") % {"name": programme.name},
                    "table",
                )
            )
        for photo in programme.photos.all():
            child.blocks.append(
                Block(
                    "exports/blocks/photo.html",
                    {"src": media_url(photo.image.name), "photo": photo},
                    photo.caption or programme.name,
                    "figure",
                )
            )
        children.append(child)
    return children
