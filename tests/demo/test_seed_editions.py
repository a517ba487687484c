"""``seed_demo --editions`` run again: the seed restores its values, and the live Buku 2
of Kabupaten Pekalongan still equals its edition 2 (what the revision changed is put back),
after any number of runs, with or without ``--editions``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from editions.models import Edition
from editions.redline import redline
from editions.snapshot import book_snapshot
from exports.render import RenderResult
from masterplan.models import Plan
from tests.exports.conftest import _eager_celery, _export_storage  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans")]


@pytest.fixture(autouse=True)
def _fast_renders(monkeypatch, settings):
    """Stand-in PDFs (the renderer has its own tests): the flow is what is tested here."""
    settings.EXPORT_SYNCHRONOUS = True
    monkeypatch.setattr(
        "exports.render.render_book",
        lambda book, **kwargs: RenderResult(pdf=b"%PDF-1.7\n% demo\n", pages=3),
    )
    monkeypatch.setattr(
        "editions.redline.render_redline_pdf",
        lambda book, **kwargs: RenderResult(pdf=b"%PDF-1.7\n% redline\n", pages=1),
    )


def seed(**options) -> None:
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO(), **options)


def buku_2_against_its_edition_2():
    book = Plan.objects.get(region__slug="pekalongan", cohort__year=2024).books.get(number=2)
    edition = Edition.objects.get(book=book, number=2)
    return redline(edition.snapshot, book_snapshot(book)), book


def test_the_live_buku_2_stays_its_edition_2_after_any_number_of_runs():
    seed(editions=True)
    result, book = buku_2_against_its_edition_2()
    assert result.changed_nodes == [] and result.programmes == []
    revision = redline(Edition.objects.get(book=book, number=1).snapshot, book_snapshot(book))
    assert revision.changed_nodes and revision.programmes  # edition 2 did change Buku 2

    for options in ({"editions": True}, {"editions": True}, {}):
        seed(**options)
        result, book = buku_2_against_its_edition_2()
        changed = [(node.number, node.title) for node in result.changed_nodes]
        assert changed == [] and result.programmes == [], options
    assert Edition.objects.filter(book__plan=book.plan).count() == 5  # 4 books + Buku 2's second
