"""How export jobs run: a Celery task in a worker, or with no broker a background thread.

Either way the job's render runs in a child process with its own hard limits
(``exports.render.RenderProcess``); the task and the thread only supervise it.
"""

from __future__ import annotations

import logging
import threading
from functools import cache

from celery import shared_task
from django.conf import settings
from django.db import connections

from exports.runner import export_run

logger = logging.getLogger(__name__)

# Celery's own limits back up the render process's limit (and cover the HTML build).
SOFT_LIMIT = int(getattr(settings, "EXPORT_RENDER_TIME_LIMIT", 300)) + 30
HARD_LIMIT = SOFT_LIMIT + 30


@shared_task(name="exports.export_book", soft_time_limit=SOFT_LIMIT, time_limit=HARD_LIMIT)
def export_book(job_id: int) -> str:
    return export_run(job_id=job_id).state


@cache
def _render_slots() -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(max(1, int(settings.EXPORT_BACKGROUND_RENDERS)))


def export_in_background(job_id: int) -> threading.Thread:
    """Run the job in a thread of this process, so the request that asked answers at once
    (the page polls the job). Jobs beyond ``EXPORT_BACKGROUND_RENDERS`` wait queued."""

    def run() -> None:
        try:
            with _render_slots():
                export_run(job_id=job_id)
        except Exception:  # export_run records render failures; this is the database
            logger.exception("export job %s could not run", job_id)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=run, name=f"export-job-{job_id}", daemon=True)
    thread.start()
    return thread
