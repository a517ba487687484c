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


@register.inclusion_tag("reviews/_suggestions.html", takes_context=True)
def suggestions_for(context, target, compact: bool = False):
    """A mentor's pending suggestions where the value is shown: ``{% suggestions_for line %}``.

    One query per page: the region's pending suggestions are read once per request.
    """
    from masterplan.permissions import can_edit, can_review
    from reviews.suggestions import Suggestion

    request = context["request"]
    region_id = target.scope_region_id()
    cache = getattr(request, "_pending_suggestions", None)
    if cache is None:
        cache = request._pending_suggestions = {}
    if region_id not in cache:
        by_record: dict = {}
        for row in (
            Suggestion.objects.pending().filter(region_id=region_id).select_related("author")
        ):
            by_record.setdefault(row.target_uuid, []).append(row)
        cache[region_id] = by_record
    suggestions = cache[region_id].get(target.uuid, [])
    for suggestion in suggestions:
        suggestion.outdated = suggestion.is_outdated(target)
    return {
        "target": target,
        "target_label": target._meta.label_lower,
        "suggestions": suggestions,
        "can_suggest": can_review(request.user, target),
        "can_decide": can_edit(request.user, target),
        "next_url": request.get_full_path(),
        "compact": compact,
    }
