"""A finding about one book's content holds up that book's final export only; a finding about
what several books print holds them all up."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from checks.registry import run_checks
from exports.services import blocking_findings, book_checks
from masterplan.models import Plan, Section
from programs.models import FlagshipIndicator, Programme
from tests.checks.builders import clean_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return clean_plan()


def _books(plan: Plan) -> dict:
    return {book.number: book for book in plan.books.all()}


def _blocking_codes(book) -> set[str]:
    return {finding.code for finding in blocking_findings(book_checks(book))}


def _quick_win(plan: Plan) -> Programme:
    return Programme.objects.filter(plan=plan, is_quick_win=True).order_by("code").first()


def test_it_blocks_buku_3_and_not_buku_1_for_a_flagship_without_before_after(plan):
    FlagshipIndicator.objects.filter(programme=_quick_win(plan)).delete()
    (finding,) = [f for f in run_checks(plan) if f.code == "flagship_without_before_after"]
    assert finding.book_number == 3 and finding.is_error
    books = _books(plan)
    assert _blocking_codes(books[3]) == {"flagship_without_before_after"}
    for number in (1, 2, 4):
        assert _blocking_codes(books[number]) == set(), number


def test_it_blocks_buku_3_only_for_a_flagship_without_beneficiaries(plan):
    Programme.objects.filter(pk=_quick_win(plan).pk).update(beneficiaries="")
    books = _books(plan)
    assert _blocking_codes(books[3]) == {"flagship_without_beneficiaries"}
    assert _blocking_codes(books[1]) == set()


def test_the_flagship_book_follows_the_plans_outline(plan):
    """A cohort may print the flagship chapters in another book."""
    books = _books(plan)
    Section.objects.filter(book=books[3], records="flagship_detail").update(book=books[4])
    FlagshipIndicator.objects.filter(programme=_quick_win(plan)).delete()
    assert "flagship_without_before_after" in _blocking_codes(books[4])
    assert "flagship_without_before_after" not in _blocking_codes(books[3])


def test_an_empty_chapter_blocks_its_own_book_only(plan):
    books = _books(plan)
    section = books[1].sections.filter(required=True).order_by("order").first()
    Section.objects.filter(pk=section.pk).update(body="")
    (finding,) = [f for f in run_checks(plan) if f.code == "required_section_empty"]
    assert finding.book_number == 1
    assert _blocking_codes(books[1]) == {"required_section_empty"}
    assert _blocking_codes(books[3]) == set()


def test_a_plan_wide_finding_blocks_every_book(plan):
    Programme.objects.filter(pk=_quick_win(plan).pk).update(lead_agency=None)
    (finding,) = [f for f in run_checks(plan) if f.code == "programme_without_lead_agency"]
    assert finding.book_number is None
    for number, book in _books(plan).items():
        assert "programme_without_lead_agency" in _blocking_codes(book), number


def test_the_findings_list_says_which_book_a_finding_holds_up(plan):
    FlagshipIndicator.objects.filter(programme=_quick_win(plan)).delete()
    Programme.objects.filter(pk=_quick_win(plan).pk).update(lead_agency=None)
    html = render_to_string("checks/_findings.html", {"findings": run_checks(plan)})
    assert html.count("finding-book") == 1  # the flagship's; the lead agency is plan-wide


def test_every_check_says_in_its_docstring_which_books_it_holds_up():
    from checks.registry import CHECKS

    vague = [
        code
        for code, item in CHECKS.items()
        if "Plan-wide" not in (item.func.__doc__ or "")
        and "One book" not in (item.func.__doc__ or "")
    ]
    assert not vague
