"""The dashboard's "recent changes" as sentences: who did what to which record, linked."""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext_lazy

from masterplan.models import AuditEvent, TrackedModel

# By the last part of the action ("section.update" -> "update"); whole actions first.
VERBS = {
    "comment.create": pgettext_lazy("activity", "commented on"),
    "comment.reply": pgettext_lazy("activity", "replied to a comment on"),
    "comment.resolve": pgettext_lazy("activity", "resolved a comment on"),
    "comment.reopen": pgettext_lazy("activity", "reopened a comment on"),
    "section.signoff": pgettext_lazy("activity", "signed off"),
    "section.signoff_withdraw": pgettext_lazy("activity", "withdrew the sign-off of"),
    "create": pgettext_lazy("activity", "added"),
    "update": pgettext_lazy("activity", "changed"),
    "delete": pgettext_lazy("activity", "deleted"),
    "undelete": pgettext_lazy("activity", "brought back"),
    "restore": pgettext_lazy("activity", "restored an earlier version of"),
    "move": pgettext_lazy("activity", "moved"),
    "submit": pgettext_lazy("activity", "submitted"),
    "approve": pgettext_lazy("activity", "approved"),
    "request_changes": pgettext_lazy("activity", "asked for changes to"),
    "edit": pgettext_lazy("activity", "reopened for editing"),
    "reopen": pgettext_lazy("activity", "reopened"),
    "finalise": pgettext_lazy("activity", "finalised"),
    "export": pgettext_lazy("activity", "exported"),
    "import": pgettext_lazy("activity", "imported"),
    "add_books": pgettext_lazy("activity", "added books to"),
}
FALLBACK = pgettext_lazy("activity", "changed")


def event_verb(action: str) -> str:
    return str(VERBS.get(action) or VERBS.get(action.rpartition(".")[2]) or FALLBACK)


def event_url(event: AuditEvent) -> str:
    """The history of the record the event is about (it links on to the record itself)."""
    if not event.target_uuid or not event.target_type:
        return ""
    try:
        model = apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return ""
    if not issubclass(model, TrackedModel) or event.action.endswith(".delete"):
        return ""
    try:
        return reverse("record_history", args=[event.target_type, event.target_uuid])
    except NoReverseMatch:
        return ""


def describe(events) -> list[AuditEvent]:
    """Each event with ``who`` (a display name, never a login), ``verb`` and ``url``."""
    events = list(events)
    for event in events:
        actor = event.actor
        event.who = (actor.display_name if actor is not None else "") or None
        event.verb = event_verb(event.action)
        event.url = event_url(event)
    return events
