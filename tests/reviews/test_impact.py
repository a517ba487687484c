"""Change impact: a change after sign-off flags exactly the sections built from the record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checks.registry import run_checks
from dimensions.models import StrategicIssue, Strategy
from exports.services import ExportRefused, book_checks, book_finalise
from masterplan.models import AuditEvent, Book, Section
from masterplan.services import record_delete, record_save
from programs.models import BudgetLine
from reviews import services
from reviews.impact import ReviewFlag, flags_override
from tests import factories
from tests.conftest import Kept

pytestmark = pytest.mark.django_db


def _sign_off_everything(plan, mentor) -> None:
    for section in Section.objects.filter(book__plan=plan):
        services.section_approve(section=section, by=mentor)


def _flagged(plan) -> set[tuple[int, str]]:
    return {
        (flag.section.book.number, flag.section.key)
        for flag in ReviewFlag.objects.of_plan(plan).open().select_related("section__book")
    }


def _build_gov(world) -> dict:
    plan = world.plan_a
    element = factories.element("GOV", "SRV")
    programme = factories.programme(plan, element, name="ALDINO", is_flagship=True)
    other = factories.programme(plan, factories.element("ECO", "IND"), name="Pasar daring")
    line = BudgetLine.objects.create(
        programme=programme,
        year=2027,
        funding_source=factories.funding_source(),
        amount=850_000_000,
    )
    issue = StrategicIssue.objects.create(
        plan=plan, dimension=element.dimension, element=element, title="Layanan belum terpadu"
    )
    eco = factories.element("ECO", "IND")
    strategy = Strategy.objects.create(
        plan=plan, dimension=eco.dimension, element=eco, strategy="S"
    )
    strategy.issues.add(issue)
    _sign_off_everything(plan, world.mentor_a)
    return {"programme": programme, "other": other, "line": line, "issue": issue}


@pytest.fixture(scope="module")
def _signed_off(_module_world, django_db_blocker):
    """Plan A's records and the mentor's sign-off of every section, built once for the file
    (most of each test's time went into the sign-off); each test's writes are rolled back."""
    kept = Kept("records signed off", lambda: _build_gov(_module_world.fresh()))
    kept.open(django_db_blocker)
    yield kept
    kept.close()


@pytest.fixture
def gov(world, _signed_off):
    return _signed_off.fresh()


PROGRAMME_SECTIONS = {
    (2, "program--gov"),
    (2, "rencana-aksi"),
    (2, "peta-jalan"),
    (2, "pembiayaan"),
    (3, "daftar-quick-win"),
    (3, "rincian-program"),
    (3, "jadwal-tata-kelola"),
    (4, "ringkasan-dimensi--gov"),
    (4, "program-prioritas"),
    (4, "peta-jalan-ringkas"),
    (4, "kelembagaan-pembiayaan"),
}


def test_it_flags_exactly_the_dependents_of_a_changed_budget_line(world, gov):
    line = gov["line"]
    line.amount = 1_100_000_000
    record_save(line, by=world.editor_a, based_on=line.version)
    assert _flagged(world.plan_a) == PROGRAMME_SECTIONS
    cause = ReviewFlag.objects.first().cause
    assert cause.startswith("Baris anggaran GOV-SRV-01 2027") or "GOV-SRV-01 2027" in cause
    assert "Rp 850 jt → Rp 1,1 M" in cause and world.editor_a.display_name in cause


def test_a_programme_that_is_no_flagship_leaves_buku_3_alone(world, gov):
    other = gov["other"]
    other.name = "Pasar daring terpadu"
    record_save(other, by=world.editor_a, based_on=other.version)
    assert _flagged(world.plan_a) == {
        (2, "program--eco"),
        (2, "rencana-aksi"),
        (2, "peta-jalan"),
        (2, "pembiayaan"),
        (4, "ringkasan-dimensi--eco"),
        (4, "peta-jalan-ringkas"),
        (4, "kelembagaan-pembiayaan"),
    }
    assert "“Pasar daring” → “Pasar daring terpadu”" in ReviewFlag.objects.first().cause


def test_the_flagship_book_follows_the_plans_outline(world, gov):
    """A cohort whose Buku 3 has no flagship chapters: Buku 3 is no flagship book, so its
    roadmap chapter shows every programme and a change of one that is no flagship reaches it;
    the flagships' list still shows flagships only."""
    Section.objects.filter(book__plan=world.plan_a, records="flagship_detail").update(records="")
    other = gov["other"]
    other.name = "Pasar daring terpadu"
    record_save(other, by=world.editor_a, based_on=other.version)
    flagged = _flagged(world.plan_a)
    assert (3, "jadwal-tata-kelola") in flagged
    assert (3, "daftar-quick-win") not in flagged


def test_the_flagship_chapters_in_another_book_make_it_the_flagship_book(world, gov):
    """The flagship chapters moved to Buku 4: Buku 4's programme chapters then show the
    flagships only (as checks.rules reads the same outline), Buku 3's roadmap all."""
    books = {book.number: book for book in world.plan_a.books.all()}
    Section.objects.filter(book=books[3], records="flagship_detail").update(book=books[4])
    other = gov["other"]
    other.name = "Pasar daring terpadu"
    record_save(other, by=world.editor_a, based_on=other.version)
    numbers = {number for number, _key in _flagged(world.plan_a)}
    assert numbers == {2, 3}


def test_a_changed_strategic_issue_flags_its_section_and_the_strategies_answering_it(world, gov):
    issue = gov["issue"]
    issue.title = "Layanan belum terintegrasi"
    record_save(issue, by=world.editor_a, based_on=issue.version)
    # the issue's own Buku 1 section (GOV), the strategies answering it (an ECO strategy)
    assert _flagged(world.plan_a) == {
        (1, "isu-strategis--isu-dimensi--gov"),
        (2, "strategi--eco"),
        (4, "ringkasan-dimensi--eco"),
    }


def test_a_deletion_flags_too_and_nothing_without_sign_off(world, gov):
    record_delete(gov["line"], by=world.editor_a)
    assert _flagged(world.plan_a) == PROGRAMME_SECTIONS
    assert "dihapus" in ReviewFlag.objects.first().cause
    # region B signed nothing off: its changes flag nothing
    programme_b = factories.programme(world.plan_b, name="Lain")
    programme_b.name = "Lain lagi"
    record_save(programme_b, by=world.editor_b, based_on=programme_b.version)
    assert not ReviewFlag.objects.of_plan(world.plan_b).exists()


def test_a_save_that_changes_nothing_flags_nothing(world, gov):
    programme = gov["programme"]
    record_save(programme, by=world.editor_a, based_on=programme.version)
    assert not ReviewFlag.objects.exists()


def test_sign_off_clears_the_flags_of_that_section_only(world, gov, client):
    line = gov["line"]
    line.amount = 900_000_000
    record_save(line, by=world.editor_a, based_on=line.version)
    section = Section.objects.get(book__plan=world.plan_a, key="rencana-aksi")
    client.force_login(world.mentor_a)
    response = client.post(reverse("reviews:section_approve", args=[section.pk]))
    assert response.status_code == 302
    assert (2, "rencana-aksi") not in _flagged(world.plan_a)
    assert len(_flagged(world.plan_a)) == len(PROGRAMME_SECTIONS) - 1
    cleared = ReviewFlag.objects.get(section=section)
    assert cleared.clearance == "signoff" and cleared.cleared_by == world.mentor_a


def test_open_flags_block_the_final_export_until_an_admin_overrides(world, gov):
    book = world.plan_a.books.get(number=2)
    Book.objects.filter(pk=book.pk).update(status=Book.Status.APPROVED)
    line = gov["line"]
    line.amount = 900_000_000
    record_save(line, by=world.editor_a, based_on=line.version)
    codes = {finding.code for finding in run_checks(world.plan_a) if finding.is_error}
    assert "review_flag_open" in codes
    with pytest.raises(ExportRefused) as refused:
        book_finalise(book=book, by=world.admin)
    assert any(f.code == "review_flag_open" for f in refused.value.findings)
    count = flags_override(
        plan=world.plan_a, book=book, by=world.admin, reason="Perubahan kecil, disetujui"
    )
    assert count == len([key for number, key in PROGRAMME_SECTIONS if number == 2])
    event = AuditEvent.objects.get(action="plan.review_flags_override")
    assert event.actor == world.admin and event.changes["reason"] == "Perubahan kecil, disetujui"
    assert event.changes["book"] == 2
    assert "review_flag_open" not in _flag_codes(book)
    # Buku 3 and 4 show the programme too: their flags stay open
    assert {number for number, _key in _flagged(world.plan_a)} == {3, 4}


def _flag_codes(book) -> set[str]:
    return {finding.code for finding in book_checks(book) if finding.severity == "error"}


def test_a_flag_blocks_the_final_export_of_its_own_book_only(world, gov):
    books = {book.number: book for book in world.plan_a.books.all()}
    # a programme that is no flagship: Buku 2 and 4 show it, Buku 3 does not
    other = gov["other"]
    other.name = "Pasar daring terpadu"
    record_save(other, by=world.editor_a, based_on=other.version)
    assert {number for number, _key in _flagged(world.plan_a)} == {2, 4}
    assert "review_flag_open" in _flag_codes(books[2])
    assert "review_flag_open" in _flag_codes(books[4])
    assert "review_flag_open" not in _flag_codes(books[3])
    assert "review_flag_open" not in _flag_codes(books[1])
    # the plan's checks page still lists every open flag
    assert "review_flag_open" in {finding.code for finding in run_checks(world.plan_a)}

    # Buku 3 goes final with Buku 2's flags open (the other checks are not this test's)
    Book.objects.filter(pk=books[3].pk).update(status=Book.Status.APPROVED)
    try:
        book_finalise(book=books[3], by=world.admin)
    except ExportRefused as refused:
        assert "review_flag_open" not in {f.code for f in refused.findings}
    Book.objects.filter(pk=books[2].pk).update(status=Book.Status.APPROVED)
    with pytest.raises(ExportRefused) as refused:
        book_finalise(book=books[2], by=world.admin)
    flagged = [f for f in refused.value.findings if f.code == "review_flag_open"]
    assert flagged and {f.book_number for f in flagged} == {2}


def test_a_flag_on_a_buku_3_chapter_blocks_buku_3_only(world, gov):
    books = {book.number: book for book in world.plan_a.books.all()}
    line = gov["line"]
    line.amount = 900_000_000
    record_save(line, by=world.editor_a, based_on=line.version)
    # the mentor looks at Buku 2 and 4 again; Buku 3's chapters stay flagged
    for number in (2, 4):
        for section in books[number].sections.all():
            services.section_approve(section=section, by=world.mentor_a)
    assert {number for number, _key in _flagged(world.plan_a)} == {3}
    assert "review_flag_open" in _flag_codes(books[3])
    for number in (1, 2, 4):
        assert "review_flag_open" not in _flag_codes(books[number])


def test_the_re_review_page_lists_causes_and_only_admins_override(world, gov, client):
    line = gov["line"]
    line.amount = 1_100_000_000
    record_save(line, by=world.editor_a, based_on=line.version)
    url = reverse("reviews:review_flags", args=[world.plan_a.pk])
    client.force_login(world.mentor_a)
    page = client.get(url)
    assert page.status_code == 200
    assert "Rp 850 jt → Rp 1,1 M" in page.text and "review-flag-override" not in page.text
    assert client.post(url, {"reason": "ok"}).status_code == 403
    client.force_login(world.admin)
    assert "review-flag-override" in client.get(url).text
    client.post(url, {"book": "semua", "reason": ""})
    assert ReviewFlag.objects.open().exists()  # a reason is required
    client.post(url, {"book": "semua", "reason": "Diterima pada rapat pleno"})
    assert not ReviewFlag.objects.open().exists()
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404


def test_the_mentor_dashboard_lists_what_needs_re_review(world, gov, client):
    line = gov["line"]
    line.amount = 1_100_000_000
    record_save(line, by=world.editor_a, based_on=line.version)
    client.force_login(world.mentor_a)
    page = client.get(reverse("reviews:mentor_dashboard"))
    assert page.status_code == 200
    assert "needs-rereview" in page.text
    assert reverse("reviews:review_flags", args=[world.plan_a.pk]) in page.text


def test_the_re_review_page_has_a_constant_number_of_queries(
    world, gov, client, django_assert_max_num_queries
):
    client.force_login(world.mentor_a)
    url = reverse("reviews:review_flags", args=[world.plan_a.pk])
    line = gov["line"]
    line.amount = 1
    record_save(line, by=world.editor_a, based_on=line.version)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for amount in (2, 3, 4):
        line.amount = amount
        record_save(line, by=world.editor_a, based_on=line.version)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
