"""Signals of the exports, for the floors above to react to (editions freeze the book)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once a final export's PDF is stored; ``job`` is the done ExportJob.
export_succeeded = Signal()
