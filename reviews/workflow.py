"""The review workflow of a book, declared as data: (status, action) → (new status, roles).

``book_transition`` in services enforces it; the review panel shows the buttons the
current user may press. The final step (approved → final) is taken by the export's
final flow (``exports.services.book_finalise``), admins only.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from masterplan.models import Book
from masterplan.permissions import COORDINATOR, EDITOR

ADMIN = "admin"
MENTOR = "mentor"

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

TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (DRAFT, SUBMIT): (SUBMITTED, frozenset({ADMIN, COORDINATOR})),
    (REVISION, SUBMIT): (SUBMITTED, frozenset({ADMIN, COORDINATOR})),
    (SUBMITTED, WITHDRAW): (DRAFT, frozenset({ADMIN, COORDINATOR})),
    (SUBMITTED, REQUEST_CHANGES): (REVISION, frozenset({ADMIN, MENTOR})),
    (SUBMITTED, APPROVE): (APPROVED, frozenset({ADMIN, MENTOR})),
    (APPROVED, REQUEST_CHANGES): (REVISION, frozenset({ADMIN, MENTOR})),
    (SUBMITTED, EDIT): (DRAFT, frozenset({ADMIN, COORDINATOR, EDITOR})),
    (APPROVED, EDIT): (DRAFT, frozenset({ADMIN, COORDINATOR, EDITOR})),
    (APPROVED, FINALISE): (FINAL, frozenset({ADMIN})),
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
