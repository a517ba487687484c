"""Template helpers of the structured editors: ``{% load structured %}``."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlencode

from django import template
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from masterplan.editing import REGISTRY

register = template.Library()


@register.simple_tag(takes_context=True)
def record_url(context, action: str, item=None, slug: str | None = None, parent=None) -> str:
    """URL of an editor action: ``{% record_url "edit" item "swot" as url %}``.

    The kind defaults to the page's ``kind``; a programme record's parent comes
    from the context (``programme``) or from the record itself.
    """
    kind = REGISTRY[slug] if slug else context["kind"]
    if kind.parent_field and parent is None:
        parent = context.get(kind.parent_field) or getattr(item, kind.parent_field, None)
    return kind.url(action, context["plan"], parent, getattr(item, "pk", None))


@lru_cache(maxsize=32)
def action_labels(language: str | None) -> dict[str, str]:
    """The record buttons' labels in ``language``, translated once (record lists and boards)."""
    return {
        "edit": gettext("Edit"),
        "delete": gettext("Delete"),
        "order": gettext("Order"),
        "up": gettext("Move up"),
        "down": gettext("Move down"),
    }


@register.simple_tag(takes_context=True)
def record_actions(context, item, slug: str | None = None, movable: bool = False) -> dict:
    """``{% record_actions item slug movable as actions %}``: the URLs of a record's buttons,
    their ``?next=`` and their labels (translated once per language), for a list of many."""
    return {
        "edit": record_url(context, "edit", item, slug),
        "delete": record_url(context, "delete", item, slug),
        "move": record_url(context, "move", item, slug) if movable else "",
        "next": quote(str(context.get("return_to", ""))),
        "id": record_id(item),
        "labels": action_labels(get_language()),
    }


@register.filter
def record_id(record) -> str:
    """The HTML id of a record's item: ``swotitem-12``."""
    return f"{record._meta.model_name}-{record.pk}"


@register.filter
def get_item(mapping, key):
    """``{{ totals|get_item:year }}``: a dict value for a key held in a variable."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.simple_tag
def query_string(**params) -> str:
    """``{% query_string dimension=d.pk kind="S" as query %}`` → ``dimension=3&kind=S``."""
    return urlencode({key: value for key, value in params.items() if value not in (None, "")})


@register.filter
def by_year(records, plan) -> list[tuple[int, object]]:
    """``{{ indicator.targets.all|by_year:plan }}``: (year, record or None) per plan year."""
    found = {record.year: record for record in records}
    return [(year, found.get(year)) for year in plan.years]


@register.filter
def labelled(record, names: str) -> list[tuple[str, object]]:
    """``{{ profile|labelled:"population,hdi" }}``: (the model's label, value) pairs."""
    fields = [record._meta.get_field(name.strip()) for name in names.split(",")]
    return [(capfirst(field.verbose_name), getattr(record, field.name)) for field in fields]
