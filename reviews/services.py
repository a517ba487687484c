"""Writes of the review: comments, workflow transitions, sign-off, notifications.

Each writes its audit event in the same transaction; notification emails leave after
the commit, so a refused or rolled-back change sends nothing.
"""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _

from masterplan.lib.sanitize import clean_html
from masterplan.models import Book, Membership, Revision, Section, User
from masterplan.permissions import role_in
from masterplan.services import audit_record
from reviews import workflow
from reviews.anchors import CONTEXT_CHARS, quote_context
from reviews.impact import flags_clear_book, flags_clear_section
from reviews.models import (
    BookTransition,
    Comment,
    Notification,
    NotificationSettings,
    SectionApproval,
    plain_text,
)

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
# What the @ autocomplete inserts: the visible name and the person's id. The name part is
# only a hint for the reader of the raw text; the id decides, and only among the region's people.
# "@[Siti (Bappeda)](user:12)": the name as the autocomplete showed it, with backslash
# before any "\", "[", "]", "(" or ")" in it (static/js/comments.js), so that no name can
# end the token early or forge another one; tokens written before the escaping still read.
MENTION_TOKEN = re.compile(r"@\[((?:[^\\\]\n<>]|\\[\\\[\]()]){1,150})\]\(user:(\d{1,10})\)")
MENTION_ESCAPE = re.compile(r"\\([\\\[\]()])")
MENTION_SEARCH_LIMIT = 8


