"""``{% load programme_page %}``: what the programme page writes once per yearly-target cell.

The page has a cell per indicator and plan year, each with the URL of its editor; the URL
is reversed once per programme (the indicator and the year put in afterwards).
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from masterplan.lib import money

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


@lru_cache(maxsize=256)
def _cell_words(language: str | None, year: int) -> tuple[str, str]:
    """The cell's two labels, as ``{% translate %}`` and ``{% blocktranslate %}`` wrote
    them (the first escaped, the second with its value escaped)."""
    return (
        conditional_escape(gettext("Edit the target")),
        gettext("target %(year)s") % {"year": _text(year)},
    )


def _suggestions_for(context):
    """``{% suggestions_for %}`` of the reviews app (a floor above: reached through the
    template engine, as the template reached it)."""
    return context.template.engine.template_libraries["reviews"].tags["suggestions_for"].__wrapped__


def _text(value) -> str:
    """A value as ``{{ value }}`` writes it: localised, then escaped."""
    return conditional_escape(localize(value))


@register.simple_tag(takes_context=True)
def target_cell(context, indicator, year, target) -> str:
    """``{% target_cell indicator year target %}``: one yearly-target cell of an indicator,
    written in Python (a programme page has one per indicator and plan year, and their
    template look-ups were a large part of its time). Same HTML as the template wrote."""
    programme, plan = context.get("programme"), context.get("plan")
    edit_dims = context.get("edit_dims")
    try:
        may_edit = bool(context.get("full_edit")) or (
            getattr(programme, "dimension_id", None) in edit_dims
        )
    except TypeError:  # no edit_dims: as {% if %} reads it
        may_edit = False
    cell_id = f"target-{_text(indicator.pk)}-{_text(year)}"
    value = _text(money.number(target.value, 2)) if target else ""
    html = f'\n<td id="{cell_id}">\n  '
    if may_edit:
        url = conditional_escape(target_url(plan, programme, indicator, year))
        edit_label, year_label = _cell_words(get_language(), year)
        shown = value or '<span class="text-body-tertiary">+</span>'
        html += (
            f'\n  <a href="{url}" hx-get="{url}" hx-target="#{cell_id}" hx-swap="outerHTML" '
            f'class="d-block text-decoration-none" title="{edit_label}">{shown}'
            f'<span class="visually-hidden"> {year_label}</span></a>\n  '
        )
    else:
        html += value or "—"
    html += "\n  "
    if target:
        html += _suggestions_for(context)(context, target, compact=True)
    return mark_safe(html + "\n</td>\n")  # every value above is escaped
