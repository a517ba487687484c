"""Editions for the demo: Kabupaten Pekalongan's books were adopted (edition 1 of each, by
regulation), then Buku 2 was revised after the first annual review (edition 2, with its
redline). Made through the real flow: final export job → signal → frozen edition.

Rendering six PDFs takes about a minute, so ``seed_demo --editions`` asks for it (``make
run`` does); the test suite's demo leaves it out.

Seeding again restores the seeded values, Buku 2's too; ``edition_2_reapply`` then puts
back what edition 2 changed (read from the two frozen snapshots), so that the live Buku 2
equals its edition 2 after any number of runs.
"""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.db import transaction

from dimensions.models import Element
from editions.models import Edition
from editions.services import edition_adopt
from exports.hashing import book_content_hash
from exports.models import ExportJob
from exports.runner import export_run
from masterplan.editing import record_save
from masterplan.models import Book, Plan, Section, User
from programs.models import BudgetLine, Programme

# the regulation printed on the demo plan's approval page (demo/official.py)
REGULATION = ("Perbup No. 57/2024", date(2024, 11, 18))


def _final_export(book: Book, by: User) -> Edition | None:
    """Freeze the book and run its final export here (the signal freezes the edition)."""
    Book.objects.filter(pk=book.pk).update(status=Book.Status.FINAL)
    book.refresh_from_db()
    job = ExportJob.objects.create(
        book=book, requested_by=by, final=True, content_hash=book_content_hash(book, final=True)
    )
    export_run(job_id=job.pk)
    return Edition.objects.filter(export_job=job).defer("snapshot").first()


def _revise_buku_2(plan: Plan, by: User) -> None:
    """What the first annual review changed: a sentence, a budget, a programme moved to
    another element (renumbered) and a new programme."""
    section = (
        Section.objects.filter(book__plan=plan, book__number=2)
        .exclude(body="")
        .order_by("book", "order", "pk")
        .first()
    )
    if section is not None and " " in section.body:
        section.body = section.body.replace(
            "Masterplan", "Masterplan (revisi hasil evaluasi tahunan 2025)", 1
        )
        record_save(section, by=by, update_fields=["body"], note="Revisi edisi 2")
    line = BudgetLine.objects.filter(programme__plan=plan).order_by("pk").first()
    if line is not None:
        line.amount = line.amount + 250_000_000
        record_save(line, by=by, update_fields=["amount"], note="Revisi anggaran")
    moved = Programme.objects.filter(plan=plan).order_by("-code").first()
    if moved is not None:
        other = moved.dimension.elements.exclude(pk=moved.element_id).order_by("order").first()
        if other is not None:
            moved.element = other
            record_save(moved, by=by, note="Dipindah ke elemen lain")
    template = Programme.objects.filter(plan=plan).order_by("code").first()
    if template is not None:
        added = Programme(
            plan=plan,
            dimension=template.dimension,
            element=template.element,
            name="Mal Pelayanan Publik Digital Kajen",
            description="Satu pintu layanan perizinan dan kependudukan daring untuk seluruh "
            "kecamatan, hasil evaluasi tahunan 2025.",
            horizon=template.horizon,
            lead_agency=template.lead_agency,
        )
        record_save(added, by=by, note="Program baru edisi 2")


# What _revise_buku_2 changes: the fields a second seed restores and edition 2 puts back.
REVISED_FIELDS: dict[str, tuple[str, ...]] = {
    "masterplan.section": ("body",),
    "programs.budgetline": ("amount",),
    "programs.programme": ("element",),
}


def _snapshot_value(model, name: str, value, plan: Plan):
    """A snapshot's value as the field holds it (an element by its natural key)."""
    field = model._meta.get_field(name)
    if field.is_relation:
        if field.related_model is not Element:
            raise ValueError(f"{model._meta.label_lower}.{name}: no way back from {value!r}")
        dimension_code, code = value
        return Element.objects.get(
            dimension__framework=plan.framework, dimension__code=dimension_code, code=code
        )
    return field.to_python(value)


def edition_2_reapply(plan: Plan, by: User) -> int:
    """Put back into the live Buku 2 what its latest edition changed since edition 1 (a new
    seed restored the seeded values); how many records were saved. Records added by the
    revision stay: the seeder leaves what it did not make."""
    book = plan.books.filter(number=2).first()
    editions = list(Edition.objects.filter(book=book).order_by("number")) if book else []
    if len(editions) < 2:
        return 0
    first, last = editions[0].snapshot["records"], editions[-1].snapshot["records"]
    saved = 0
    for label, names in REVISED_FIELDS.items():
        model = apps.get_model(label)
        before = {row["uuid"]: row for row in first.get(label, [])}
        for row in last.get(label, []):
            old = before.get(row["uuid"])
            changed = [name for name in names if old is not None and old[name] != row[name]]
            record = model._default_manager.filter(uuid=row["uuid"]).first() if changed else None
            if record is None:
                continue
            values = {name: _snapshot_value(model, name, row[name], plan) for name in changed}
            if all(getattr(record, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(record, name, value)
            record_save(record, by=by, note="Revisi edisi 2")
            saved += 1
    return saved


@transaction.atomic
def seed_editions(plan: Plan, by: User) -> list[Edition]:
    """Edition 1 of each book (adopted) and edition 2 of Buku 2; when they exist already,
    only what edition 2 changed is put back into the live Buku 2."""
    if Edition.objects.filter(book__plan=plan).exists():
        edition_2_reapply(plan, by)
        return []
    made: list[Edition] = []
    books = list(plan.books.order_by("number"))
    statuses = {book.pk: book.status for book in books}
    for book in books:
        edition = _final_export(book, by)
        if edition is not None:
            made.append(
                edition_adopt(edition=edition, number=REGULATION[0], date=REGULATION[1], by=by)
            )
    buku_2 = next((book for book in books if book.number == 2), None)
    if buku_2 is not None:
        Book.objects.filter(pk=buku_2.pk).update(status=Book.Status.APPROVED)
        _revise_buku_2(plan, by)
        edition = _final_export(buku_2, by)
        if edition is not None:
            made.append(edition)
    # The demo stays a workspace: the books go back to where the workflow had them.
    for book in books:
        Book.objects.filter(pk=book.pk).update(status=statuses[book.pk])
    return made
