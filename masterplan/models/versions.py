"""A counter per plan that every write to the plan's records moves (masterplan/plan_versions.py)."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def first_version() -> int:
    """A random start, so that a plan created again with the id (SQLite reuses ids) or the
    UUID (a backup imported again) of an earlier one never meets that one's cached data."""
    return secrets.randbits(52) + 1


class PlanVersion(models.Model):
    """The plan's content version: caches of what is derived from the plan (checks,
    dashboard summaries, API lists) are kept per (plan, version), so one indexed read tells
    every node whether what it holds is current."""

    plan = models.OneToOneField(
        "masterplan.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="content_version",
    )
    version = models.PositiveBigIntegerField(_("version"), default=first_version)

    class Meta:
        verbose_name = _("plan content version")
        verbose_name_plural = _("plan content versions")

    def __str__(self) -> str:
        return f"{self.plan_id}@{self.version}"
