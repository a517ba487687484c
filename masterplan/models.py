from __future__ import annotations

import uuid
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from masterplan.permissions import COORDINATOR, EDITOR, VIEWER, ScopedQuerySet

MIN_PERIOD_YEARS = 5
MAX_PERIOD_YEARS = 10
YEAR_RANGE = (2000, 2100)


def localized(obj, field: str) -> str:
    """The Indonesian value, or the English one when English is active and filled."""
    if (get_language() or "id").startswith("en"):
        return getattr(obj, f"{field}_en", "") or getattr(obj, field)
    return getattr(obj, field)


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


class VersionConflict(Exception):
    """A save was based on a version that someone else has replaced meanwhile."""

    def __init__(self, obj: models.Model, current_version: int | None):
        super().__init__(f"{obj!r} was changed by someone else (now version {current_version})")
        self.obj = obj
        self.current_version = current_version


class TrackedModel(models.Model):
    """Every editable record: a stable UUID for comment anchors, who/when, and a version."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    region_path = "plan__region"
    dimension_path: str | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at", "updated_by"}
        super().save(*args, **kwargs)

    @transaction.atomic
    def save_if_current(self, *, based_on: int, by=None, update_fields=None) -> None:
        """Save only if nobody saved since ``based_on``; else raise VersionConflict.

        The row is locked while we compare, so two concurrent saves based on the
        same version cannot both win.
        """
        current = (
            type(self)
            ._base_manager.select_for_update()
            .filter(pk=self.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current != based_on:
            raise VersionConflict(self, current)
        self.version = based_on
        if by is not None:
            self.updated_by = by
        self.save(update_fields=update_fields)

    def stamp(self, by) -> None:
        """Record who creates or changes this record before a save."""
        if by is None:
            return
        if self._state.adding and self.created_by_id is None:
            self.created_by = by
        self.updated_by = by

    def _walk(self, path: str | None):
        obj = self
        for part in (path or "").split("__"):
            if not part or obj is None:
                break
            obj = getattr(obj, part)
        return obj

    def scope_region_id(self) -> int | None:
        path = self.region_path
        if not path:
            return self.pk
        owner_path, _, last = path.rpartition("__")
        owner = self._walk(owner_path) if owner_path else self
        return getattr(owner, f"{last}_id", None) if owner is not None else None

    def scope_dimension_id(self) -> int | None:
        if not self.dimension_path:
            return None
        owner_path, _, last = self.dimension_path.rpartition("__")
        owner = self._walk(owner_path) if owner_path else self
        return getattr(owner, f"{last}_id", None) if owner is not None else None


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


def year_constraint(name: str, field: str = "year") -> models.CheckConstraint:
    low, high = YEAR_RANGE
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


def region_upload_to(instance, filename: str) -> str:
    """Uploads live per region so exports and checks can find a region's own files."""
    region_slug = instance.upload_region().slug
    return f"regions/{region_slug}/{type(instance).__name__.lower()}/{uuid.uuid4().hex}/{filename}"


# --- Programme and regions -------------------------------------------------------------


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


class BimtekStage(models.Model):
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
                condition=Q(number__gte=1, number__lte=4), name="stage_number_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="stage_ends_after_start"
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


