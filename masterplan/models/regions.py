"""The programme's cohorts and bimtek stages, the regions, and a region's plan in a cohort."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from masterplan.models.base import (
    ConstraintErrorsOnFields,
    Scoped,
    TrackedModel,
    region_upload_to,
    year_constraint,
)
from masterplan.scoping import ScopedQuerySet

MIN_PERIOD_YEARS = 5
MAX_PERIOD_YEARS = 10


class Cohort(models.Model):
    year = models.PositiveSmallIntegerField(
        _("programme year"),
        unique=True,
        validators=[MinValueValidator(2017), MaxValueValidator(2100)],
    )
    name = models.CharField(_("name"), max_length=200)
    framework = models.ForeignKey(
        "dimensions.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="cohorts",
        help_text=_("Reference framework used by the plans of this cohort."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name

    def current_stage(self, on_date) -> BimtekStage | None:
        """The stage running on a date, or the last one started before it."""
        started = [stage for stage in self.stages.all() if stage.starts_on <= on_date]
        return started[-1] if started else None


class BimtekStage(ConstraintErrorsOnFields):
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="stages"
    )
    number = models.PositiveSmallIntegerField(
        _("stage"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    expectations = models.TextField(
        _("what this stage expects"), blank=True, help_text=_("What regions bring to this stage.")
    )
    expected_books = models.ManyToManyField(
        "BookTemplate", verbose_name=_("books expected"), blank=True, related_name="stages"
    )

    class Meta:
        verbose_name = _("bimtek stage")
        verbose_name_plural = _("bimtek stages")
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="stage_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=4),
                name="stage_number_1_to_4",
                violation_error_code="stage_range",
                violation_error_message=_("Enter a stage number from 1 to 4."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="stage_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort.year} – {_('Stage')} {self.roman}"

    @property
    def roman(self) -> str:
        return {1: "I", 2: "II", 3: "III", 4: "IV"}.get(self.number, str(self.number))

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("A stage cannot end before it starts."), "order")}
            )


class Region(Scoped):
    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Regency (kabupaten)")
        KOTA = "kota", _("City (kota)")

    name = models.CharField(_("name"), max_length=150, help_text=_("e.g. Kabupaten Pekalongan"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=100)
    code = models.CharField(
        _("official code"),
        max_length=10,
        unique=True,
        help_text=_("Kemendagri region code, e.g. 33.26"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    logo = models.ImageField(_("logo"), upload_to=region_upload_to, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    region_path = ""
    dimension_path = None

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def upload_region(self) -> Region:
        return self


class Plan(TrackedModel):
    """A region's Smart City masterplan in one cohort."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="plans"
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="plans"
    )
    framework = models.ForeignKey(
        "dimensions.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    title = models.CharField(_("title"), max_length=250)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    vision = models.TextField(_("vision"), blank=True)
    mission = models.TextField(_("mission"), blank=True, help_text=_("One mission per line."))
    rpjmd_reference = models.CharField(
        _("RPJMD reference"),
        max_length=250,
        blank=True,
        help_text=_("The regional medium-term development plan this masterplan aligns with."),
    )

    objects = ScopedQuerySet.as_manager()
    region_path = "region"

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-cohort__year", "region__name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "cohort"], name="plan_unique_per_cohort"),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year") + (MIN_PERIOD_YEARS - 1))
                & Q(end_year__lte=F("start_year") + (MAX_PERIOD_YEARS - 1)),
                name="plan_period_5_to_10_years",
                violation_error_code="period_range",
                violation_error_message=format_lazy(
                    _(
                        "The plan covers {low} to {high} years: the end year is {first} to {last} "
                        "years after the start year."
                    ),
                    low=MIN_PERIOD_YEARS,
                    high=MAX_PERIOD_YEARS,
                    first=MIN_PERIOD_YEARS - 1,
                    last=MAX_PERIOD_YEARS - 1,
                ),
            ),
            year_constraint("plan_start_year_range", "start_year"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_year and self.end_year:
            length = self.end_year - self.start_year + 1
            if not MIN_PERIOD_YEARS <= length <= MAX_PERIOD_YEARS:
                raise ValidationError(
                    {
                        "end_year": ValidationError(
                            _("A masterplan covers 5 to 10 years; this period has %(n)s."),
                            code="period_length",
                            params={"n": length},
                        )
                    }
                )
        if self.cohort_id and self.framework_id is None:
            self.framework_id = self.cohort.framework_id

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def missions(self) -> list[str]:
        return [line.strip() for line in self.mission.splitlines() if line.strip()]

    def upload_region(self) -> Region:
        return self.region


def check_year_in_plan(plan: Plan | None, year: int | None, field: str = "year") -> None:
    """Raise a field error when a year falls outside the plan period."""
    if plan is None or year is None:
        return
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Year %(year)s is outside the plan period %(start)s–%(end)s."),
                    code="year_outside_plan",
                    params={"year": year, "start": plan.start_year, "end": plan.end_year},
                )
            }
        )
