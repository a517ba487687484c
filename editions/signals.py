"""A final export freezes an edition of its book."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from exports.signals import export_succeeded

logger = logging.getLogger(__name__)


@receiver(export_succeeded, dispatch_uid="editions.freeze")
def freeze_edition(sender, job, **kwargs) -> None:
    from editions.services import edition_freeze

    if job.final:
        edition_freeze(job=job)
