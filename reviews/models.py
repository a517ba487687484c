"""Comments anchored by UUID, the review workflow's trail, section sign-off, notifications."""

from __future__ import annotations

import re
import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from masterplan.models import Book, Region, Scoped, Section
from masterplan.permissions import ScopedQuerySet
from reviews.anchors import quote_is_gone

_SPACES = re.compile(r"\s+")


def plain_text(html: str) -> str:
    return _SPACES.sub(" ", strip_tags(html or "")).strip()


class CommentQuerySet(ScopedQuerySet):
    def threads(self) -> CommentQuerySet:
        return self.filter(parent__isnull=True)

    def open(self) -> CommentQuerySet:
        return self.filter(parent__isnull=True, resolved_at__isnull=True)

    def on(self, target: models.Model) -> CommentQuerySet:
        return self.filter(target_type=target._meta.label_lower, target_uuid=target.uuid)


class Comment(Scoped):
    """A remark on a section or a structured record, anchored by the record's UUID.

    Reordering or renaming the record never moves the comment; ``target_version``
    and ``quote`` tell whether the anchored text changed since it was written.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    book = models.ForeignKey(
        Book,
        verbose_name=_("book"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        help_text=_("Set for comments on a section, for the counts per book."),
    )
    target_type = models.CharField(_("record type"), max_length=60)
    target_uuid = models.UUIDField(_("record"), db_index=True)
    target_repr = models.CharField(_("record name"), max_length=250, blank=True)
    target_version = models.PositiveIntegerField(_("version seen"), default=1)
    field_name = models.CharField(_("field"), max_length=60, blank=True)
    quote = models.TextField(_("quoted text"), blank=True)
    # W3C Web Annotation's TextQuoteSelector: the quote ("exact") with the text just
    # before and after it, so the passage is found again after edits elsewhere.
    quote_prefix = models.CharField(_("text before the quote"), max_length=64, blank=True)
    quote_suffix = models.CharField(_("text after the quote"), max_length=64, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentioned people"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()
    region_path = "region"
    plan_anchor = "target_uuid"  # on the plan record it is about
    dimension_path = None

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["target_type", "target_uuid"])]

    def __str__(self) -> str:
        return plain_text(self.body)[:80] or str(self.uuid)

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def thread(self) -> Comment:
        return self.parent or self

    def target_model(self):
        return apps.get_model(self.target_type)

    def is_outdated(self, target) -> bool:
        """The anchored text changed since: the quote is gone, or (no quote) a newer version."""
        if target is None:
            return True
        if self.quote:
            text = getattr(target, self.field_name or "body", None)
            if isinstance(text, str):
                return quote_is_gone(self, text)
        return target.version != self.target_version


class BookTransition(Scoped):
    """One step of a book's review workflow: who moved it from where to where, and why."""

    book = models.ForeignKey(
        Book, verbose_name=_("book"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=12, choices=Book.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Book.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()
    region_path = "book__plan__region"
    dimension_path = None

    class Meta:
        verbose_name = _("book transition")
        verbose_name_plural = _("book transitions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.book_id}: {self.from_status} → {self.to_status}"


class SectionApproval(Scoped):
    """A mentor's sign-off of one section, valid only for the version it saw."""

    section = models.OneToOneField(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="approval"
    )
    approved_version = models.PositiveIntegerField(_("approved version"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    region_path = "section__book__plan__region"
    dimension_path = None

    class Meta:
        verbose_name = _("section sign-off")
        verbose_name_plural = _("section sign-offs")

    def __str__(self) -> str:
        return f"{self.section_id} v{self.approved_version}"

    def is_current_for(self, section: Section) -> bool:
        return section.version == self.approved_version


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Verb(models.TextChoices):
        MENTION = "mention", _("mentioned you")
        REPLY = "reply", _("replied to your thread")
        COMMENT = "comment", _("commented on a section you edited")
        TRANSITION = "transition", _("changed a book's review status")
        SIGNOFF = "signoff", _("signed off a section you edited")
        EXPORT = "export", _("your export is ready")
        SUGGESTION = "suggestion", _("suggested a change to a record you edit")
        DECIDED = "decided", _("accepted or rejected your suggestion")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verb = models.CharField(_("what"), max_length=20, choices=Verb.choices)
    target_type = models.CharField(_("record type"), max_length=60, blank=True)
    target_uuid = models.UUIDField(_("record"), null=True, blank=True)
    text = models.CharField(_("text"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email_muted = models.BooleanField(_("no emails"), default=False)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


# Models kept beside the rules they serve (change impact, mentors' suggestions).
from reviews.impact import ReviewFlag  # noqa: E402, F401
from reviews.suggestions import Suggestion  # noqa: E402, F401
