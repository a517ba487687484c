"""Change impact: a section that was signed off (or whose book was approved) is flagged
"perlu reviu ulang" when a record it is built from changes afterwards.

Which sections a change reaches follows from the links between records:

- up the record's foreign keys (its ``region_path``) to the records a section shows: a
  budget line, an indicator target or an activity reaches its programme;
- along the links that say one record answers another (``LINKS``): a strategic issue
  reaches the strategies that answer it;
- then to the sections whose ``records`` show those records (``SECTION_SHOWS``): a
  programme is shown by its dimension's programme table, the action plan, the roadmap and
  the financing framework in Buku 2, by the flagship book (the one whose outline has the
  flagship chapters, ``FLAGSHIP_CHAPTERS``: Buku 3 by default) when it is a flagship or
  quick win, and by the Buku 4 summaries.

The core sends ``record_saved``/``record_deleted`` from its save service; this module
listens (``reviews.apps``). Sign-off of a section clears its flags, the mentor's approval
of a book clears the book's, and an admin may clear a book's (or, explicitly, every book's)
with a reason (audited). The
plan check ``review_flag_open`` refuses the final export of the flagged section's book (not
the plan's other books) while a flag is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.lib.money import number, rupiah_short
from masterplan.models import FLAGSHIP_CHAPTERS, Book, Plan, Scoped, Section, User
from masterplan.plan_versions import bump_plans
from masterplan.registry import plan_record_kind
from masterplan.scoping import ScopedQuerySet
from masterplan.services import audit_record


@dataclass(frozen=True)
class Shows:
    """A kind of record a section shows: all of the plan's, its dimension's, or flagships'."""

    model: str
    same_dimension: bool = False
    highlighted: bool = False


PROGRAMME = "programs.programme"

# Section.records -> what that kind of section is built from (as the print context and
# the book preview build it: exports/context).
SECTION_SHOWS: dict[str, tuple[Shows, ...]] = {
    "profile": (Shows("dimensions.regionprofile"),),
    "readiness": (Shows("dimensions.readinessassessment"),),
    "readiness_summary": (Shows("dimensions.readinessassessment"),),
    "gaps": (Shows("dimensions.gapitem"),),
    "swot": (Shows("dimensions.swotitem", same_dimension=True),),
    "strategic_issues": (Shows("dimensions.strategicissue", same_dimension=True),),
    "innovations": (Shows("dimensions.existinginnovation"),),
    "vision": (Shows("masterplan.plan"), Shows("dimensions.goal")),
    "goals": (Shows("dimensions.goal"),),
    "strategies": (Shows("dimensions.strategy", same_dimension=True),),
    "programmes": (Shows(PROGRAMME, same_dimension=True),),
    "action_plan": (Shows(PROGRAMME),),
    "roadmap": (Shows(PROGRAMME),),
    "financing": (Shows(PROGRAMME), Shows("masterplan.institution")),
    "institutions": (Shows("masterplan.institution"),),
    "risks": (Shows("programs.risk"),),
    "quick_wins": (Shows(PROGRAMME, highlighted=True),),
    "flagship_detail": (Shows(PROGRAMME, highlighted=True),),
    "dimension_summary": (
        Shows(PROGRAMME, same_dimension=True),
        Shows("dimensions.strategy", same_dimension=True),
    ),
    "commitment": (),
}

# (model, many-to-many field): a change of the record the field points at reaches the
# rows that point at it. Strategies answer strategic issues.
LINKS: tuple[tuple[str, str], ...] = (("dimensions.strategy", "issues"),)

# Changes to these are the review's own business (the sign-off sees a section's version).
NOT_TRACKED = frozenset(
    {"masterplan.section", "masterplan.book", "masterplan.sectionimage", "masterplan.agency"}
)
IGNORED_FIELDS = frozenset({"order"})


class ReviewFlagQuerySet(ScopedQuerySet):
    def open(self) -> ReviewFlagQuerySet:
        return self.filter(cleared_at__isnull=True)

    def of_plan(self, plan: Plan | int) -> ReviewFlagQuerySet:
        return self.filter(section__book__plan=plan)


class ReviewFlag(Scoped):
    """One section that needs another look because a record it shows changed."""

    class Clearance(models.TextChoices):
        SIGNOFF = "signoff", gettext_lazy("signed off again")
        APPROVAL = "approval", gettext_lazy("book approved again")
        OVERRIDE = "override", gettext_lazy("overridden by an admin")

    section = models.ForeignKey(
        Section,
        verbose_name=gettext_lazy("section"),
        on_delete=models.CASCADE,
        related_name="review_flags",
    )
    source_type = models.CharField(gettext_lazy("changed record type"), max_length=60)
    source_uuid = models.UUIDField(gettext_lazy("changed record"), null=True, blank=True)
    cause = models.CharField(gettext_lazy("cause"), max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("flagged at"), auto_now_add=True)
    cleared_at = models.DateTimeField(gettext_lazy("cleared at"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("cleared by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    clearance = models.CharField(
        gettext_lazy("how cleared"), max_length=10, choices=Clearance.choices, blank=True
    )
    reason = models.TextField(gettext_lazy("reason"), blank=True)

    objects = ReviewFlagQuerySet.as_manager()
    region_path = "section__book__plan__region"
    dimension_path = None
    # a plan record (masterplan/registry.py): the backup carries it, so a plan restored
    # elsewhere still knows which chapters need another look; no book prints it

    class Meta:
        verbose_name = gettext_lazy("re-review flag")
        verbose_name_plural = gettext_lazy("re-review flags")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["section", "cleared_at"])]

    def __str__(self) -> str:
        return self.cause

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None


