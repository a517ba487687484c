"""The reference framework (dimensions, elements, pillars…) and the analysis records
of Buku 1 and the strategy records of Buku 2."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from masterplan.models import Agency, Plan, TrackedModel, check_year_in_plan, year_constraint
from masterplan.permissions import ScopedQuerySet

# --- Reference data, owned by a framework ----------------------------------------------


class Framework(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    valid_from = models.PositiveSmallIntegerField(_("valid from"), null=True, blank=True)
    valid_to = models.PositiveSmallIntegerField(_("valid to"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["-valid_from", "code"]

    def __str__(self) -> str:
        return self.name


class BilingualName:
    """``name`` in the active language: English when English is active and filled."""

    @property
    def name(self) -> str:
        if (get_language() or "id").startswith("en"):
            return self.name_en or self.name_id
        return self.name_id


class ReferenceItem(BilingualName, models.Model):
    """A coded, bilingual, ordered item of a framework."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(_("code"), max_length=12)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["framework", "order"]

    def __str__(self) -> str:
        return self.name


def unique_code(model_name: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=["framework", "code"], name=f"{model_name}_unique_code")]


colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f77b4."))


class Dimension(ReferenceItem):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="dimensions"
    )
    colour = models.CharField(_("colour"), max_length=7, validators=[colour_validator])
    description = models.TextField(_("description"), blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = unique_code("dimension")


class Element(BilingualName, models.Model):
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="elements"
    )
    code = models.CharField(_("code"), max_length=12)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        ordering = ["dimension__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="element_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.code}-{self.code} {self.name}"


class Pillar(ReferenceItem):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="pillars"
    )
    required = models.BooleanField(_("required"), default=True)
    description = models.TextField(_("description"), blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("readiness pillar")
        verbose_name_plural = _("readiness pillars")
        constraints = unique_code("pillar")


class PillarAspect(BilingualName, models.Model):
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="aspects"
    )
    code = models.CharField(_("code"), max_length=12)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("readiness aspect")
        verbose_name_plural = _("readiness aspects")
        ordering = ["pillar__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "code"], name="aspect_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.pillar.code} – {self.name}"


class FundingSource(ReferenceItem):
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = unique_code("funding_source")


class Horizon(ReferenceItem):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="horizons"
    )
    max_years = models.PositiveSmallIntegerField(_("at most (years)"))

    class Meta(ReferenceItem.Meta):
        verbose_name = _("horizon")
        verbose_name_plural = _("horizons")
        constraints = unique_code("horizon")


class IndicatorType(ReferenceItem):
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="indicator_types",
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("indicator type")
        verbose_name_plural = _("indicator types")
        constraints = unique_code("indicator_type")


class InnovationType(ReferenceItem):
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="innovation_types",
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("innovation type")
        verbose_name_plural = _("innovation types")
        constraints = unique_code("innovation_type")


# --- Plan records: Buku 1 analysis -----------------------------------------------------


class PlanRecord(TrackedModel):
    """A record of one plan, optionally about one dimension/element of its framework."""

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        check_framework(self)

    def upload_region(self):
        return self.plan.region


def check_framework(record) -> None:
    """Reference items must belong to the plan's framework, elements to their dimension."""
    plan = getattr(record, "plan", None)
    if plan is None:
        return
    errors = {}
    for field in ("dimension", "pillar", "funding_source", "horizon", "innovation_type"):
        item = getattr(record, field, None) if hasattr(record, f"{field}_id") else None
        if item is not None and item.framework_id != plan.framework_id:
            errors[field] = ValidationError(
                _("This belongs to another framework than the plan's."), code="framework"
            )
    element = getattr(record, "element", None) if hasattr(record, "element_id") else None
    dimension = getattr(record, "dimension", None) if hasattr(record, "dimension_id") else None
    if element is not None and dimension is not None and element.dimension_id != dimension.pk:
        errors["element"] = ValidationError(
            _("This element is not part of the chosen dimension."), code="element_dimension"
        )
    if errors:
        raise ValidationError(errors)


