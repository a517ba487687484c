"""Each check fires on a plan broken in its one way, and stays silent on a clean plan."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template.loader import render_to_string
from django.utils.html import escape

from checks.registry import (
    CHECKS,
    ERROR,
    PORTAL_PAGES,
    WARNING,
    blocking,
    portal_url,
    run_checks,
    run_checks_bulk,
)
from dimensions.models import StrategicIssue, Strategy
from masterplan.models import Book, Institution, Plan, Section
from programs.models import BudgetLine, FlagshipIndicator, IndicatorTarget, Programme
from roadmap.models import Activity, RoadmapEntry
from tests import factories
from tests.checks.builders import clean_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return clean_plan()


def _programme(plan: Plan, code: str = "GOV-BUR-01") -> Programme:
    return Programme.objects.get(plan=plan, code=code)


def _quick_win(plan: Plan) -> Programme:
    return Programme.objects.get(plan=plan, code="GOV-SRV-01")


def add_unanswered_issue(plan):
    StrategicIssue.objects.create(
        plan=plan, dimension=factories.dimension("ECO"), title="Pasar tradisional sepi"
    )


def add_strategy_without_programme(plan):
    Strategy.objects.create(plan=plan, dimension=factories.dimension("SOC"), strategy="Tanpa aksi")


def drop_environment_programmes(plan):
    Programme.objects.filter(plan=plan, dimension=factories.dimension("ENV")).delete()


def drop_one_element(plan):
    _programme(plan).delete()


def drop_quick_win(plan):
    Programme.objects.filter(pk=_quick_win(plan).pk).update(is_quick_win=False)


def drop_lead_agency(plan):
    Programme.objects.filter(pk=_programme(plan).pk).update(lead_agency=None)


def drop_indicator_targets(plan):
    IndicatorTarget.objects.filter(indicator__programme=_programme(plan)).delete()


def drop_budget(plan):
    BudgetLine.objects.filter(programme=_programme(plan)).delete()


def drop_activities(plan):
    Activity.objects.filter(programme=_programme(plan)).delete()


def drop_roadmap(plan):
    # a roadmap year follows from a target, a budget line or an activity too
    programme = _programme(plan)
    RoadmapEntry.objects.filter(programme=programme).delete()
    IndicatorTarget.objects.filter(indicator__programme=programme).delete()
    BudgetLine.objects.filter(programme=programme).delete()
    Activity.objects.filter(programme=programme).delete()


def drop_before_after(plan):
    FlagshipIndicator.objects.filter(programme=_quick_win(plan)).delete()


def drop_beneficiaries(plan):
    Programme.objects.filter(pk=_quick_win(plan).pk).update(beneficiaries="")


def move_activity_out(plan):
    activity = Activity.objects.filter(programme=_programme(plan)).first()
    # update() skips clean(): the plan period may also shrink after the fact
    Activity.objects.filter(pk=activity.pk).update(year=2040)


def move_roadmap_out(plan):
    entry = RoadmapEntry.objects.filter(programme=_programme(plan)).first()
    RoadmapEntry.objects.filter(pk=entry.pk).update(year=2040)


def move_budget_out(plan):
    line = BudgetLine.objects.filter(programme=_programme(plan)).first()
    BudgetLine.objects.filter(pk=line.pk).update(year=2040)


def unbalance_roadmap(plan):
    entry = RoadmapEntry.objects.get(programme=_programme(plan), year=2026)
    RoadmapEntry.objects.filter(pk=entry.pk).update(budget=entry.budget + 1)


def fund_from_one_source(plan):
    BudgetLine.objects.filter(
        programme=_programme(plan), funding_source=factories.funding_source("APBN")
    ).update(funding_source=factories.funding_source("APBD-KAB"), status=BudgetLine.Status.BUDGETED)


def empty_a_chapter(plan):
    Section.objects.filter(
        book__plan=plan, book__number=1, key="pendahuluan--latar-belakang"
    ).update(body="")


def add_an_unwritten_optional_section(plan):
    book = plan.books.get(number=2)
    Section.objects.create(
        book=book, key="lampiran-kosong", title="Lampiran", required=False, order=999
    )


def drop_council_decree(plan):
    Institution.objects.filter(plan=plan, kind=Institution.Kind.COUNCIL).update(decree_number="")


def drop_forum(plan):
    Institution.objects.filter(plan=plan, kind=Institution.Kind.FORUM).delete()


def empty_hr_chapter(plan):
    Section.objects.filter(book__plan=plan, key__endswith="sdm").update(body="")


def submit_book_two(plan):
    Book.objects.filter(plan=plan, number=2).update(status=Book.Status.SUBMITTED)


def leave_a_comment_open(plan):
    from reviews.services import comment_create

    section = Section.objects.filter(book__plan=plan).first()
    mentor = factories.UserFactory(username="pendamping-cek")
    factories.mentor(mentor, plan.region)
    comment_create(target=section, by=mentor, body="<p>Mohon lengkapi data dukung.</p>")


def change_a_signed_off_programme(plan):
    from masterplan.services import record_save
    from reviews.services import section_approve

    mentor = factories.UserFactory(username="pendamping-reviu")
    factories.mentor(mentor, plan.region)
    section = Section.objects.get(book__plan=plan, key="rencana-aksi")
    section_approve(section=section, by=mentor)
    programme = _programme(plan)
    programme.name = f"{programme.name} (revisi)"
    record_save(programme, by=None, based_on=programme.version)


CASES: dict[str, Callable[[Plan], None]] = {
    "issue_without_strategy": add_unanswered_issue,
    "strategy_without_programme": add_strategy_without_programme,
    "dimension_without_programme": drop_environment_programmes,
    "element_without_programme": drop_one_element,
    "dimension_without_quick_win": drop_quick_win,
    "programme_without_lead_agency": drop_lead_agency,
    "programme_without_indicator": drop_indicator_targets,
    "programme_without_budget": drop_budget,
    "programme_without_activities": drop_activities,
    "programme_without_roadmap": drop_roadmap,
    "flagship_without_before_after": drop_before_after,
    "flagship_without_beneficiaries": drop_beneficiaries,
    "activity_outside_period": move_activity_out,
    "roadmap_outside_period": move_roadmap_out,
    "budget_outside_period": move_budget_out,
    "budget_roadmap_mismatch": unbalance_roadmap,
    "single_funding_source": fund_from_one_source,
    "required_section_empty": empty_a_chapter,
    "section_unwritten": add_an_unwritten_optional_section,
    "institution_without_decree": drop_council_decree,
    "forum_meetings_missing": drop_forum,
    "hr_plan_missing": empty_hr_chapter,
    "section_without_signoff": submit_book_two,
    "unresolved_comments": leave_a_comment_open,
    "review_flag_open": change_a_signed_off_programme,
}


def test_it_finds_nothing_on_a_clean_plan(plan):
    assert run_checks(plan) == []


def test_every_registered_check_has_its_case_here():
    assert set(CASES) == set(CHECKS)


@pytest.mark.parametrize("code", list(CASES))
def test_it_fires_the_check_on_a_plan_broken_its_way(plan, code):
    CASES[code](plan)

    findings = run_checks(plan)

    fired = [finding for finding in findings if finding.code == code]
    assert fired, f"{code} did not fire: {[f.code for f in findings]}"
    for finding in fired:
        assert finding.severity == CHECKS[code].severity
        assert finding.plan_id == plan.pk
        assert finding.message and "%(" not in finding.message
    if code != "hr_plan_missing":
        assert all(finding.get_url() for finding in fired)


def test_a_record_finding_names_its_record_and_links_to_its_page(plan):
    drop_lead_agency(plan)
    programme = _programme(plan)

    (finding,) = [f for f in run_checks(plan) if f.code == "programme_without_lead_agency"]

    assert finding.model == "programs.programme"
    assert finding.uuid == programme.uuid
    assert finding.target.label == str(programme)
    portal = portal_url("programs:programme_detail", plan.pk, programme.pk)
    admin = f"/admin/programs/programme/{programme.pk}/change/"
    assert finding.get_url() == (portal or admin)
    assert finding.is_error


def test_a_record_without_a_portal_page_links_to_the_admin(plan, monkeypatch):
    monkeypatch.setitem(PORTAL_PAGES, "programs.programme", ("no_such_page", ("pk",)))
    drop_lead_agency(plan)

    (finding,) = [f for f in run_checks(plan) if f.code == "programme_without_lead_agency"]

    assert finding.get_url() == f"/admin/programs/programme/{_programme(plan).pk}/change/"


def test_a_mismatch_says_both_amounts(plan):
    unbalance_roadmap(plan)

    (finding,) = [f for f in run_checks(plan) if f.code == "budget_roadmap_mismatch"]

    assert "2026" in finding.message
    assert "Rp 150.000.000" in finding.message
    assert "Rp 150.000.001" in finding.message


def test_a_missing_team_is_flagged_too(plan):
    Institution.objects.filter(plan=plan, kind=Institution.Kind.TEAM).delete()

    (finding,) = [f for f in run_checks(plan) if f.code == "institution_without_decree"]

    assert finding.target is None
    assert finding.get_url() in (
        portal_url("dimensions:institution_list", plan.pk),
        f"/admin/masterplan/institution/add/?plan={plan.pk}&kind=team",
    )


def test_errors_come_first_and_only_errors_block(plan):
    drop_council_decree(plan)
    drop_lead_agency(plan)

    findings = run_checks(plan)

    assert [f.severity for f in findings] == [ERROR, WARNING]
    assert [f.code for f in blocking(findings)] == ["programme_without_lead_agency"]


def test_the_message_is_translated_when_shown_not_when_checked(plan):
    from django.utils.functional import Promise

    drop_forum(plan)
    (finding,) = run_checks(plan)
    assert isinstance(finding.template, Promise)
    assert str(finding) == finding.message


def test_bulk_gives_each_plan_its_own_findings():
    cohort = factories.CohortFactory()
    broken, clean = clean_plan(cohort=cohort), clean_plan(cohort=cohort)
    drop_lead_agency(broken)

    findings = run_checks_bulk([broken, clean])

    assert [f.code for f in findings[broken.pk]] == ["programme_without_lead_agency"]
    assert findings[clean.pk] == []
    assert findings[broken.pk] == run_checks(broken)


def test_the_findings_partial_lists_messages_and_links(plan):
    drop_lead_agency(plan)
    drop_forum(plan)

    html = render_to_string("checks/_findings.html", {"findings": run_checks(plan)})

    assert "GOV-BUR-01" in html
    for finding in run_checks(plan):
        assert escape(finding.get_url()) in html
    assert "text-bg-danger" in html and "text-bg-warning" in html


def test_the_findings_partial_says_when_all_is_well(plan):
    html = render_to_string("checks/_findings.html", {"findings": []})
    assert "alert-success" in html


def test_a_signed_off_section_is_not_flagged_until_it_changes(plan):
    from reviews.models import SectionApproval

    submit_book_two(plan)
    sections = list(Section.objects.filter(book__plan=plan, book__number=2, required=True))
    for section in sections:
        SectionApproval.objects.create(section=section, approved_version=section.version)
    assert not [f for f in run_checks(plan) if f.code == "section_without_signoff"]
    edited = sections[0]
    edited.body = "<p>Diubah setelah disetujui</p>"
    edited.save()
    flagged = [f for f in run_checks(plan) if f.code == "section_without_signoff"]
    assert len(flagged) == 1
