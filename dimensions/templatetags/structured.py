"""Template helpers of the structured editors: ``{% load structured %}``."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlencode

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
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


def text(value) -> str:
    """A value as ``{{ value }}`` writes it: localised, then escaped."""
    return conditional_escape(localize(value))


def move_form(context, move: str, after: str, labels: dict[str, str]) -> str:
    """The up/down buttons of a record that can be reordered, as
    ``dimensions/_record_actions.html`` writes them (arguments already escaped)."""
    token = context.get("csrf_token")
    csrf = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
        if token and token != "NOTPROVIDED"
        else ""
    )
    return (
        f'  <form method="post" action="{move}?next={after}" hx-post="{move}" '
        'class="btn-group btn-group-sm" role="group" '
        f'aria-label="{labels["order"]}">\n'
        f"    {csrf}\n"
        '    <button type="submit" class="btn btn-outline-secondary" name="direction" '
        f'value="up" title="{labels["up"]}"><span aria-hidden="true">↑</span>'
        f'<span class="visually-hidden">{labels["up"]}</span></button>\n'
        '    <button type="submit" class="btn btn-outline-secondary" name="direction" '
        f'value="down" title="{labels["down"]}"><span aria-hidden="true">↓</span>'
        f'<span class="visually-hidden">{labels["down"]}</span></button>\n'
        "  </form>\n"
    )


@register.simple_tag(takes_context=True)
def record_buttons(context, item, slug: str | None = None, movable: bool = False) -> str:
    """``{% record_buttons item slug movable %}``: a record's edit / reorder / delete
    buttons, written in Python (``dimensions/_record_actions.html`` calls it too).

    A programme page has a few dozen records; the template's look-ups per record were a
    large part of its time. Same HTML as the template wrote.
    """
    actions = record_actions(context, item, slug, movable)
    labels = {key: conditional_escape(label) for key, label in actions["labels"].items()}
    after = conditional_escape(actions["next"])
    record = conditional_escape(actions["id"])
    name = text(item)
    edit, delete = conditional_escape(actions["edit"]), conditional_escape(actions["delete"])
    html = (
        '\n<div class="record-actions d-flex align-items-start gap-1 flex-shrink-0">\n'
        f'  <a class="btn btn-outline-secondary btn-sm" href="{edit}?next={after}" '
        f'hx-get="{edit}?next={after}" hx-target="#{record}" hx-swap="outerHTML">'
        f'{labels["edit"]}<span class="visually-hidden"> {name}</span></a>\n'
        "  "
    )
    if movable:
        move = conditional_escape(actions["move"])
        html += "\n" + move_form(context, move, after, labels) + "  "
    html += (
        "\n"
        f'  <a class="btn btn-outline-danger btn-sm" href="{delete}?next={after}" '
        f'hx-get="{delete}?next={after}" hx-target="#{record}" hx-swap="outerHTML">'
        f'{labels["delete"]}<span class="visually-hidden"> {name}</span></a>\n'
        "</div>\n"
    )
    return mark_safe(html)  # every value above is escaped


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