class BookTemplate(models.Model):
    """One book of a cohort's book set (Buku 1–4 by default)."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="book_templates"
    )
    number = models.PositiveSmallIntegerField(
        _("book number"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("book template")
        verbose_name_plural = _("book templates")
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="book_template_unique"),
        ]

    def __str__(self) -> str:
        return f"Buku {self.number} – {self.title}"


class SectionTemplate(models.Model):
    """A chapter or sub-chapter of a book template's outline."""

    book_template = models.ForeignKey(
        BookTemplate,
        verbose_name=_("book template"),
        on_delete=models.CASCADE,
        related_name="section_templates",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    key = models.SlugField(_("key"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    records = models.CharField(
        _("records shown"),
        max_length=40,
        blank=True,
        help_text=_("Linked records shown in this section besides its text."),
    )
    per_dimension = models.BooleanField(
        _("one sub-section per dimension"),
        default=False,
        help_text=_("Expanded into one child per dimension of the plan's framework."),
    )

    class Meta:
        verbose_name = _("section template")
        verbose_name_plural = _("section templates")
        ordering = ["book_template", "parent_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["book_template", "key"], name="section_template_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Region(models.Model):
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

    def scope_region_id(self) -> int | None:
        return self.pk

    def scope_dimension_id(self) -> None:
        return None

    def upload_region(self) -> Region:
        return self


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


class Membership(models.Model):
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

    def scope_region_id(self) -> int:
        return self.region_id

    def scope_dimension_id(self) -> None:
        return None


class MentorAssignment(models.Model):
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

    def scope_region_id(self) -> int:
        return self.region_id

    def scope_dimension_id(self) -> None:
        return None


# --- The plan and its books ------------------------------------------------------------


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


class BookQuerySet(ScopedQuerySet):
    def with_progress(self) -> BookQuerySet:
        """Annotate how many required sections the book has, and how many are written."""
        required = Q(sections__required=True)
        return self.annotate(
            required_sections=models.Count("sections", filter=required),
            written_sections=models.Count("sections", filter=required & ~Q(sections__body="")),
        )


class Book(TrackedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REVISION = "revision", _("Changes requested")
        APPROVED = "approved", _("Approved")
        FINAL = "final", _("Final")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="books"
    )
    template = models.ForeignKey(
        BookTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="books",
    )
    number = models.PositiveSmallIntegerField(_("book number"))
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )

    objects = BookQuerySet.as_manager()

    class Meta:
        verbose_name = _("book")
        verbose_name_plural = _("books")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="book_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Buku {self.number} – {self.display_title}"

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    def is_locked(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def progress(self) -> int:
        """Share of required sections written, in percent (needs ``with_progress()``)."""
        if not self.required_sections:
            return 100
        return round(100 * self.written_sections / self.required_sections)

    def outline(self) -> list[OutlineNode]:
        """The chapter tree with numbers (1, 1.1, 1.1.1), from one query."""
        sections = list(self.sections.select_related("dimension").order_by("order", "pk"))
        return build_outline(sections)


class OutlineNode:
    def __init__(self, section: Section, number: str, children: list[OutlineNode]):
        self.section = section
        self.number = number
        self.children = children

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1

    def walk(self) -> Iterator[OutlineNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def build_outline(sections: list[Section]) -> list[OutlineNode]:
    by_parent: dict[int | None, list[Section]] = {}
    for section in sections:
        by_parent.setdefault(section.parent_id, []).append(section)

    def nodes(parent_id: int | None, prefix: str) -> list[OutlineNode]:
        result = []
        for index, section in enumerate(by_parent.get(parent_id, []), start=1):
            number = f"{prefix}{index}"
            result.append(OutlineNode(section, number, nodes(section.pk, f"{number}.")))
        return result

    return nodes(None, "")


class Section(TrackedModel):
    """A chapter or sub-chapter of a book: rich text, plus the linked records it shows."""

    MAX_DEPTH = 3

    book = models.ForeignKey(
        Book, verbose_name=_("book"), on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    template = models.ForeignKey(
        SectionTemplate,
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sections",
    )
    key = models.SlugField(_("key"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    records = models.CharField(_("records shown"), max_length=40, blank=True)
    dimension = models.ForeignKey(
        "dimensions.Dimension",
        verbose_name=_("dimension"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
    )

    objects = ScopedQuerySet.as_manager()
    region_path = "book__plan__region"
    dimension_path = "dimension"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["book", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["book", "key"], name="section_unique_key"),
        ]

    def __str__(self) -> str:
        return localized(self, "title")

    def is_locked(self) -> bool:
        return self.book.is_locked()

    def clean(self) -> None:
        depth, parent = 1, self.parent
        while parent is not None:
            if parent.book_id != self.book_id:
                raise ValidationError(
                    {"parent": ValidationError(_("The parent is in another book."), "book")}
                )
            depth, parent = depth + 1, parent.parent
        if depth > self.MAX_DEPTH:
            raise ValidationError(
                {"parent": ValidationError(_("Sections nest at most three levels."), "depth")}
            )

    @property
    def is_empty(self) -> bool:
        return not self.body.strip()


# --- Institutions (Buku 2) --------------------------------------------------------------


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


# --- Audit ------------------------------------------------------------------------------


class AuditEvent(models.Model):
    """Who did what to which record, written in the same transaction as the change."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=60)
    target_type = models.CharField(_("record type"), max_length=60)
    target_uuid = models.UUIDField(_("record"), null=True, db_index=True)
    target_repr = models.CharField(_("record name"), max_length=250, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # the audit log stays on the server that wrote it
    dimension_path = None

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_repr}"

    def scope_region_id(self) -> int | None:
        return self.region_id

    def scope_dimension_id(self) -> None:
        return None

    @cached_property
    def summary(self) -> str:
        return f"{self.action}: {self.target_repr}"


# --- Revisions and the trash ------------------------------------------------------------


class RecordQuerySet(ScopedQuerySet):
    def for_object(self, obj: models.Model) -> RecordQuerySet:
        return self.filter(target_type=obj._meta.label_lower, target_uuid=obj.uuid)


class Revision(models.Model):
    """A snapshot of a record after a save: who, when, and the field values."""

    target_type = models.CharField(_("record type"), max_length=60)
    target_uuid = models.UUIDField(_("record"), db_index=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = RecordQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # history stays on the server that wrote it
    dimension_path = None

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_uuid", "-at"])]

    def __str__(self) -> str:
        return f"{self.target_type} v{self.version} ({self.at:%Y-%m-%d %H:%M})"

    def scope_region_id(self) -> int:
        return self.region_id

    def scope_dimension_id(self) -> None:
        return None

    def changes_since(self, older: Revision | None) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field that differs from ``older``."""
        before = older.snapshot if older else {}
        return [
            (name, before.get(name), value)
            for name, value in self.snapshot.items()
            if before.get(name) != value
        ]


class DeletedRecord(models.Model):
    """A deleted record and everything that was deleted with it, for an admin's undo."""

    target_type = models.CharField(_("record type"), max_length=60)
    target_uuid = models.UUIDField(_("record"), null=True, db_index=True)
    target_repr = models.CharField(_("record name"), max_length=250)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    payload = models.JSONField(_("content"))
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("deleted at"), auto_now_add=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("restored by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)

    objects = RecordQuerySet.as_manager()
    region_path = "region"
    plan_record = False  # the trash stays on the server that wrote it
    dimension_path = None

    class Meta:
        verbose_name = _("deleted record")
        verbose_name_plural = _("deleted records")
        ordering = ["-deleted_at", "-pk"]

    def __str__(self) -> str:
        return self.target_repr

    def scope_region_id(self) -> int:
        return self.region_id

    def scope_dimension_id(self) -> None:
        return None


# --- Chapter editor: images and presence ------------------------------------------------


class SectionImage(models.Model):
    """An image uploaded into a section's text, stored per region, served after a check."""

    MAX_BYTES = 5 * 1024 * 1024
    MAX_PIXELS = 40_000_000
    FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="images",
    )
    file = models.ImageField(_("file"), upload_to=region_upload_to)
    content_type = models.CharField(_("content type"), max_length=40)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    region_path = "region"
    plan_path = "section__book__plan"  # region_path is a shortcut
    dimension_path = None

    class Meta:
        verbose_name = _("section image")
        verbose_name_plural = _("section images")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    def scope_region_id(self) -> int:
        return self.region_id

    def scope_dimension_id(self) -> None:
        return None

    def upload_region(self) -> Region:
        return self.region


class SectionPresenceQuerySet(models.QuerySet):
    def fresh(self) -> SectionPresenceQuerySet:
        from datetime import timedelta

        from django.utils import timezone

        stale = timezone.now() - timedelta(seconds=SectionPresence.STALE_AFTER_SECONDS)
        return self.filter(last_seen__gte=stale)


class SectionPresence(models.Model):
    """Who has a section open in the editor; a heartbeat refreshes it, silence expires it.

    Kept in the database rather than a per-process cache so every web worker agrees.
    """

    STALE_AFTER_SECONDS = 60

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    objects = SectionPresenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("section presence")
        verbose_name_plural = _("section presences")
        constraints = [
            models.UniqueConstraint(fields=["section", "user"], name="presence_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.section_id}"

    @classmethod
    def touch(cls, section: Section, user) -> None:
        from django.utils import timezone

        cls.objects.update_or_create(
            section=section, user=user, defaults={"last_seen": timezone.now()}
        )

    @classmethod
    def others_on(cls, section: Section, user) -> list:
        """The other users who have the section open now."""
        rows = cls.objects.fresh().filter(section=section).exclude(user=user).select_related("user")
        return [row.user for row in rows.order_by("last_seen")]
