"""Celery tasks of the exports. WeasyPrint is imported inside the task, in the worker."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

# Celery's own limits back up the in-render alarm (and cover renders in other threads).
SOFT_LIMIT = int(getattr(settings, "EXPORT_RENDER_TIME_LIMIT", 300)) + 30
HARD_LIMIT = SOFT_LIMIT + 30


@shared_task(name="exports.export_book", soft_time_limit=SOFT_LIMIT, time_limit=HARD_LIMIT)
def export_book(job_id: int) -> str:
    from exports.services import export_run

    return export_run(job_id=job_id).state
