"""The content hash of a book: what a stored PDF was built from (same hash, same PDF)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

from masterplan.models import Book, Plan
from masterplan.registry import PlanRecordKind, plan_record_kinds

# Plan records that no printed book shows, and why: changing them keeps the stored PDFs.
# Every other kind of plan record is in the content hash (tests/exports/test_content_hash.py).
_IN_THE_EVALUATION_REPORT = "implementation is printed in the evaluation report, not a book"
NOT_HASHED: dict[str, str] = {
    "reviews.comment": "review remarks are not printed",
    "reviews.booktransition": "the review trail is not printed (the book's status is hashed)",
    "reviews.sectionapproval": "sign-offs are not printed",
    "reviews.reviewflag": "re-review flags are review state, not printed",
    "reviews.suggestion": "suggestions are not printed (an accepted one changed its record)",
    "monitoring.programmereport": _IN_THE_EVALUATION_REPORT,
    "monitoring.indicatorrealisation": _IN_THE_EVALUATION_REPORT,
    "monitoring.budgetrealisation": _IN_THE_EVALUATION_REPORT,
}


def hashed_kinds() -> list[PlanRecordKind]:
    """The kinds of plan record a book is built from."""
    return [kind for kind in plan_record_kinds() if kind.label not in NOT_HASHED]


@cache
def code_fingerprint() -> str:
    """Changing a print template, the stylesheet or the renderer invalidates cached files."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder, pattern in (
        (base / "templates" / "exports", "**/*.html"),
        (base / "static" / "print", "**/*"),
        (Path(__file__).parent, "*.py"),
    ):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def book_content_hash(book: Book, *, final: bool) -> str:
    """A hash of everything the book is built from: one query per kind of record.

    Tracked records contribute (pk, version): any save bumps the version, a deletion
    drops the pair. Untracked rows contribute all their fields; the region and the cohort
    (no plan records) their shown fields. Books, sections and what hangs on them count
    for their own book only.
    """
    plan = book.plan
    digest = hashlib.sha256()
    digest.update(code_fingerprint().encode())
    digest.update(f"final={final}".encode())
    region = plan.region
    # str(): a fresh instance holds enum members where a fetched one holds plain strings.
    shown = (region.name, region.province, region.kind, region.logo.name, plan.cohort.name)
    shown += (plan.pk, plan.version, book.pk, book.version, book.status)
    digest.update("|".join(str(value) for value in shown).encode())
    for kind in hashed_kinds():
        if kind.tracked:
            fields = ["pk", "version"]
        else:
            fields = ["pk", *(field.attname for field in kind.model._meta.concrete_fields)]
        rows = kind.of_book(book).order_by("pk").values_list(*fields)
        digest.update(kind.label.encode())
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


def complete_content_hash(plan: Plan, *, final: bool) -> str:
    """The complete document is its four books: the hashes of the books, in order."""
    digest = hashlib.sha256(f"complete|final={final}".encode())
    for book in plan.books.select_related("plan__region", "plan__cohort").order_by("number"):
        digest.update(book_content_hash(book, final=final).encode())
    return digest.hexdigest()
