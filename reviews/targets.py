"""What a comment may be anchored to: every kind of plan record, except these."""

from __future__ import annotations

from django.db.models import Model

from masterplan.registry import plan_record_kind, plan_record_kinds

# Plan records nobody comments on, and why. Every other kind needs a UUID (the anchor)
# and a version (to tell that the text changed since): tests/masterplan/test_registry.py.
NOT_COMMENTABLE: dict[str, str] = {
    "masterplan.sectionimage": "an image is part of its section's text: comment on the section",
    "reviews.comment": "a comment is answered with a reply, not commented on",
    "reviews.booktransition": "a step of the review trail: comment on the book",
    "reviews.sectionapproval": "a sign-off of one version: comment on the section",
    "reviews.reviewflag": "a note of the portal that a chapter needs another look: comment on "
    "the chapter",
    "reviews.suggestion": "a suggestion is answered by accepting or rejecting it with a reply",
    "exports.approvalpage": "official data of the printed books, entered by the coordinator",
    "exports.abbreviation": "a glossary line of the printed books, entered by the coordinator",
}


def comment_target_models() -> list[type[Model]]:
    return [kind.model for kind in plan_record_kinds() if kind.label not in NOT_COMMENTABLE]


def comment_target_model(label: str) -> type[Model]:
    """The model of ``"app.model"`` when comments may be on it; LookupError when not."""
    kind = plan_record_kind(label)
    if kind.label in NOT_COMMENTABLE:
        raise LookupError(f"{label} takes no comments")
    return kind.model
