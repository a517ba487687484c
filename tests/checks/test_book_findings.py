"""A finding about one book's content holds up that book's final export only; a finding about
records holds up the books that print them (read from the plan's outline), and only those."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from checks.registry import Finding, run_checks
from exports.services import blocking_findings, book_checks
from masterplan.models import Plan, Section
from programs.models import FlagshipIndicator, Programme
from tests import factories
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
    assert finding.books == {3} and finding.book_number == 3 and finding.is_error
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


def test_a_programme_finding_holds_up_buku_2_3_and_4_and_not_buku_1(plan):
    Programme.objects.filter(pk=_quick_win(plan).pk).update(lead_agency=None)
    (finding,) = [f for f in run_checks(plan) if f.code == "programme_without_lead_agency"]
    assert finding.books == {2, 3, 4} and finding.book_number is None
    books = _books(plan)
    assert _blocking_codes(books[1]) == set()
    for number in (2, 3, 4):
        assert _blocking_codes(books[number]) == {"programme_without_lead_agency"}, number


@pytest.mark.parametrize(
    "code",
    [
        "programme_without_indicator",
        "programme_without_budget",
        "programme_without_activities",
        "programme_without_roadmap",
    ],
)
def test_no_programme_finding_holds_up_buku_1(plan, code):
    """A programme without anything: each programme check names Buku 2–4, never Buku 1."""
    programme = factories.programme(plan, _quick_win(plan).element, name="Kosong")
    findings = [f for f in run_checks(plan) if f.code == code and f.target.pk == programme.pk]
    assert findings and all(f.books == {2, 3, 4} for f in findings), findings
    books = _books(plan)
    assert code not in _blocking_codes(books[1])
    assert code in _blocking_codes(books[2])


def test_the_books_of_a_programme_finding_follow_the_plans_outline(plan):
    """A cohort whose Buku 4 prints no programme: Buku 4 is not held up either."""
    books = _books(plan)
    Section.objects.filter(book=books[4]).update(records="")
    Programme.objects.filter(pk=_quick_win(plan).pk).update(lead_agency=None)
    (finding,) = [f for f in run_checks(plan) if f.code == "programme_without_lead_agency"]
    assert finding.books == {2, 3}
    assert "programme_without_lead_agency" not in _blocking_codes(books[4])


def test_a_finding_about_what_no_book_prints_holds_up_every_book(plan):
    books = _books(plan)
    Section.objects.filter(book__plan=plan).update(records="")
    Programme.objects.filter(pk=_quick_win(plan).pk).update(lead_agency=None)
    (finding,) = [f for f in run_checks(plan) if f.code == "programme_without_lead_agency"]
    assert finding.books == frozenset()
    for number, book in books.items():
        assert "programme_without_lead_agency" in _blocking_codes(book), number


def test_a_finding_without_books_concerns_every_book():
    finding = Finding(code="programme_without_budget", severity="error", template="x")
    assert all(finding.concerns_book(number) for number in (1, 2, 3, 4, 5))
    several = Finding(
        code="programme_without_budget", severity="error", template="x", books=frozenset({2, 4})
    )
    assert [n for n in (1, 2, 3, 4) if several.concerns_book(n)] == [2, 4]
    assert several.book_number is None
    with translation.override("en"):
        assert several.books_label == "2 and 4"


def test_the_findings_list_says_which_books_a_finding_holds_up(plan):
    FlagshipIndicator.objects.filter(programme=_quick_win(plan)).delete()
    Programme.objects.filter(pk=_quick_win(plan).pk).update(lead_agency=None)
    with translation.override("en"):
        html = render_to_string("checks/_findings.html", {"findings": run_checks(plan)})
    assert html.count("finding-book") == 2
    assert "holds up Buku 3 only" in html
    assert "holds up Buku 2, 3 and 4 only" in html


def test_the_badge_names_the_books_in_indonesian(plan):
    Programme.objects.filter(pk=_quick_win(plan).pk).update(lead_agency=None)
    with translation.override("id"):
        html = render_to_string("checks/_findings.html", {"findings": run_checks(plan)})
    assert "hanya menahan Buku 2, 3 dan 4" in html


def test_every_check_says_in_its_docstring_which_books_it_holds_up():
    from checks.registry import CHECKS

    says = ("Plan-wide", "One book", "Books that print", "flagship book only")
    vague = [
        code
        for code, item in CHECKS.items()
        if not any(words in (item.func.__doc__ or "") for words in says)
    ]
    assert not vague


def test_the_kinds_the_checks_read_are_kinds_a_section_shows():
    """A typo in a kind would silently make a finding hold up every book."""
    from checks import rules
    from reviews.impact import SECTION_SHOWS

    programme_fields = (
        rules.LEAD_AGENCY + rules.BUDGET + rules.ACTIVITIES + rules.TARGETS + rules.ROADMAP
    )
    assert set(programme_fields + rules.QUICK_WINS) <= set(rules.PROGRAMMES)
    kinds = rules.PROGRAMMES + rules.STRATEGIES + rules.INSTITUTIONS + rules.FINANCING
    assert set(kinds) <= set(SECTION_SHOWS)