class RegionProfile(PlanRecord):
    """Key figures of the region for Buku 1 (the narrative lives in its chapter)."""

    plan = models.OneToOneField(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="profile"
    )
    data_year = models.PositiveSmallIntegerField(_("data year"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    districts = models.PositiveSmallIntegerField(_("districts (kecamatan)"), null=True, blank=True)
    villages = models.PositiveSmallIntegerField(
        _("villages (desa/kelurahan)"), null=True, blank=True
    )
    grdp_billion = models.DecimalField(
        _("GRDP (billion Rp)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    economic_growth = models.DecimalField(
        _("economic growth (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    hdi = models.DecimalField(
        _("human development index"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    poverty_rate = models.DecimalField(
        _("poverty rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    unemployment_rate = models.DecimalField(
        _("open unemployment rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    internet_users = models.DecimalField(
        _("internet users (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("region profile")
        verbose_name_plural = _("region profiles")
        ordering = ["plan"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_km2__gte=0) | models.Q(area_km2__isnull=True),
                name="profile_area_non_negative",
                violation_error_code="min_value",
                violation_error_message=_("The area cannot be negative (0 km² or more)."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Profile of %(region)s") % {"region": self.plan.region})


class Rating(models.TextChoices):
    GOOD = "baik", _("Good (Baik)")
    FAIR = "cukup", _("Fair (Cukup)")
    POOR = "kurang", _("Poor (Kurang)")


class ReadinessAssessment(PlanRecord):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="readiness"
    )
    aspect = models.ForeignKey(
        PillarAspect, verbose_name=_("aspect"), on_delete=models.PROTECT, related_name="+"
    )
    narrative = models.TextField(_("narrative"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    rating = models.CharField(_("rating"), max_length=8, choices=Rating.choices, blank=True)

    class Meta:
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")
        ordering = ["plan", "aspect__pillar__order", "aspect__order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "aspect"], name="readiness_unique_aspect"),
        ]

    def __str__(self) -> str:
        return str(self.aspect)

    def clean(self) -> None:
        if (
            self.aspect_id
            and self.plan_id
            and self.aspect.pillar.framework_id != (self.plan.framework_id)
        ):
            raise ValidationError(
                {"aspect": ValidationError(_("This aspect is of another framework."), "framework")}
            )


class GapItem(PlanRecord):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="gap_items"
    )
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.PROTECT, null=True, blank=True
    )
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, null=True, blank=True
    )
    current_condition = models.TextField(_("current condition"))
    expected_condition = models.TextField(_("expected condition"), blank=True)
    gap = models.TextField(_("gap"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    dimension_path = "dimension"

    class Meta:
        verbose_name = _("gap item")
        verbose_name_plural = _("gap items")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.gap or self.current_condition[:80]


class SwotItem(PlanRecord):
    class Kind(models.TextChoices):
        STRENGTH = "S", _("Strength (Kekuatan)")
        WEAKNESS = "W", _("Weakness (Kelemahan)")
        OPPORTUNITY = "O", _("Opportunity (Peluang)")
        THREAT = "T", _("Threat (Ancaman)")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="swot_items"
    )
    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices)
    text = models.TextField(_("text"))
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.PROTECT, null=True, blank=True
    )
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    dimension_path = "dimension"

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["plan", "kind", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:80]}"


class StrategicIssue(PlanRecord):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="strategic_issues"
    )
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    element = models.ForeignKey(
        Element, verbose_name=_("element"), on_delete=models.PROTECT, null=True, blank=True
    )
    title = models.CharField(_("issue"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    dimension_path = "dimension"

    class Meta:
        verbose_name = _("strategic issue")
        verbose_name_plural = _("strategic issues")
        ordering = ["plan", "dimension__order", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ExistingInnovation(PlanRecord):
    """An innovation or application the region already runs (Buku 1 inventory)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PILOT = "pilot", _("Pilot")
        INACTIVE = "inactive", _("Inactive")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="innovations"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, null=True, blank=True
    )
    element = models.ForeignKey(
        Element, verbose_name=_("element"), on_delete=models.PROTECT, null=True, blank=True
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.SET_NULL, null=True, blank=True
    )
    year_launched = models.PositiveSmallIntegerField(_("launched in"), null=True, blank=True)
    url = models.URLField(_("address"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )

    dimension_path = "dimension"

    class Meta:
        verbose_name = _("existing innovation")
        verbose_name_plural = _("existing innovations")
        ordering = ["plan", "name"]

    def __str__(self) -> str:
        return self.name


# --- Plan records: Buku 2 goals and strategy -------------------------------------------


class Goal(PlanRecord):
    """A Smart City goal with its target, for the whole plan or one dimension."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, null=True, blank=True
    )
    statement = models.TextField(_("goal"))
    target = models.TextField(_("target"), blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    dimension_path = "dimension"

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "pk"]
        constraints = [year_constraint("goal_target_year_range", "target_year")]

    def __str__(self) -> str:
        return self.statement[:80]

    def clean(self) -> None:
        super().clean()
        check_year_in_plan(self.plan if self.plan_id else None, self.target_year, "target_year")


class Strategy(PlanRecord):
    """Per dimension (and element): target, strategy and policy direction."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="strategies"
    )
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    element = models.ForeignKey(
        Element, verbose_name=_("element"), on_delete=models.PROTECT, null=True, blank=True
    )
    target = models.TextField(_("target (sasaran)"), blank=True)
    strategy = models.TextField(_("strategy"))
    policy_direction = models.TextField(_("policy direction"), blank=True)
    issues = models.ManyToManyField(
        StrategicIssue,
        verbose_name=_("strategic issues answered"),
        blank=True,
        related_name="strategies",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    dimension_path = "dimension"

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["plan", "dimension__order", "order", "pk"]

    def __str__(self) -> str:
        return self.strategy[:100]