# --- Which sections a change reaches ---------------------------------------------------------


def _ancestors(record: models.Model) -> list[models.Model]:
    """The record and the records above it on its way to the plan (not the plan itself,
    unless the record is the plan)."""
    rows = [record]
    parts = getattr(record, "region_path", "").split("__")[:-2]  # ... plan, region
    row: Any = record
    for part in parts:
        row = getattr(row, part, None)
        if not isinstance(row, models.Model):
            break
        rows.append(row)
    return rows


def _linked(record: models.Model) -> list[models.Model]:
    from django.apps import apps

    rows: list[models.Model] = []
    for label, field_name in LINKS:
        model = apps.get_model(label)
        if model._meta.get_field(field_name).related_model is type(record):
            rows += list(model._default_manager.filter(**{field_name: record}))
    return rows


def _highlighted(row: models.Model, before: dict[str, Any] | None) -> bool:
    now = bool(getattr(row, "is_flagship", False) or getattr(row, "is_quick_win", False))
    then = bool(before and (before.get("is_flagship") or before.get("is_quick_win")))
    return now or then


def _reaches(
    section: Section, shows: Shows, row: models.Model, before, flagship_books: set[int]
) -> bool:
    if row._meta.label_lower != shows.model:
        return False
    dimension = getattr(row, "dimension_id", None)
    if shows.same_dimension and (section.dimension_id is None or section.dimension_id != dimension):
        return False
    # the flagship book shows the flagships and quick wins only, in every chapter
    wants_highlight = shows.highlighted or (
        shows.model == PROGRAMME and section.book.number in flagship_books
    )
    return not wants_highlight or _highlighted(row, before)


def dependent_sections(
    record: models.Model, plan: Plan, before: dict[str, Any] | None = None
) -> list[Section]:
    """The plan's signed-off sections (or sections of approved books) built from the record."""
    shown = [record, *_ancestors(record)[1:], *_linked(record)]
    labels = {row._meta.label_lower for row in shown}
    kinds = [kind for kind, shows in SECTION_SHOWS.items() if any(s.model in labels for s in shows)]
    if not kinds:
        return []
    # the same source as the plan checks' (checks.facts): the plan's own outline
    flagship_books = set(
        Book.objects.filter(plan=plan).showing(FLAGSHIP_CHAPTERS).values_list("number", flat=True)
    )
    candidates = (
        Section.objects.filter(book__plan=plan, records__in=kinds)
        .filter(Q(approval__isnull=False) | Q(book__status=Book.Status.APPROVED))
        .select_related("book")
        .order_by("book__number", "order", "pk")
    )
    return [
        section
        for section in candidates
        if any(
            _reaches(section, shows, row, before if row is record else None, flagship_books)
            for shows in SECTION_SHOWS[section.records]
            for row in shown
        )
    ]


# --- The cause, in words -----------------------------------------------------------------------


def _value(field: models.Field, raw: Any) -> str:
    if raw is None or raw == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if field.is_relation and field.related_model is not None:
        row = field.related_model._default_manager.filter(pk=raw).first()
        return str(row) if row is not None else "–"
    if isinstance(field, models.IntegerField) and field.name in {"amount", "budget"}:
        return rupiah_short(raw)
    if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
        return number(raw)
    if isinstance(field, models.BooleanField):
        return _("yes") if raw else _("no")
    text = str(raw)
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def _subject(record: models.Model) -> str:
    """ "Anggaran GOV-SRV-01 2027": the kind of record, its programme's code, its year."""
    name = capfirst(str(record._meta.verbose_name))
    programme = next(
        (row for row in _ancestors(record) if row._meta.label_lower == PROGRAMME), None
    )
    parts = [name]
    if programme is not None:
        parts.append(programme.code if programme is not record else str(programme))
    else:
        parts.append(f"“{str(record)[:50]}”")
    year = getattr(record, "year", None)
    if year:
        parts.append(str(year))
    return " ".join(parts)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [
        name
        for name in after
        if name not in IGNORED_FIELDS and name in before and before[name] != after[name]
    ]


