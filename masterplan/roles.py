"""The roles a user can hold towards a region, and which roles may do what.

Plain data with no imports, so models, permissions and the review workflow can all
read it. ``permissions.role_in`` answers one of these names.
"""

from __future__ import annotations

# Members of a region's working group (Membership.role)
COORDINATOR = "coordinator"
EDITOR = "editor"
VIEWER = "viewer"

# Not memberships: staff, and mentors assigned by the ministry (MentorAssignment)
ADMIN = "admin"
MENTOR = "mentor"

# Who may do what to a region's plan, by role. Whether one record may be edited is
# decided by the Access summary (editors may be limited to some dimensions); EDIT_ROLES
# only says whose edits count as the working group's, e.g. in the review workflow.
EDIT_ROLES = frozenset({ADMIN, COORDINATOR, EDITOR})
COMMENT_ROLES = frozenset({ADMIN, MENTOR, COORDINATOR, EDITOR})
REVIEW_ROLES = frozenset({ADMIN, MENTOR})
SUBMIT_ROLES = frozenset({ADMIN, COORDINATOR})
MANAGE_ROLES = frozenset({ADMIN, COORDINATOR})
FINALISE_ROLES = frozenset({ADMIN})
