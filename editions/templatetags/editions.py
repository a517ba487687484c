from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def book_editions(book) -> list:
    """The book's editions, oldest first, without their (large) snapshots: one query."""
    from editions.models import Edition

    return list(Edition.objects.filter(book=book).defer("snapshot").order_by("number"))
