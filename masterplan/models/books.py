"""A plan's books and their chapters (sections), the templates they are made from, and
the chapter editor's uploaded images and presence."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from masterplan.models.base import Scoped, TrackedModel, localized, region_upload_to
from masterplan.models.regions import Cohort, Plan, Region
from masterplan.scoping import ScopedQuerySet


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


# ``Section.records`` of the chapter with one sub-chapter per flagship or quick win. The
# book holding it is the plan's flagship book (Buku 3 in the default outline; a cohort may
# set its books up differently): its programme chapters show the flagships only.
FLAGSHIP_CHAPTERS = "flagship_detail"


class BookQuerySet(ScopedQuerySet):
    def showing(self, records: str) -> BookQuerySet:
        """The books with a section showing this kind of records (``Section.records``)."""
        return self.filter(sections__records=records).distinct()

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


class SectionImage(Scoped):
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

    def upload_region(self) -> Region:
        return self.region


class SectionPresenceQuerySet(models.QuerySet):
    def fresh(self) -> SectionPresenceQuerySet:
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
        cls.objects.update_or_create(
            section=section, user=user, defaults={"last_seen": timezone.now()}
        )

    @classmethod
    def others_on(cls, section: Section, user) -> list:
        """The other users who have the section open now."""
        rows = cls.objects.fresh().filter(section=section).exclude(user=user).select_related("user")
        return [row.user for row in rows.order_by("last_seen")]