def describe_change(
    record: models.Model,
    *,
    before: dict[str, Any],
    after: dict[str, Any] | None,
    by: User | None,
    created: bool = False,
) -> str:
    """ "Anggaran GOV-SRV-01 2027 berubah Rp 850 jt → Rp 1,1 M oleh Siti, 3 Des"."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _subject(record)
        who = by.display_name if by is not None else _("the system")
        when = date_format(timezone.localdate(), "j M")
        if after is None:
            text = _("%(what)s deleted by %(who)s, %(when)s")
        elif created:
            text = _("%(what)s added by %(who)s, %(when)s")
        else:
            names = changed_fields(before, after)
            field = record._meta.get_field(names[0])
            change = f"{_value(field, before[names[0]])} → {_value(field, after[names[0]])}"
            if field.name not in {"amount", "budget", "value"}:
                change = f"{field.verbose_name}: {change}"
            if len(names) > 1:
                change += " " + _("(and %(count)s more)") % {"count": len(names) - 1}
            text = _("%(what)s changed %(change)s by %(who)s, %(when)s")
            return (text % {"what": subject, "change": change, "who": who, "when": when})[:300]
        return (text % {"what": subject, "who": who, "when": when})[:300]


# --- Flagging and clearing -----------------------------------------------------------------------


def _plan_of(record: models.Model) -> Plan | None:
    try:
        kind = plan_record_kind(type(record))
    except LookupError:
        return None
    if kind.label in NOT_TRACKED or kind.plan_path is None:
        return None
    if kind.plan_path == "":
        return record  # type: ignore[return-value]
    row: Any = record
    for part in kind.plan_path.split("__"):
        row = getattr(row, part, None)
    return row if isinstance(row, Plan) else None


def flag_dependents(
    record: models.Model,
    *,
    by: User | None,
    before: dict[str, Any],
    after: dict[str, Any] | None,
    created: bool = False,
) -> list[ReviewFlag]:
    """Flag the signed-off sections the change reaches; nothing when nothing changed."""
    if after is not None and not created and not changed_fields(before, after):
        return []
    plan = _plan_of(record)
    if plan is None:
        return []
    # Cheap guard first: most saves happen while nothing is signed off yet.
    if not Section.objects.filter(
        Q(approval__isnull=False) | Q(book__status=Book.Status.APPROVED), book__plan=plan
    ).exists():
        return []
    sections = dependent_sections(record, plan, before)
    if not sections:
        return []
    cause = describe_change(record, before=before, after=after, by=by, created=created)
    bump_plans([plan.pk])
    return ReviewFlag.objects.bulk_create(
        ReviewFlag(
            section=section,
            source_type=record._meta.label_lower,
            source_uuid=getattr(record, "uuid", None),
            cause=cause,
            changed_by=by,
        )
        for section in sections
    )


def on_record_saved(sender, *, record, by, before, after, created, **kwargs) -> None:
    flag_dependents(record, by=by, before=before, after=after, created=created)


def on_record_deleted(sender, *, record, by, before, **kwargs) -> None:
    flag_dependents(record, by=by, before=before, after=None)


def flags_clear(
    flags: ReviewFlagQuerySet, *, by: User | None, clearance: str, reason: str = ""
) -> int:
    open_flags = flags.open()
    # the plan checks read open flags: their cache is kept per plan version
    bump_plans(open_flags.values_list("section__book__plan_id", flat=True).distinct())
    return open_flags.update(
        cleared_at=timezone.now(), cleared_by=by, clearance=clearance, reason=reason
    )


def flags_clear_section(section: Section, *, by: User | None) -> int:
    """Sign-off of the section: the mentor has looked at it again."""
    return flags_clear(
        ReviewFlag.objects.filter(section=section), by=by, clearance=ReviewFlag.Clearance.SIGNOFF
    )


def flags_clear_book(book: Book, *, by: User | None) -> int:
    """Approval of the whole book again."""
    return flags_clear(
        ReviewFlag.objects.filter(section__book=book),
        by=by,
        clearance=ReviewFlag.Clearance.APPROVAL,
    )


class OverrideRefused(Exception):
    pass


@transaction.atomic
def flags_override(*, plan: Plan, book: Book | None, by: User, reason: str) -> int:
    """An admin lets a book's final export go ahead with its open flags; the reason is
    audited. A flag holds up only its own book's final export, so the override names the
    book; ``book=None`` clears the open flags of every book of the plan (the page labels
    that option as such)."""
    reason = reason.strip()
    if not reason:
        raise OverrideRefused(_("Say why the open flags may be overridden."))
    if book is not None and book.plan_id != plan.pk:
        raise OverrideRefused(_("That book is not part of this plan."))
    flags = ReviewFlag.objects.of_plan(plan).open()
    if book is not None:
        flags = flags.filter(section__book=book)
    ids = list(flags.values_list("pk", flat=True))
    if not ids:
        return 0
    count = flags_clear(
        ReviewFlag.objects.filter(pk__in=ids),
        by=by,
        clearance=ReviewFlag.Clearance.OVERRIDE,
        reason=reason,
    )
    audit_record(
        actor=by,
        action="plan.review_flags_override",
        target=plan,
        region=plan.region,
        changes={"book": book.number if book is not None else None, "flags": ids, "reason": reason},
    )
    return count
