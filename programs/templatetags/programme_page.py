"""``{% load programme_page %}``: what the programme page writes once per yearly-target cell.

The page has a cell per indicator and plan year, each with the URL of its editor; the URL
is reversed once per programme (the indicator and the year put in afterwards).
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()

# An indicator id and a year no record has: reversed once, then replaced.
_INDICATOR, _YEAR = 987654321, 987654322


@lru_cache(maxsize=4096)
def _pattern(script_prefix: str, plan_id: int, programme_id: int) -> str:
    return reverse("programs:indicator_target", args=[plan_id, programme_id, _INDICATOR, _YEAR])


@register.simple_tag
def target_url(plan, programme, indicator, year) -> str:
    """``{% target_url plan programme indicator year as url %}``: the cell's editor."""
    pattern = _pattern(get_script_prefix(), plan.pk, programme.pk)
    return pattern.replace(f"/{_INDICATOR}/", f"/{indicator.pk}/", 1).replace(
        f"/{_YEAR}/", f"/{year}/", 1
    )
