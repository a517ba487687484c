"""Template filters of the portal: ``{% load masterplan %}``."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from masterplan.lib.sanitize import clean_comment_html, clean_highlight, clean_html

register = template.Library()


@register.filter
def rich_text(html: str | None) -> SafeString:
    """Stored rich text, sanitised once more and marked safe: the only such place."""
    return mark_safe(clean_html(html or ""))


@register.filter
def comment_html(html: str | None) -> SafeString:
    """A stored comment body: the rich-text allowlist plus its mention marks."""
    return mark_safe(clean_comment_html(html or ""))


@register.filter
def highlight(html: str | None) -> SafeString:
    """A search snippet or title: only the ``<mark>`` of the matched words survives."""
    return mark_safe(clean_highlight(html or ""))
