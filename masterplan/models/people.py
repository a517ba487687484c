"""People and their roles: users, a region's working group, the mentors assigned to it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from masterplan.models.base import Scoped
from masterplan.models.institutions import Agency
from masterplan.models.regions import Region
from masterplan.roles import COORDINATOR, EDITOR, VIEWER
from masterplan.scoping import ScopedQuerySet


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(
        _("position"), max_length=150, blank=True, help_text=_("Job title, e.g. Kepala Bidang.")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Membership(Scoped):
    """A user's place in a region's working group."""

    class Role(models.TextChoices):
        COORDINATOR = COORDINATOR, _("Coordinator")
        EDITOR = EDITOR, _("Editor")
        VIEWER = VIEWER, _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.EDITOR)
    dimensions = models.ManyToManyField(
        "dimensions.Dimension",
        verbose_name=_("limited to dimensions"),
        blank=True,
        related_name="+",
        help_text=_("Editors of a dimension working group; leave empty for the whole plan."),
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # access belongs to each server, not to the plan
    dimension_path = None

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["region", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.region} ({self.get_role_display()})"

    def clean(self) -> None:
        # the agency a member reports for (monitoring.reporting) is one of the region's
        if self.agency_id and self.region_id and self.agency.region_id != self.region_id:
            raise ValidationError(
                {"agency": ValidationError(_("Choose an agency of this region."), "region")}
            )


class MentorAssignment(Scoped):
    """A mentor (tenaga ahli pendamping) assigned by the ministry to a region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # access belongs to each server, not to the plan
    dimension_path = None

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        ordering = ["region", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="mentor_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.region}"
