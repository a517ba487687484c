"""``{% load activity_board %}``: the buttons of an activity, cheap enough for a long list.

The action plan shows every activity of 20 programmes with its edit, move and delete
buttons. Reversing three URLs and translating seven labels per activity was most of the
page's time, so the URLs are reversed once per programme and action (the activity's id
put in afterwards) and the labels translated once per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from dimensions.templatetags.structured import action_labels, move_form, text
from masterplan.lib import money

register = template.Library()

# A record id no activity has: reversed once, then replaced by the activity's own.
_SENTINEL = 987654321


@dataclass(frozen=True)
class ActivityActions:
    edit: str
    move: str
    delete: str
    labels: dict[str, str]


@lru_cache(maxsize=4096)
def _url_pattern(script_prefix: str, action: str, plan_id: int, programme_id: int) -> str:
    return reverse(f"roadmap:record_{action}", args=[plan_id, programme_id, "kegiatan", _SENTINEL])


def _url(action: str, plan_id: int, programme_id: int, pk: int) -> str:
    pattern = _url_pattern(get_script_prefix(), action, plan_id, programme_id)
    return pattern.replace(f"/{_SENTINEL}/", f"/{pk}/")


@register.simple_tag(takes_context=True)
def activity_actions(context, item) -> ActivityActions:
    """``{% activity_actions item as actions %}``: its URLs and the buttons' labels."""
    plan_id, programme_id = context["plan"].pk, item.programme_id
    return ActivityActions(
        edit=_url("edit", plan_id, programme_id, item.pk),
        move=_url("move", plan_id, programme_id, item.pk),
        delete=_url("delete", plan_id, programme_id, item.pk),
        labels=action_labels(get_language()),
    )


@lru_cache(maxsize=32)
def _item_words(language: str | None) -> dict[str, str]:
    return {
        "quarter": conditional_escape(gettext("Q")),
        "output": conditional_escape(gettext("Output")),
    }


@register.simple_tag(takes_context=True)
def activity_item(context, item) -> str:
    """``{% activity_item item %}``: one activity of a board, written in Python.

    The action plan lists some sixty activities per page, and the template engine's ~40
    variable look-ups per activity were most of the page's time. The HTML is the one the
    template wrote before (tests/roadmap compares them).
    """
    words = _item_words(get_language())
    record_id = f"{item._meta.model_name}-{item.pk}"
    badge = text(item.year)
    if item.quarter:
        badge += f" · {words['quarter']}{text(item.get_quarter_display())}"
    output = f"{words['output']}: {text(item.output)} · " if item.output else ""
    agency = f"{text(item.agency)} · " if item.agency else ""
    source = f" ({text(item.funding_source.name)})" if item.funding_source else ""
    html = (
        f'<div id="{record_id}" class="list-group-item d-flex justify-content-between gap-3">\n'
        '  <div class="small flex-grow-1">\n'
        f'    <div><span class="badge text-bg-secondary">{badge}</span>\n'
        f'      <span class="fw-semibold">{text(item.name)}</span></div>\n'
        '    <div class="text-body-secondary">\n'
        f"      {output}\n"
        f"      {agency}\n"
        f"      {text(money.rupiah(item.budget))}{source}\n"
        "    </div>\n"
        "  </div>\n"
        "  "
    )
    programme = context.get("programme")
    edit_dims = context.get("edit_dims")
    try:
        may_edit = bool(context.get("full_edit")) or (
            getattr(programme, "dimension_id", None) in edit_dims
        )
    except TypeError:  # no edit_dims: as {% if %} reads it
        may_edit = False
    if may_edit:
        actions = activity_actions(context, item)
        labels = {key: conditional_escape(label) for key, label in actions.labels.items()}
        after = conditional_escape(quote(str(context.get("return_to", ""))))
        name = text(item)
        edit, move, delete = (
            conditional_escape(url) for url in (actions.edit, actions.move, actions.delete)
        )
        html += (
            "\n"
            '<div class="record-actions d-flex align-items-start gap-1 flex-shrink-0">\n'
            f'  <a class="btn btn-outline-secondary btn-sm" href="{edit}?next={after}" '
            f'hx-get="{edit}?next={after}" hx-target="#{record_id}" hx-swap="outerHTML">'
            f'{labels["edit"]}<span class="visually-hidden"> {name}</span></a>\n'
            + move_form(context, move, after, labels)
            + f'  <a class="btn btn-outline-danger btn-sm" href="{delete}?next={after}" '
            f'hx-get="{delete}?next={after}" hx-target="#{record_id}" hx-swap="outerHTML">'
            f'{labels["delete"]}<span class="visually-hidden"> {name}</span></a>\n'
            "</div>"
        )
    return mark_safe(html + "\n</div>")  # every value above is escaped
