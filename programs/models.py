"""Programmes, the hub of the plan, and what hangs on them: indicators, budget lines,
partners, risks and the flagship (Buku 3) details."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dimensions.models import (
    Dimension,
    Element,
    FundingSource,
    GapItem,
    Horizon,
    IndicatorType,
    InnovationType,
    Pillar,
    PlanRecord,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.lib.money import rupiah
from masterplan.models import (
    Agency,
    Plan,
    check_year_in_plan,
    region_upload_to,
    year_constraint,
)
from masterplan.permissions import ScopedQuerySet


class ProgrammeQuerySet(ScopedQuerySet):
    def in_dimension(self, dimension: Dimension | int) -> ProgrammeQuerySet:
        return self.filter(dimension=dimension)

    def flagships(self) -> ProgrammeQuerySet:
        return self.filter(Q(is_flagship=True) | Q(is_quick_win=True))


class Programme(PlanRecord):
    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    class FlagshipStatus(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SELECTED = "selected", _("Selected")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        STALLED = "stalled", _("Stalled")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="programmes"
    )
    code = models.CharField(_("code"), max_length=20, editable=False)
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    problem = models.TextField(_("problem it answers"), blank=True)

    dimension = models.ForeignKey(
        Dimension,
        verbose_name=_("dimension"),
        on_delete=models.PROTECT,
        related_name="programmes",
        editable=False,
    )
    element = models.ForeignKey(
        Element, verbose_name=_("element"), on_delete=models.PROTECT, related_name="programmes"
    )
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("readiness pillar addressed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    horizon = models.ForeignKey(
        Horizon, verbose_name=_("horizon"), on_delete=models.PROTECT, null=True, blank=True
    )
    innovation_type = models.ForeignKey(
        InnovationType,
        verbose_name=_("innovation type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )

    rpjmd_alignment = models.TextField(_("RPJMD mission/goal served"), blank=True)
    budget_code = models.CharField(
        _("budget nomenclature code"),
        max_length=40,
        blank=True,
        help_text=_("e.g. sub-activity 2.16.03.2.02.09"),
    )
    lead_agency = models.ForeignKey(
        Agency,
        verbose_name=_("lead agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_programmes",
    )
    supporting_agencies = models.ManyToManyField(
        Agency,
        verbose_name=_("supporting agencies"),
        blank=True,
        related_name="supported_programmes",
    )
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("strategies"), blank=True, related_name="programmes"
    )
    issues = models.ManyToManyField(
        StrategicIssue,
        verbose_name=_("strategic issues answered"),
        blank=True,
        related_name="programmes",
    )
    swot_items = models.ManyToManyField(
        SwotItem, verbose_name=_("SWOT items answered"), blank=True, related_name="programmes"
    )
    gap_items = models.ManyToManyField(
        GapItem, verbose_name=_("gaps closed"), blank=True, related_name="programmes"
    )
    sustainability = models.TextField(
        _("sustainability"),
        blank=True,
        help_text=_("Regulation, institutions, people and business model that keep it going."),
    )

    # Buku 3: the flagship / quick-win side
    is_flagship = models.BooleanField(_("flagship (unggulan)"), default=False)
    is_quick_win = models.BooleanField(_("quick win"), default=False)
    quick_win_year = models.PositiveSmallIntegerField(
        _("quick-win target year"), null=True, blank=True
    )
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    beneficiaries_count = models.PositiveIntegerField(
        _("number of beneficiaries"), null=True, blank=True
    )
    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    flagship_status = models.CharField(
        _("flagship status"),
        max_length=10,
        choices=FlagshipStatus.choices,
        default=FlagshipStatus.PROPOSED,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProgrammeQuerySet.as_manager()
    dimension_path = "dimension"

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="programme_unique_code"),
            year_constraint("programme_quick_win_year_range", "quick_win_year"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.element_id:
            self.dimension_id = self.element.dimension_id
        super().clean()
        check_year_in_plan(
            self.plan if self.plan_id else None, self.quick_win_year, "quick_win_year"
        )

    def save(self, *args, **kwargs):
        self.dimension_id = self.element.dimension_id
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "dimension"}
        if self._state.adding or not self.code or self._element_changed():
            if update_fields is not None:
                kwargs["update_fields"].add("code")
            with transaction.atomic():
                self.code = next_programme_code(self.plan, self.element, exclude=self.pk)
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)

    def _element_changed(self) -> bool:
        previous = type(self)._base_manager.filter(pk=self.pk).values_list("element_id", flat=True)
        return previous.first() != self.element_id

    @property
    def budget_total(self) -> int:
        return sum(line.amount for line in self.budget_lines.all())


def next_programme_code(plan: Plan, element: Element, exclude: int | None = None) -> str:
    """``GOV-SRV-03``: dimension, element, and the next free number in the plan.

    The plan row is locked so two people adding a programme to the same element
    at once get different numbers (the unique constraint is the last guard).
    """
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    prefix = f"{element.dimension.code}-{element.code}-"
    taken = (
        Programme.objects.filter(plan=plan, code__startswith=prefix)
        .exclude(pk=exclude)
        .values_list("code", flat=True)
    )
    numbers = [int(code.rsplit("-", 1)[1]) for code in taken if code.rsplit("-", 1)[1].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


class ProgrammeRecord(PlanRecord):
    """A record hanging on one programme."""

    region_path = "programme__plan__region"
    dimension_path = "programme__dimension"

    class Meta:
        abstract = True

    @property
    def plan(self) -> Plan | None:
        return self.programme.plan if self.programme_id else None

    def clean(self) -> None:
        pass

    def upload_region(self):
        return self.programme.plan.region


# Which indicators may go below zero: rates, indices and changes can ("pertumbuhan
# ekonomi -1,2 %"); counts, amounts, areas and durations cannot ("Jumlah posyandu
# terhubung"). Units are free text, so the signed ones are listed and the rest count.
SIGNED_UNITS = frozenset(
    {"%", "persen", "persen poin", "poin", "pp", "indeks", "index", "skor", "°c", "derajat"}
)
CHANGE_WORDS = ("pertumbuhan", "perubahan", "selisih", "laju", "inflasi", "neraca", "growth")
COUNT_WORDS = ("jumlah", "banyaknya", "number of")


def check_not_negative(indicator: Indicator, field: str, value) -> None:
    if value is not None and value < 0 and indicator.is_count_like():
        raise ValidationError(
            {
                field: ValidationError(
                    _("%(indicator)s cannot be negative: enter 0 or more."),
                    code="negative",
                    params={"indicator": indicator.name or _("This indicator")},
                )
            }
        )


class Indicator(ProgrammeRecord):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="indicators"
    )
    indicator_type = models.ForeignKey(
        IndicatorType, verbose_name=_("type"), on_delete=models.PROTECT, null=True, blank=True
    )
    name = models.CharField(_("indicator"), max_length=250)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["programme", "order", "pk"]
        constraints = [year_constraint("indicator_baseline_year_range", "baseline_year")]

    def __str__(self) -> str:
        return self.name

    def is_count_like(self) -> bool:
        name = self.name.strip().casefold()
        if any(word in name for word in CHANGE_WORDS):
            return False
        unit = self.unit.strip().casefold()
        if unit:
            return unit not in SIGNED_UNITS
        return name.startswith(COUNT_WORDS)

    def clean(self) -> None:
        check_not_negative(self, "baseline_value", self.baseline_value)


class IndicatorTarget(ProgrammeRecord):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)

    region_path = "indicator__programme__plan__region"
    dimension_path = "indicator__programme__dimension"

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_unique_year"),
            year_constraint("target_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"

    @property
    def plan(self) -> Plan | None:
        return self.indicator.programme.plan if self.indicator_id else None

    def clean(self) -> None:
        check_year_in_plan(self.plan, self.year)
        if self.indicator_id:
            check_not_negative(self.indicator, "value", self.value)


class BudgetLine(ProgrammeRecord):
    class Status(models.TextChoices):
        INDICATIVE = "indicative", _("Indicative")
        BUDGETED = "budgeted", _("Budgeted")
        REALISED = "realised", _("Realised")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    funding_source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT
    )
    amount = models.BigIntegerField(_("amount (Rp)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INDICATIVE
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["programme", "year", "funding_source__order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_amount_non_negative",
                violation_error_code="min_value",
                violation_error_message=_("The amount cannot be negative (0 or more)."),
            ),
            models.UniqueConstraint(
                fields=["programme", "year", "funding_source", "status"],
                name="budget_line_unique",
            ),
            year_constraint("budget_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.funding_source}: {rupiah(self.amount)}"

    def clean(self) -> None:
        check_year_in_plan(self.plan, self.year)
        if (
            self.funding_source_id
            and self.plan
            and (self.funding_source.framework_id != self.plan.framework_id)
        ):
            raise ValidationError(
                {"funding_source": ValidationError(_("Another framework's source."), "framework")}
            )


class Partner(ProgrammeRecord):
    class Kind(models.TextChoices):
        ACADEMIA = "academia", _("Academia")
        PRIVATE = "private", _("Private sector")
        COMMUNITY = "community", _("Community")
        MEDIA = "media", _("Media")
        CENTRAL = "central", _("Central government")
        PROVINCIAL = "provincial", _("Provincial government")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    contribution = models.CharField(_("form of partnership"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["programme", "name"]

    def __str__(self) -> str:
        return self.name


class Level(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class Risk(PlanRecord):
    """A risk of the plan as a whole, or of one programme when ``programme`` is set."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="risks"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="risks",
    )
    description = models.TextField(_("risk"))
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=Level.choices, default=Level.MEDIUM
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=Level.choices, default=Level.MEDIUM
    )
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.ForeignKey(
        Agency, verbose_name=_("owner"), on_delete=models.SET_NULL, null=True, blank=True
    )

    dimension_path = "programme__dimension"

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["plan", "-likelihood", "-impact", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        if self.programme_id and self.plan_id and self.programme.plan_id != self.plan_id:
            raise ValidationError(
                {"programme": ValidationError(_("This programme is of another plan."), "plan")}
            )

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class FlagshipIndicator(ProgrammeRecord):
    """Before → after, the way Buku 3 shows a quick win's effect on citizens."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="before_after",
    )
    name = models.CharField(_("indicator"), max_length=250)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    before = models.CharField(_("before"), max_length=200)
    after = models.CharField(_("after"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("before/after indicator")
        verbose_name_plural = _("before/after indicators")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}: {self.before} → {self.after}"


class ProgrammePhoto(ProgrammeRecord):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=region_upload_to)
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    taken_on = models.DateField(_("taken on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=[MinValueValidator(0), MaxValueValidator(999)]
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name
