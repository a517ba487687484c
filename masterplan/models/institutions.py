"""A region's agencies (OPD) and the smart-city bodies of its plan (Buku 2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from masterplan.models.base import TrackedModel
from masterplan.models.regions import Plan, Region
from masterplan.scoping import ScopedQuerySet


class Agency(TrackedModel):
    """A regional government agency (OPD) or another institution of the region."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Agency (dinas)")
        BADAN = "badan", _("Board (badan)")
        SECRETARIAT = "sekretariat", _("Secretariat / division")
        DISTRICT = "kecamatan", _("District (kecamatan)")
        OTHER = "lainnya", _("Other institution")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="agencies"
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DINAS)

    objects = ScopedQuerySet.as_manager()
    region_path = "region"

    class Meta:
        verbose_name = _("agency (OPD)")
        verbose_name_plural = _("agencies (OPD)")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="agency_unique_name"),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name


class Institution(TrackedModel):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Smart City Council (Dewan Smart City)")
        TEAM = "team", _("Implementation Team (Tim Pelaksana)")
        FORUM = "forum", _("Smart City Forum")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="institutions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    decree_number = models.CharField(_("decree number"), max_length=120, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    duties = models.TextField(_("duties"), blank=True)
    meeting_schedule = models.CharField(
        _("meeting schedule"),
        max_length=200,
        blank=True,
        help_text=_("e.g. every three months"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["plan", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="institution_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class InstitutionMember(TrackedModel):
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=200, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.SET_NULL, null=True, blank=True
    )
    role = models.CharField(
        _("role in the body"), max_length=100, blank=True, help_text=_("e.g. Ketua, Anggota")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedQuerySet.as_manager()
    region_path = "institution__plan__region"

    class Meta:
        verbose_name = _("institution member")
        verbose_name_plural = _("institution members")
        ordering = ["institution", "order", "pk"]

    def __str__(self) -> str:
        return self.name
