"""Export jobs: one row per long PDF render (a book, the complete document of the four
books, a year's evaluation report), with its progress and its file."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from masterplan.models import Book, Plan, Scoped, TrackedModel
from masterplan.permissions import ScopedQuerySet


@deconstructible(path="exports.models.ExportStorage")
class ExportStorage(LazyObject):
    """The ``exports`` storage of ``STORAGES`` (a folder or a bucket), looked up on each use
    so that a settings change (tests, a bucket) takes effect without re-importing models."""

    @property
    def _wrapped(self):
        return storages["exports"]

    @_wrapped.setter
    def _wrapped(self, value):
        pass  # LazyObject.__init__ sets it; the property above always answers

    def _setup(self):
        pass

    def __deepcopy__(self, memo):
        return self  # holds no state of its own (model states copy their fields)


def export_upload_to(job: ExportJob, filename: str) -> str:
    plan = job.plan
    if job.kind == ExportJob.Kind.BOOK:
        folder = f"buku-{job.book.number}"
    elif job.kind == ExportJob.Kind.COMPLETE:
        folder = "dokumen-lengkap"
    else:
        folder = f"laporan-evaluasi-{job.year}"
    return f"{plan.region.slug}/{plan.cohort.year}/{folder}/{job.uuid.hex}.pdf"


class ExportJobQuerySet(ScopedQuerySet):
    def finished(self) -> ExportJobQuerySet:
        return self.filter(state=ExportJob.State.DONE)

    def pending(self) -> ExportJobQuerySet:
        return self.filter(state__in=[ExportJob.State.QUEUED, ExportJob.State.RUNNING])


class ExportJob(Scoped):
    class Kind(models.TextChoices):
        BOOK = "book", _("Book")
        COMPLETE = "complete", _("Complete document")
        EVALUATION = "evaluation", _("Evaluation report")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        COLLECTING = "collecting", _("Collecting the records")
        LAYOUT = "layout", _("Laying out the pages")
        WRITING = "writing", _("Writing the PDF")
        SAVING = "saving", _("Saving the file")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Percent reached when a stage starts; the layout stage is interpolated in between.
    STAGE_PERCENT = {
        "queued": 0,
        "collecting": 5,
        "layout": 15,
        "writing": 85,
        "saving": 97,
        "done": 100,
        "failed": 100,
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.BOOK, db_index=True
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    # the book of a book export; none for the complete document and the evaluation report
    book = models.ForeignKey(
        Book,
        verbose_name=_("book"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
        null=True,
        blank=True,
    )
    # the year of an evaluation report
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    final = models.BooleanField(_("final"), default=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default="queued")
    error = models.TextField(_("error"), blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True)
    file = models.FileField(
        _("file"), storage=ExportStorage(), upload_to=export_upload_to, blank=True
    )
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("bytes"), null=True, blank=True)
    duration = models.FloatField(_("duration (s)"), null=True, blank=True)
    expected_seconds = models.FloatField(_("expected duration (s)"), null=True, blank=True)
    reused_from = models.ForeignKey(
        "self",
        verbose_name=_("reused file of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()
    region_path = "plan__region"
    plan_record = False  # made again from the records
    dimension_path = None

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="book", book__isnull=False, year__isnull=True)
                    | models.Q(kind="complete", book__isnull=True, year__isnull=True)
                    | models.Q(kind="evaluation", book__isnull=True, year__isnull=False)
                ),
                name="exportjob_kind_fields",
                violation_error_message=_(
                    "A book export names its book; an evaluation report its year."
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        if self.book_id and not self.plan_id:
            self.plan_id = self.book.plan_id
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.subject} – {self.get_state_display()}"

    @property
    def subject(self) -> str:
        """What the PDF is: the book, the complete document, the year's report."""
        if self.kind == self.Kind.BOOK:
            return str(self.book)
        if self.kind == self.Kind.COMPLETE:
            return str(_("Complete document (four books)"))
        return str(_("Evaluation report %(year)s") % {"year": self.year})

    @property
    def is_pending(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def is_downloadable(self) -> bool:
        return self.state == self.State.DONE and bool(self.file)

    @property
    def percent(self) -> int:
        """Progress for the progress bar; layout has no callbacks, so it is timed."""
        base = self.STAGE_PERCENT.get(self.stage, 0)
        if self.stage != self.Stage.LAYOUT or not self.started_at:
            return base
        expected = self.expected_seconds or 20.0
        elapsed = (timezone.now() - self.started_at).total_seconds()
        span = self.STAGE_PERCENT["writing"] - base
        return min(base + round(span * elapsed / expected), self.STAGE_PERCENT["writing"] - 1)

    def download_name(self) -> str:
        if self.kind == self.Kind.BOOK:
            return download_name(self.book)
        region_part = _region_part(self.plan)
        if self.kind == self.Kind.COMPLETE:
            return f"Masterplan-{region_part}-{self.plan.cohort.year}.pdf"
        return f"Laporan-Evaluasi-{region_part}-{self.year}.pdf"

    def page_url(self) -> str:
        """The portal page that shows this job (its button and its progress)."""
        from django.urls import reverse

        if self.kind == self.Kind.BOOK:
            return reverse("exports:book_exports", args=[self.book_id])
        if self.kind == self.Kind.COMPLETE:
            return reverse("exports:plan_exports", args=[self.plan_id])
        dashboard = reverse("monitoring:monitoring_dashboard", args=[self.plan_id])
        return f"{dashboard}?tahun={self.year}"


def _region_part(plan: Plan) -> str:
    """``Kab-Pekalongan``: ASCII, no spaces, no quotes."""
    from django.utils.text import slugify

    region = plan.region.name
    for long, short in (("Kabupaten ", "Kab "), ("Kota ", "Kota ")):
        if region.startswith(long):
            region = short + region[len(long) :]
    words = [slugify(word) for word in region.split()]
    return "-".join(word.capitalize() for word in words if word)


def download_name(book: Book) -> str:
    """``Buku-2-Masterplan-Kab-Pekalongan-2024.pdf``: ASCII, no spaces, no quotes."""
    return f"Buku-{book.number}-Masterplan-{_region_part(book.plan)}-{book.plan.cohort.year}.pdf"


# --- Official front matter: what the coordinator enters for the printed books ----------------


class ApprovalPage(TrackedModel):
    """The lembar pengesahan of a plan's books: who signs, where, when, under which regulation."""

    plan = models.OneToOneField(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="approval_page"
    )
    head_name = models.CharField(_("head of region: name"), max_length=120, blank=True)
    head_nip = models.CharField(_("head of region: NIP"), max_length=30, blank=True)
    head_position = models.CharField(_("head of region: position"), max_length=120, blank=True)
    secretary_name = models.CharField(_("regional secretary: name"), max_length=120, blank=True)
    secretary_nip = models.CharField(_("regional secretary: NIP"), max_length=30, blank=True)
    secretary_position = models.CharField(
        _("regional secretary: position"), max_length=120, blank=True
    )
    place = models.CharField(_("place"), max_length=80, blank=True)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    regulation_number = models.CharField(
        _("regulation adopting the plan (Perbup/Perwal)"), max_length=160, blank=True
    )

    objects = ScopedQuerySet.as_manager()
    region_path = "plan__region"

    class Meta:
        verbose_name = _("approval page")
        verbose_name_plural = _("approval pages")

    def __str__(self) -> str:
        return f"{self.plan} – {_('approval page')}"


class Abbreviation(TrackedModel):
    """One of the region's own entries of the daftar singkatan (besides the shipped list)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="abbreviations"
    )
    term = models.CharField(_("abbreviation"), max_length=30)
    meaning = models.CharField(_("meaning"), max_length=200)

    objects = ScopedQuerySet.as_manager()
    region_path = "plan__region"

    class Meta:
        verbose_name = _("abbreviation")
        verbose_name_plural = _("abbreviations")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "term"], name="abbreviation_unique_term"),
        ]

    def __str__(self) -> str:
        return f"{self.term} – {self.meaning}"