class TransitionRefused(Exception):
    """The workflow does not allow this step now; ``missing`` lists what blocks a submission."""

    def __init__(self, message: str, missing: list | None = None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


# --- Where things are -------------------------------------------------------------------


def record_url(target: Model) -> str:
    """The page that shows the record itself (its programme for what hangs on one), or ""."""
    from masterplan.models import Plan
    from programs.models import Programme

    if isinstance(target, Section):
        return reverse("reviews:section_review", args=[target.pk])
    if isinstance(target, Plan):
        return reverse("plan_detail", args=[target.pk])
    if isinstance(target, Book):
        return reverse("book_detail", args=[target.plan_id, target.number])
    programme = target if isinstance(target, Programme) else None
    for path in ("programme", "indicator__programme"):
        if programme is not None:
            break
        programme = _follow(target, path)
    if isinstance(programme, Programme) and type(target) is Programme:
        return reverse("programs:programme_detail", args=[programme.plan_id, programme.pk])
    return _board_url(target) or (
        reverse("programs:programme_detail", args=[programme.plan_id, programme.pk])
        if isinstance(programme, Programme)
        else ""
    )


def _board_url(target: Model) -> str:
    """The page listing records of this kind (the editing engine's board), at the record."""
    from masterplan.editing import REGISTRY
    from masterplan.registry import plan_record_kind

    kind = next((kind for kind in REGISTRY.values() if kind.model is type(target)), None)
    if kind is None:
        return ""
    try:
        plan_path = plan_record_kind(type(target)).plan_path
    except LookupError:
        return ""
    plan = _follow(target, plan_path) if plan_path else None
    parent = getattr(target, kind.parent_field, None) if kind.parent_field else None
    if plan is None or (kind.parent_field and parent is None):
        return ""
    return f"{kind.page_url(plan, parent)}#{kind.item_id(target)}"


def _follow(target: Model, path: str) -> Model | None:
    row: Model | None = target
    for name in path.split("__"):
        row = getattr(row, name, None) if isinstance(row, Model) else None
    return row


def target_url(target: Model) -> str:
    """The page that shows the record's comment threads: its own page when that page has
    the comments panel (sections, programmes), else the record's comments page."""
    from programs.models import Programme

    if isinstance(target, Section | Programme):
        return record_url(target)
    return reverse("reviews:comment_list", args=[target._meta.label_lower, target.uuid])


def comment_url(comment: Comment, target: Model | None = None) -> str:
    url = target_url(target) if target is not None else ""
    return f"{url}#komentar-{comment.uuid}" if url else ""


def notification_url(notification: Notification) -> str:
    """Where a notification stored without a link leads: its comment, its record, or the list."""
    fallback = reverse("reviews:notification_list")
    if not notification.target_type or notification.target_uuid is None:
        return fallback
    try:
        model = apps.get_model(notification.target_type)
    except (LookupError, ValueError):
        return fallback
    row = model._base_manager.filter(uuid=notification.target_uuid).first()
    if isinstance(row, Comment):
        target = row.target_model()._base_manager.filter(uuid=row.target_uuid).first()
        return comment_url(row, target) if target is not None else fallback
    if row is None:
        return fallback
    return record_url(row) or target_url(row)


def region_people(region_id: int):
    """Users who work on or mentor the region: the ones who may be @mentioned."""
    return User.objects.filter(
        Q(memberships__region_id=region_id) | Q(mentor_assignments__region_id=region_id),
        is_active=True,
    ).distinct()


def mentioned_users(text: str, region_id: int) -> list[User]:
    """People of the region named in ``text``: by the autocomplete's token, or by a typed
    ``@username`` (still understood, never shown)."""
    ids = {int(pk) for _name, pk in MENTION_TOKEN.findall(text)}
    names = {name.rstrip(".") for name in MENTION.findall(plain_text(MENTION_TOKEN.sub("", text)))}
    if not ids and not names:
        return []
    return list(
        region_people(region_id).filter(Q(pk__in=ids) | Q(username__in=names)).order_by("pk")
    )


def mark_mentions(html: str, people: list[User]) -> str:
    """Replace the autocomplete's tokens in sanitised HTML by a mark with the person's name
    as stored (escaped); a token naming somebody outside the region stays plain text."""
    by_id = {user.pk: user for user in people}

    def mark(match: re.Match) -> str:
        user = by_id.get(int(match[2]))
        if user is None:
            # already escaped text of the sanitised HTML, no tags
            return "@" + MENTION_ESCAPE.sub(r"\1", match[1])
        return format_html(
            '<span class="mention" data-user="{}">@{}</span>', user.pk, user.display_name
        )

    return MENTION_TOKEN.sub(mark, html)


def mention_search(*, region_id: int, query: str, limit: int = MENTION_SEARCH_LIMIT) -> list[User]:
    """People who may be @mentioned on the region's records, found by their name (full,
    first or last name, never the login name): one query."""
    people = region_people(region_id)
    for word in query.split()[:4]:
        people = people.filter(
            Q(full_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    return list(people.order_by("full_name", "first_name", "last_name", "pk")[:limit])


# --- Notifications -----------------------------------------------------------------------


def notify(
    *,
    users: list[User],
    verb: str,
    actor: User | None,
    text: str,
    url: str = "",
    target: Model | None = None,
) -> list[Notification]:
    """In-app notifications now, emails after the commit (unless the user muted them)."""
    recipients = {user.pk: user for user in users if user is not None and user != actor}
    if not recipients:
        return []
    rows = Notification.objects.bulk_create(
        Notification(
            user=user,
            actor=actor,
            verb=verb,
            text=text[:300],
            url=url[:300],
            target_type=target._meta.label_lower if target is not None else "",
            target_uuid=getattr(target, "uuid", None),
        )
        for user in recipients.values()
    )
    muted = set(
        NotificationSettings.objects.filter(user_id__in=recipients, email_muted=True).values_list(
            "user_id", flat=True
        )
    )
    addresses = [user.email for pk, user in recipients.items() if user.email and pk not in muted]
    if addresses:
        transaction.on_commit(lambda: _send_emails(addresses, text, url))
    return rows


def _send_emails(addresses: list[str], text: str, url: str) -> None:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    body = f"{text}\n\n{base}{url}" if url else text
    subject = f"[Kota Cerdas Studio] {text}"[:150]
    for address in addresses:
        send_mail(subject, body, None, [address], fail_silently=True)


# --- Comments ----------------------------------------------------------------------------


def _clean_body(body: str, region_slug: str | None) -> str:
    html = body if "<" in body else linebreaks(body, autoescape=True)
    cleaned = clean_html(html, region_slug=region_slug)
    if not plain_text(cleaned):
        raise ValidationError(_("Write a comment first."), code="empty")
    return cleaned


def _region_slug(region_id: int) -> str | None:
    from masterplan.models import Region

    return Region.objects.filter(pk=region_id).values_list("slug", flat=True).first()


@transaction.atomic
def comment_create(
    *,
    target: Model,
    by: User,
    body: str,
    field_name: str = "",
    quote: str = "",
    quote_prefix: str = "",
    quote_suffix: str = "",
    parent: Comment | None = None,
) -> Comment:
    """A new thread on ``target``, or a reply when ``parent`` is given (one level deep).

    A quote keeps the text around it (``quote_prefix``/``quote_suffix``, as the browser
    sends them; taken from the record's text when missing) to find the passage again.
    """
    region_id = target.scope_region_id()
    thread = parent.thread if parent is not None else None
    quote = "" if thread else plain_text(quote)[:2000]
    quote_prefix, quote_suffix = quote_prefix[-CONTEXT_CHARS:], quote_suffix[:CONTEXT_CHARS]
    if quote and not (quote_prefix or quote_suffix):
        text = getattr(target, field_name or "body", None)
        if isinstance(text, str):
            quote_prefix, quote_suffix = quote_context(text, quote)
    body = _clean_body(body, _region_slug(region_id))
    mentioned = mentioned_users(body, region_id)
    comment = Comment.objects.create(
        region_id=region_id,
        book_id=target.book_id if isinstance(target, Section) else None,
        target_type=target._meta.label_lower,
        target_uuid=target.uuid,
        target_repr=str(target)[:250],
        target_version=thread.target_version if thread else target.version,
        field_name="" if thread else field_name[:60],
        quote=quote,
        quote_prefix=quote_prefix if quote else "",
        quote_suffix=quote_suffix if quote else "",
        parent=thread,
        author=by,
        body=mark_mentions(body, mentioned),
    )
    if mentioned:
        comment.mentions.set(mentioned)
    audit_record(
        actor=by,
        action="comment.reply" if thread else "comment.create",
        target=comment,
        changes={"on": target._meta.label_lower, "record": str(target.uuid)},
    )
    url = comment_url(comment, target)
    who = by.display_name
    notify(
        users=mentioned,
        verb=Notification.Verb.MENTION,
        actor=by,
        text=_("%(who)s mentioned you on “%(what)s”") % {"who": who, "what": target},
        url=url,
        target=comment,
    )
    already = {user.pk for user in mentioned}
    if thread is not None:
        participants = User.objects.filter(
            Q(pk=thread.author_id) | Q(pk__in=thread.replies.values("author_id"))
        ).exclude(pk__in=already)
        notify(
            users=list(participants),
            verb=Notification.Verb.REPLY,
            actor=by,
            text=_("%(who)s replied on “%(what)s”") % {"who": who, "what": target},
            url=url,
            target=comment,
        )
    else:
        editors = User.objects.filter(
            pk__in=Revision.objects.for_object(target).values("actor_id")
        ).exclude(pk__in=already)
        notify(
            users=list(editors),
            verb=Notification.Verb.COMMENT,
            actor=by,
            text=_("%(who)s commented on “%(what)s”, which you edited")
            % {"who": who, "what": target},
            url=url,
            target=comment,
        )
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, by: User) -> Comment:
    thread = Comment.objects.select_for_update().get(pk=comment.thread.pk)
    if thread.resolved_at is None:
        thread.resolved_at = timezone.now()
        thread.resolved_by = by
        thread.save(update_fields=["resolved_at", "resolved_by"])
        audit_record(actor=by, action="comment.resolve", target=thread)
    return thread


@transaction.atomic
def comment_reopen(*, comment: Comment, by: User) -> Comment:
    thread = Comment.objects.select_for_update().get(pk=comment.thread.pk)
    if thread.resolved_at is not None:
        thread.resolved_at = None
        thread.resolved_by = None
        thread.save(update_fields=["resolved_at", "resolved_by"])
        audit_record(actor=by, action="comment.reopen", target=thread)
    return thread


# --- The book's workflow -------------------------------------------------------------------


def book_missing(book: Book) -> list[Any]:
    """Required sections with nothing in them (outline nodes, for numbers and links)."""
    nodes = [node for root in book.outline() for node in root.walk()]
    return [
        node
        for node in nodes
        if node.section.required and node.section.is_empty and not node.section.records
    ]


def _audience(book: Book, action: str) -> list[User]:
    roles = workflow.AUDIENCE.get(action, frozenset())
    member_roles = [role for role in roles if role != workflow.MENTOR]
    region_id = book.plan.region_id
    condition = Q(pk__in=[])
    if member_roles:
        condition |= Q(
            pk__in=Membership.objects.filter(region_id=region_id, role__in=member_roles).values(
                "user_id"
            )
        )
    if workflow.MENTOR in roles:
        condition |= Q(mentor_assignments__region_id=region_id)
    return list(User.objects.filter(condition, is_active=True).distinct())


@transaction.atomic
def book_transition(*, book: Book, action: str, by: User, note: str = "") -> BookTransition:
    """Move the book one step along the workflow, or refuse (TransitionRefused / 403)."""
    book = Book.objects.select_for_update().select_related("plan__region").get(pk=book.pk)
    rule = workflow.TRANSITIONS.get((book.status, action))
    if rule is None or action == workflow.FINALISE:
        raise TransitionRefused(
            _("This step is not possible while the book is “%(status)s”.")
            % {"status": book.get_status_display()}
        )
    to_status, roles = rule
    if role_in(by, book.plan.region_id) not in roles:
        raise PermissionDenied
    note = note.strip()
    if action in workflow.NOTE_REQUIRED and not note:
        raise TransitionRefused(_("Say what should change: the note is required."))
    if action == workflow.SUBMIT:
        missing = book_missing(book)
        if missing:
            raise TransitionRefused(
                _("Required sections are still empty; write them before submitting."), missing
            )
    from_status = book.status
    book.status = to_status
    book.stamp(by)
    book.save(update_fields=["status"])
    transition = BookTransition.objects.create(
        book=book, action=action, from_status=from_status, to_status=to_status, actor=by, note=note
    )
    if action == workflow.APPROVE:
        flags_clear_book(book, by=by)
    audit_record(
        actor=by,
        action=f"book.{action}",
        target=book,
        changes={"status": [from_status, to_status], "note": note},
    )
    notify(
        users=_audience(book, action),
        verb=Notification.Verb.TRANSITION,
        actor=by,
        text=_("%(book)s: %(status)s (%(who)s)")
        % {"book": book, "status": book.get_status_display(), "who": by.display_name},
        url=reverse("reviews:book_review", args=[book.plan_id, book.number]),
        target=book,
    )
    return transition


def book_note_edit(*, book: Book, by: User) -> BookTransition | None:
    """An edit of a submitted or approved book sends it back to draft (the editor was warned)."""
    if (book.status, workflow.EDIT) not in workflow.TRANSITIONS:
        return None
    try:
        return book_transition(
            book=book,
            action=workflow.EDIT,
            by=by,
            note=_("Edited after it was submitted or approved."),
        )
    except (TransitionRefused, PermissionDenied):
        return None


def on_section_edited(sender, *, section: Section, by: User, **kwargs) -> None:
    book_note_edit(book=section.book, by=by)


def book_edit_warning(book: Book) -> bool:
    """Whether saving a section of this book sends it back to draft."""
    return (book.status, workflow.EDIT) in workflow.TRANSITIONS


# --- Per-section sign-off --------------------------------------------------------------------


@transaction.atomic
def section_approve(*, section: Section, by: User) -> SectionApproval:
    approval, _created = SectionApproval.objects.update_or_create(
        section=section, defaults={"approved_version": section.version, "by": by}
    )
    flags_clear_section(section, by=by)
    audit_record(
        actor=by, action="section.signoff", target=section, changes={"version": section.version}
    )
    editors = User.objects.filter(pk__in=Revision.objects.for_object(section).values("actor_id"))
    notify(
        users=list(editors),
        verb=Notification.Verb.SIGNOFF,
        actor=by,
        text=_("%(who)s signed off “%(what)s”") % {"who": by.display_name, "what": section},
        url=record_url(section),
        target=section,
    )
    return approval


@transaction.atomic
def section_unapprove(*, section: Section, by: User) -> None:
    deleted, _rows = SectionApproval.objects.filter(section=section).delete()
    if deleted:
        audit_record(actor=by, action="section.signoff_withdraw", target=section)
