from __future__ import annotations

from django import template

from exports import context
from masterplan.lib.money import rupiah as _rupiah

register = template.Library()


@register.filter
def juta(amount):
    return context.juta(amount)


@register.filter
def miliar(amount):
    return context.miliar(amount)


@register.filter
def rupiah(amount):
    return _rupiah(amount)


@register.filter
def number_id(value):
    """Decimal with an Indonesian comma, trailing zeros dropped: 12.50 -> 12,5."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        return value
    text = f"{value:,.2f}" if not isinstance(value, int) else f"{value:,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
