"""The action plan (activities per programme and year) and the roadmap
(programme × year: target and budget)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dimensions.models import FundingSource
from masterplan.models import Agency, check_year_in_plan, year_constraint
from programs.models import Programme, ProgrammeRecord


class Activity(ProgrammeRecord):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("activity"), max_length=250)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        null=True,
        blank=True,
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    output = models.CharField(_("output"), max_length=250, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    budget = models.BigIntegerField(_("budget (Rp)"), null=True, blank=True)
    funding_source = models.ForeignKey(
        FundingSource,
        verbose_name=_("funding source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["programme", "year", "quarter", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0) | Q(budget__isnull=True),
                name="activity_budget_non_negative",
                violation_error_code="min_value",
                violation_error_message=_("The budget cannot be negative (0 or more)."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4) | Q(quarter__isnull=True),
                name="activity_quarter_1_to_4",
                violation_error_code="quarter_range",
                violation_error_message=_("Choose a quarter from 1 to 4."),
            ),
            year_constraint("activity_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    def clean(self) -> None:
        check_year_in_plan(self.plan, self.year)
        if self.agency_id and self.plan and self.agency.region_id != self.plan.region_id:
            raise ValidationError(
                {"agency": ValidationError(_("This agency is of another region."), "region")}
            )


class RoadmapEntry(ProgrammeRecord):
    """One cell of the roadmap: what a programme reaches in a year, and what it costs."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="roadmap_entries",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.CharField(_("target"), max_length=250, blank=True)
    budget = models.BigIntegerField(_("budget (Rp)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("roadmap entry")
        verbose_name_plural = _("roadmap entries")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="roadmap_unique_year"),
            models.CheckConstraint(
                condition=Q(budget__gte=0) | Q(budget__isnull=True),
                name="roadmap_budget_non_negative",
                violation_error_code="min_value",
                violation_error_message=_("The budget cannot be negative (0 or more)."),
            ),
            year_constraint("roadmap_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.year}"

    def clean(self) -> None:
        check_year_in_plan(self.plan, self.year)
