"""Signals the core sends for the floors above it to react to.

The core never imports the review workflow; the review app listens instead.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that saved a chapter's text (kwargs: section, by).
section_edited = Signal()

# Sent inside the transaction of every save through the save service (record_save,
# record_revert), so the floors above can react to a change of any plan record without
# the core knowing them. kwargs: record, by, before, after (field snapshots; ``before``
# is {} for a new record), created.
record_saved = Signal()

# Sent inside the transaction of record_delete, before the row goes. kwargs: record, by,
# before (its last field snapshot).
record_deleted = Signal()
