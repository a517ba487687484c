"""``{% load activity_board %}``: the buttons of an activity, cheap enough for a long list.

The action plan shows every activity of 20 programmes with its edit, move and delete
buttons. Reversing three URLs and translating seven labels per activity was most of the
page's time, so the URLs are reversed once per programme and action (the activity's id
put in afterwards) and the labels translated once per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, gettext

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


@lru_cache(maxsize=32)
def _labels(language: str | None) -> dict[str, str]:
    return {
        "edit": gettext("Edit"),
        "delete": gettext("Delete"),
        "order": gettext("Order"),
        "up": gettext("Move up"),
        "down": gettext("Move down"),
    }


@register.simple_tag(takes_context=True)
def activity_actions(context, item) -> ActivityActions:
    """``{% activity_actions item as actions %}``: its URLs and the buttons' labels."""
    plan_id, programme_id = context["plan"].pk, item.programme_id
    return ActivityActions(
        edit=_url("edit", plan_id, programme_id, item.pk),
        move=_url("move", plan_id, programme_id, item.pk),
        delete=_url("delete", plan_id, programme_id, item.pk),
        labels=_labels(get_language()),
    )
