"""The content hash of a book changes with every kind of plan record, so a stored PDF is
never served for a book that changed. The kinds come from the registry, not from a list
here: a new kind of record is tested the day it exists."""

from __future__ import annotations

import pytest

from exports.services import NOT_HASHED, book_content_hash
from masterplan.models import Book, Plan
from masterplan.registry import PlanRecordKind, plan_record_kinds
from tests.api.conftest import build_records

pytestmark = pytest.mark.django_db


def book_of(kind: PlanRecordKind, row, plan: Plan) -> Book:
    """The book the row is printed in: its own, or the first for records of the whole plan."""
    if kind.book_path is None:
        return plan.books.order_by("number").first()
    if kind.book_path == "":
        return row
    rows = kind.model._base_manager.filter(pk=row.pk)
    return Book.objects.get(pk=rows.values_list(kind.book_path, flat=True).get())


def hash_of(book: Book) -> str:
    return book_content_hash(Book.objects.get(pk=book.pk), final=False)


def test_saving_any_kind_of_record_changes_the_hash_of_its_book(world):
    plan = world.plan_a
    build_records(plan)
    wrong = []
    for kind in plan_record_kinds():
        if not kind.tracked:
            continue  # untracked rows change by being added or removed (below)
        row = kind.of_plan(plan).first()
        book = book_of(kind, row, plan)
        before = hash_of(book)
        row.save()  # what every edit does: a new version
        if (hash_of(book) != before) != (kind.label not in NOT_HASHED):
            wrong.append(kind.label)
    assert wrong == [], "the content hash ignores (or wrongly follows) these kinds"


def test_deleting_any_kind_of_record_changes_the_hash_of_its_book(world):
    plan = world.plan_a
    build_records(plan)
    wrong = []
    # children first, so that each kind still has its row when its turn comes
    for kind in reversed(plan_record_kinds()):
        if kind.label in {"masterplan.plan", "masterplan.book"}:
            continue  # deleting them leaves no book to hash
        rows = kind.of_plan(plan)
        row = rows.first()
        book = book_of(kind, row, plan)
        before = hash_of(book)
        rows.delete()
        if (hash_of(book) != before) != (kind.label not in NOT_HASHED):
            wrong.append(kind.label)
    assert wrong == [], "the content hash ignores (or wrongly follows) these kinds"


def test_a_change_in_another_book_or_plan_leaves_the_hash_alone(world):
    build_records(world.plan_a)
    build_records(world.plan_b)
    book_1 = world.plan_a.books.get(number=1)
    before = hash_of(book_1)
    for section in world.plan_a.books.get(number=2).sections.all()[:3]:
        section.save()
    for kind in plan_record_kinds():
        if kind.tracked:
            for row in kind.of_plan(world.plan_b):
                row.save()
    assert hash_of(book_1) == before
