"""Signals the core sends for the floors above it to react to.

The core never imports the review workflow; the review app listens instead.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that saved a chapter's text (kwargs: section, by).
section_edited = Signal()
