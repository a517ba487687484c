from __future__ import annotations

from django import template

from reviews import services

register = template.Library()


@register.inclusion_tag("reviews/comments_panel.html", takes_context=True)
def comments_for(context, target, open_only: bool = False):
    """The comment threads of any section or record: ``{% comments_for programme %}``."""
    from reviews.views import panel_context

    return panel_context(context["request"], target, open_only=open_only)


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """One query per page, for the navbar badge."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return user.notifications.unread().count()


@register.simple_tag
def book_edit_warning(book) -> bool:
    return services.book_edit_warning(book)


@register.simple_tag(takes_context=True)
def is_mentor(context) -> bool:
    from masterplan.permissions import access_for

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    found = access_for(user)
    return found.is_admin or bool(found.mentor_regions)
