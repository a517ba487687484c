"""What happened to the plan after adoption: per year and programme, the realisation of
each indicator target, the budget realisation per funding source, the implementation
status and the evaluation level the ministry assesses the programme on."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dimensions.models import FundingSource
from masterplan.models import Plan, check_year_in_plan, region_upload_to, year_constraint
from masterplan.permissions import ScopedQuerySet
from monitoring.evidence import check_evidence
from programs.models import Indicator, Programme, ProgrammeRecord, check_not_negative

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "xlsx", "docx"]


class Status(models.TextChoices):
    NOT_STARTED = "belum_mulai", _("Not started")
    RUNNING = "berjalan", _("Running")
    DONE = "selesai", _("Done")
    POSTPONED = "tertunda", _("Postponed")
    CANCELLED = "dibatalkan", _("Cancelled")


NEEDS_REASON = frozenset({Status.POSTPONED, Status.CANCELLED})


class EvaluationLevel(models.TextChoices):
    """The ministry's yearly evaluation aspects (their weights change from year to year)."""

    # The ministry's own names, the same in Indonesian reports.
    BASELINE = "baseline", pgettext_lazy("evaluation level", "Baseline")
    OUTPUT = "output", pgettext_lazy("evaluation level", "Output")
    OUTCOME = "outcome", pgettext_lazy("evaluation level", "Outcome")
    IMPACT = "impact", pgettext_lazy("evaluation level", "Impact")
    QUICK_WIN = "quick_win", pgettext_lazy("evaluation level", "Quick Win")


class MonitoringQuerySet(ScopedQuerySet):
    def in_year(self, year: int) -> MonitoringQuerySet:
        return self.filter(year=year)


class ProgrammeReport(ProgrammeRecord):
    """A programme's implementation in one year: status and evaluation level."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("implementation status"),
        max_length=12,
        choices=Status.choices,
        default=Status.NOT_STARTED,
    )
    reason = models.CharField(
        _("reason"),
        max_length=500,
        blank=True,
        help_text=_("Required when the programme is postponed or cancelled."),
    )
    evaluation_level = models.CharField(
        _("evaluation level"), max_length=10, choices=EvaluationLevel.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    objects = MonitoringQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme implementation report")
        verbose_name_plural = _("programme implementation reports")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="report_unique_year"),
            year_constraint("report_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.year}: {self.get_status_display()}"

    def clean(self) -> None:
        check_year_in_plan(self.plan, self.year)
        if self.status in NEEDS_REASON and not self.reason.strip():
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("Give the reason why the programme is %(status)s."),
                        code="reason_required",
                        params={"status": self.get_status_display().lower()},
                    )
                }
            )


class IndicatorRealisation(ProgrammeRecord):
    """What an indicator reached in one year, with its evidence."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("realisation"), max_digits=18, decimal_places=2)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to=region_upload_to,
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    region_path = "indicator__programme__plan__region"
    dimension_path = "indicator__programme__dimension"
    objects = MonitoringQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator realisation")
        verbose_name_plural = _("indicator realisations")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="realisation_unique_year"),
            year_constraint("realisation_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"

    @property
    def plan(self) -> Plan | None:
        return self.indicator.programme.plan if self.indicator_id else None

    def upload_region(self):
        return self.indicator.programme.plan.region

    def clean(self) -> None:
        check_year_in_plan(self.plan, self.year)
        if self.indicator_id:
            check_not_negative(self.indicator, "value", self.value)
        upload = self.evidence_file
        if upload and getattr(upload, "size", 0) > EVIDENCE_MAX_BYTES:
            raise ValidationError(
                {
                    "evidence_file": ValidationError(
                        _("The evidence file is larger than 10 MB."), code="too_large"
                    )
                }
            )
        if upload and not upload._committed:
            # a new upload: its bytes must be what its name says (stored ones were checked)
            try:
                check_evidence(upload.file, upload.name)
            except ValidationError as error:
                raise ValidationError({"evidence_file": error}) from error


class BudgetRealisation(ProgrammeRecord):
    """Money of one programme, year and funding source: allocated in the APBD and spent.

    What was planned comes from the programme's budget lines, so it is not stored here.
    """

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="budget_realisations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    funding_source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT
    )
    allocated = models.BigIntegerField(_("allocated in the budget (Rp)"), default=0)
    spent = models.BigIntegerField(_("spent (Rp)"), default=0)
    note = models.CharField(_("note"), max_length=250, blank=True)

    objects = MonitoringQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget realisation")
        verbose_name_plural = _("budget realisations")
        ordering = ["programme", "year", "funding_source__order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(allocated__gte=0),
                name="budget_realisation_allocated_non_negative",
                violation_error_code="min_value",
                violation_error_message=_("The amount cannot be negative (0 or more)."),
            ),
            models.CheckConstraint(
                condition=Q(spent__gte=0),
                name="budget_realisation_spent_non_negative",
                violation_error_code="min_value",
                violation_error_message=_("The amount cannot be negative (0 or more)."),
            ),
            models.UniqueConstraint(
                fields=["programme", "year", "funding_source"], name="budget_realisation_unique"
            ),
            year_constraint("budget_realisation_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.year} {self.funding_source}"

    def clean(self) -> None:
        check_year_in_plan(self.plan, self.year)
        if (
            self.funding_source_id
            and self.plan
            and self.funding_source.framework_id != self.plan.framework_id
        ):
            raise ValidationError(
                {"funding_source": ValidationError(_("Another framework's source."), "framework")}
            )


def achievement(
    *, target: Decimal | None, value: Decimal | None, baseline: Decimal | None
) -> Decimal | None:
    """How far a realisation reached its target, in percent (capped at 100).

    Indicators carry no direction of their own: a target below the baseline means less
    is better (waiting days, dropout children), and then the way from the baseline down
    to the target is what counts.
    """
    if target is None or value is None:
        return None
    if baseline is not None and target < baseline:
        if value <= target:
            return Decimal(100)
        reached = (baseline - value) / (baseline - target) * 100
    elif target == 0:
        return Decimal(100)
    else:
        reached = value / target * 100
    return max(Decimal(0), min(Decimal(100), reached)).quantize(Decimal("0.1"))
