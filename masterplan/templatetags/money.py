"""Rupiah and numbers in templates: ``{% load money %}`` (see ``masterplan.lib.money``).

``{{ amount|rupiah }}`` → Rp 1.250.000 · ``{{ amount|rupiah_short }}`` → Rp 850 jt ·
``{{ amount|juta }}`` → 1.250 · ``{{ amount|miliar }}`` → 1,3 · ``{{ value|number }}`` → 12,5
(``{{ value|number:0 }}`` for whole numbers).
"""

from __future__ import annotations

from django import template

from masterplan.lib import money

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    return money.rupiah(amount)


@register.filter
def rupiah_short(amount) -> str:
    return money.rupiah_short(amount)


@register.filter
def juta(amount) -> str:
    return money.juta(amount)


@register.filter
def miliar(amount) -> str:
    return money.miliar(amount)


@register.filter
def number(value, places=2) -> str:
    return money.number(value, int(places))
