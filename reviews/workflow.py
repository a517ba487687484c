"""The review workflow of a book, declared as data: (status, action) → (new status, roles).

``book_transition`` in services enforces it; the review panel shows the buttons the
current user may press. The final step (approved → final) is taken by the export's
final flow (``exports.services.book_finalise``), admins only.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from masterplan.models import Book
from masterplan.roles import (
    COORDINATOR,
    EDIT_ROLES,
    EDITOR,
    FINALISE_ROLES,
    MENTOR,
    REVIEW_ROLES,
    SUBMIT_ROLES,
)

DRAFT = Book.Status.DRAFT
SUBMITTED = Book.Status.SUBMITTED
REVISION = Book.Status.REVISION
APPROVED = Book.Status.APPROVED
FINAL = Book.Status.FINAL

SUBMIT = "submit"
WITHDRAW = "withdraw"
REQUEST_CHANGES = "request_changes"
APPROVE = "approve"
EDIT = "edit"  # an edit of a submitted or approved book sends it back to draft
FINALISE = "finalise"

# The roles are those of the permission predicates (can_submit, can_review, ...).
TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (DRAFT, SUBMIT): (SUBMITTED, SUBMIT_ROLES),
    (REVISION, SUBMIT): (SUBMITTED, SUBMIT_ROLES),
    (SUBMITTED, WITHDRAW): (DRAFT, SUBMIT_ROLES),
    (SUBMITTED, REQUEST_CHANGES): (REVISION, REVIEW_ROLES),
    (SUBMITTED, APPROVE): (APPROVED, REVIEW_ROLES),
    (APPROVED, REQUEST_CHANGES): (REVISION, REVIEW_ROLES),
    (SUBMITTED, EDIT): (DRAFT, EDIT_ROLES),
    (APPROVED, EDIT): (DRAFT, EDIT_ROLES),
    (APPROVED, FINALISE): (FINAL, FINALISE_ROLES),
}

# Actions pressed as buttons on the review panel (edit and finalise happen elsewhere).
BUTTONS = (SUBMIT, WITHDRAW, REQUEST_CHANGES, APPROVE)
NOTE_REQUIRED = frozenset({REQUEST_CHANGES})

LABELS = {
    SUBMIT: _("Submit to the mentor"),
    WITHDRAW: _("Withdraw the submission"),
    REQUEST_CHANGES: _("Request changes"),
    APPROVE: _("Approve the book"),
    EDIT: _("Edited after submission"),
    FINALISE: _("Final export"),
}

# Who hears about a transition: the side that has to act next.
AUDIENCE = {
    SUBMIT: frozenset({MENTOR, COORDINATOR}),
    WITHDRAW: frozenset({MENTOR, COORDINATOR}),
    EDIT: frozenset({MENTOR, COORDINATOR}),
    REQUEST_CHANGES: frozenset({COORDINATOR, EDITOR}),
    APPROVE: frozenset({COORDINATOR, EDITOR}),
}


def allowed_actions(status: str, role: str | None) -> list[str]:
    """The panel's buttons for a role in a status, in a stable order."""
    return [
        action
        for action in BUTTONS
        if (rule := TRANSITIONS.get((status, action))) is not None and role in rule[1]
    ]
