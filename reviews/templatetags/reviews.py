from __future__ import annotations

from collections import defaultdict

from django import template

from masterplan.permissions import can_comment, can_review
from reviews import services
from reviews.models import Comment, SectionApproval

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


@register.simple_tag(takes_context=True)
def book_review_marks(context, book, nodes) -> bool:
    """For the book view: each node gets its open threads (``open_threads``), whether its
    sign-off is current (``approved``) and whether the user may comment on it
    (``can_comment``); answers whether the user may sign sections off. Two queries whatever
    the number of sections."""
    user = context["request"].user
    threads = defaultdict(list)
    for thread in Comment.objects.filter(book=book).open().select_related("author"):
        threads[thread.target_uuid].append(thread)
    approvals = {row.section_id: row for row in SectionApproval.objects.filter(section__book=book)}
    for node in nodes:
        node.open_threads = threads.get(node.section.uuid, [])
        for thread in node.open_threads:
            thread.outdated = thread.is_outdated(node.section)
        approval = approvals.get(node.section.pk)
        node.approved = approval is not None and approval.is_current_for(node.section)
        node.can_comment = can_comment(user, node.section)
    return not book.is_locked() and can_review(user, book)
