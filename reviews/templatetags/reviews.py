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


def pending_suggestions(request, target) -> list:
    """The region's pending suggestions on ``target``: one query per region and request."""
    from reviews.suggestions import Suggestion

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
    return suggestions


@register.simple_tag(takes_context=True)
def suggestions_for(context, target, compact: bool = False) -> str:
    """A mentor's pending suggestions where the value is shown: ``{% suggestions_for line %}``.

    One query per page: the region's pending suggestions are read once per request. Most
    values have none and most readers may not suggest: then nothing is written, without
    rendering the template (a programme page has a value per yearly target).
    """
    from masterplan.permissions import can_edit, can_review

    request = context["request"]
    suggestions = pending_suggestions(request, target)
    can_suggest = can_review(request.user, target)
    found = context.render_context.get(SUGGESTIONS_TEMPLATE)
    if found is None:
        template = context.template.engine.get_template(SUGGESTIONS_TEMPLATE)
        # what the template writes when it shows nothing (its whitespace), rendered once
        empty = template.render(context.new({"suggestions": [], "can_suggest": False}))
        found = context.render_context[SUGGESTIONS_TEMPLATE] = (template, empty)
    template, empty = found
    if not (suggestions or can_suggest):
        return empty
    # as an inclusion tag renders: a context of its own that keeps the CSRF token
    new_context = context.new(
        {
            "target": target,
            "target_label": target._meta.label_lower,
            "suggestions": suggestions,
            "can_suggest": can_suggest,
            "can_decide": can_edit(request.user, target),
            "next_url": request.get_full_path(),
            "compact": compact,
        }
    )
    csrf_token = context.get("csrf_token")
    if csrf_token is not None:
        new_context["csrf_token"] = csrf_token
    return template.render(new_context)


SUGGESTIONS_TEMPLATE = "reviews/_suggestions.html"


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
