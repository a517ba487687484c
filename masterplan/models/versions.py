"""A counter per plan that every write to the plan's records moves (masterplan/plan_versions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    version = models.PositiveBigIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("plan content version")
        verbose_name_plural = _("plan content versions")

    def __str__(self) -> str:
        return f"{self.plan_id}@{self.version}"
