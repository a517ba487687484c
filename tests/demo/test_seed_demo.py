from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import F, Q, Sum

from dimensions.models import (
    Dimension,
    Element,
    PillarAspect,
    ReadinessAssessment,
    StrategicIssue,
    SwotItem,
)
from masterplan.models import Cohort, Membership, MentorAssignment, Plan, Section, User
from programs.models import BudgetLine, IndicatorTarget, Programme
from roadmap.models import Activity, RoadmapEntry

PROJECT_APPS = ["masterplan", "dimensions", "programs", "roadmap"]
PASSWORD = "kotacerdas2024"

# seeded once with --size large for every test of the demo (tests/conftest.py)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_plans"), pytest.mark.smoke]


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def pekalongan() -> Plan:
    return Plan.objects.get(region__slug="pekalongan", cohort__year=2024)


def test_it_adds_nothing_when_run_again():
    before = row_counts()
    versions = sorted(Programme.objects.values_list("pk", "version"))
    sections = sorted(Section.objects.values_list("pk", "version", "body"))

    output = seed()

    assert row_counts() == before
    assert sorted(Programme.objects.values_list("pk", "version")) == versions
    assert sorted(Section.objects.values_list("pk", "version", "body")) == sections
    assert "Kabupaten Pekalongan" in output


def test_it_keeps_a_password_changed_since():
    user = User.objects.get(username="editor")
    user.set_password("sudah-diganti-2025")
    user.save()

    seed()

    user.refresh_from_db()
    assert user.check_password("sudah-diganti-2025")


def test_it_builds_the_2024_cohort_with_four_books_and_stages():
    cohort = Cohort.objects.get(year=2024)
    assert cohort.name == "Menuju Kota Cerdas 2024"
    assert cohort.framework.code == "kominfo-2017"
    assert cohort.book_templates.count() == 4
    stage_3 = cohort.stages.get(number=3)
    assert (stage_3.starts_on, stage_3.ends_on) == (
        datetime.date(2024, 7, 30),
        datetime.date(2024, 7, 31),
    )
    assert cohort.stages.count() == 4


def test_it_builds_pekalongan_with_its_profile_and_vision():
    plan = pekalongan()
    assert plan.region.code == "33.26"
    assert plan.region.province == "Jawa Tengah"
    assert (plan.start_year, plan.end_year) == (2025, 2034)
    assert plan.vision
    assert len(plan.missions) >= 3
    assert plan.rpjmd_reference
    assert plan.profile.districts == 19
    assert plan.profile.villages == 285
    assert plan.region.agencies.count() >= 20
    assert plan.books.count() == 4
    assert plan.institutions.count() == 3
    assert all(i.members.exists() and i.decree_number for i in plan.institutions.all())


def test_it_writes_the_main_chapters_of_every_book():
    plan = pekalongan()
    for book in plan.books.all():
        roots = book.sections.filter(parent=None)
        assert roots.exists()
        assert not roots.filter(body="").exists(), f"empty chapter in {book}"
        filled = book.sections.exclude(body="").count()
        assert filled >= 0.8 * book.sections.count(), f"too many empty sections in {book}"
    buku_4 = plan.books.get(number=4)
    assert "Fadia A. Rafik" in buku_4.sections.get(key="kata-pengantar").body
    assert buku_4.sections.get(key="lembar-komitmen").body
    buku_1 = plan.books.get(number=1)
    assert "65 peserta dari 40 lembaga" in buku_1.sections.get(key="pendahuluan--metodologi").body


def test_it_assesses_every_pillar_aspect():
    plan = pekalongan()
    aspects = set(PillarAspect.objects.filter(pillar__framework=plan.framework))
    assessed = ReadinessAssessment.objects.filter(plan=plan)
    assert {a.aspect for a in assessed} == aspects
    assert not assessed.filter(Q(narrative="") | Q(evidence="") | Q(rating="")).exists()


def test_it_gives_every_dimension_swot_items_and_strategic_issues():
    plan = pekalongan()
    for dimension in Dimension.objects.filter(framework=plan.framework):
        kinds = set(
            SwotItem.objects.filter(plan=plan, dimension=dimension).values_list("kind", flat=True)
        )
        assert kinds == {"S", "W", "O", "T"}, dimension.code
        issues = StrategicIssue.objects.filter(plan=plan, dimension=dimension).count()
        assert 2 <= issues <= 3, dimension.code
    assert not StrategicIssue.objects.filter(plan=plan, strategies=None).exists()
    assert plan.gap_items.count() >= 5
    assert plan.innovations.count() >= 8
    assert plan.goals.exclude(target="").count() >= 6


def test_it_has_thirty_programmes_covering_all_eighteen_elements():
    plan = pekalongan()
    programmes = Programme.objects.filter(plan=plan)
    assert programmes.count() >= 30
    elements = Element.objects.filter(dimension__framework=plan.framework)
    assert set(programmes.values_list("element", flat=True)) == set(
        elements.values_list("pk", flat=True)
    )
    for programme in programmes.prefetch_related("indicators__targets"):
        assert programme.code.startswith(f"{programme.dimension.code}-{programme.element.code}-")
        assert programme.description and programme.problem, programme.code
        assert programme.pillar and programme.horizon and programme.innovation_type
        assert programme.lead_agency and programme.supporting_agencies.exists()
        assert programme.strategies.exists() and programme.issues.exists(), programme.code
        indicators = list(programme.indicators.all())
        assert indicators and all(i.indicator_type and i.unit for i in indicators)
        assert all(i.baseline_year and i.targets.all() for i in indicators)
        assert programme.budget_lines.exists() and programme.roadmap_entries.exists()
        assert programme.activities.exists()


def test_it_marks_aldino_and_kudu_sekolah_as_flagships():
    plan = pekalongan()
    aldino = Programme.objects.get(plan=plan, name__startswith="ALDINO")
    kudu = Programme.objects.get(plan=plan, name="KUDU SEKOLAH")
    assert aldino.element.code in {"SRV", "HEA"}
    assert (kudu.dimension.code, kudu.element.code) == ("SOC", "LEA")
    for flagship in (aldino, kudu):
        assert flagship.is_flagship and flagship.is_quick_win
        assert flagship.quick_win_year in plan.years
        assert flagship.beneficiaries and flagship.beneficiaries_count
        assert flagship.launch_date
        assert flagship.flagship_status == Programme.FlagshipStatus.RUNNING
        assert flagship.before_after.count() >= 2
        assert flagship.partners.exists()
        assert flagship.risks.exists()


def test_it_has_a_quick_win_in_every_dimension_and_plan_risks():
    plan = pekalongan()
    quick_wins = Programme.objects.filter(plan=plan, is_quick_win=True)
    assert set(quick_wins.values_list("dimension__code", flat=True)) == set(
        plan.framework.dimensions.values_list("code", flat=True)
    )
    assert plan.risks.filter(programme=None).count() >= 3
    assert plan.risks.exclude(programme=None).count() >= 3


def test_it_mixes_funding_sources():
    codes = set(
        BudgetLine.objects.filter(programme__plan=pekalongan()).values_list(
            "funding_source__code", flat=True
        )
    )
    assert {"APBD-KAB", "APBD-PROV", "APBN", "CSR", "DESA"} <= codes


def test_it_keeps_every_year_inside_the_plan_period():
    for model, plan_path in (
        (Activity, "programme__plan"),
        (RoadmapEntry, "programme__plan"),
        (BudgetLine, "programme__plan"),
        (IndicatorTarget, "indicator__programme__plan"),
    ):
        outside = model.objects.filter(
            Q(year__lt=F(f"{plan_path}__start_year")) | Q(year__gt=F(f"{plan_path}__end_year"))
        )
        assert not outside.exists(), model.__name__


def test_its_roadmap_and_budget_lines_add_up_to_the_action_plan():
    for entry in RoadmapEntry.objects.filter(programme__plan=pekalongan()):
        activities = Activity.objects.filter(programme=entry.programme, year=entry.year)
        lines = BudgetLine.objects.filter(programme=entry.programme, year=entry.year)
        assert entry.budget == activities.aggregate(s=Sum("budget"))["s"]
        assert entry.budget == lines.aggregate(s=Sum("amount"))["s"]


def test_it_builds_a_small_batang_plan():
    plan = Plan.objects.get(region__slug="batang", cohort__year=2024)
    assert plan.region.code == "33.25"
    assert 3 <= plan.programmes.count() <= 5
    assert not plan.programmes.filter(activities=None).exists()
    assert plan.region.agencies.exists()
    assert plan.swot_items.exists() and plan.strategic_issues.exists()


@pytest.mark.parametrize(
    ("username", "region", "role"),
    [
        ("koordinator", "pekalongan", Membership.Role.COORDINATOR),
        ("editor", "pekalongan", Membership.Role.EDITOR),
        ("editor-ekonomi", "pekalongan", Membership.Role.EDITOR),
        ("viewer", "pekalongan", Membership.Role.VIEWER),
        ("editor-batang", "batang", Membership.Role.EDITOR),
    ],
)
def test_it_gives_members_their_role(username, region, role):
    user = User.objects.get(username=username)
    assert list(user.memberships.values_list("region__slug", "role")) == [(region, role)]
    assert user.full_name and user.position and user.email.endswith("@example.id")


def test_it_limits_the_economy_editor_to_smart_economy():
    membership = Membership.objects.get(user__username="editor-ekonomi")
    assert list(membership.dimensions.values_list("code", flat=True)) == ["ECO"]
    editable = Programme.objects.editable_by(User.objects.get(username="editor-ekonomi"))
    assert editable.exists()
    assert set(editable.values_list("dimension__code", flat=True)) == {"ECO"}


def test_it_assigns_the_mentor_to_pekalongan_only():
    mentor = User.objects.get(username="mentor")
    assert not mentor.memberships.exists()
    assert list(
        MentorAssignment.objects.filter(user=mentor).values_list("region__slug", flat=True)
    ) == ["pekalongan"]


def test_admin_is_staff_and_superuser():
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser


@pytest.mark.parametrize(
    "username",
    ["admin", "koordinator", "editor", "editor-ekonomi", "viewer", "mentor", "editor-batang"],
)
def test_demo_users_log_in_with_the_demo_password(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_regions_only_see_their_own_programmes():
    def regions_seen(username: str) -> set[str]:
        user = User.objects.get(username=username)
        return set(Programme.objects.visible_to(user).values_list("plan__region__slug", flat=True))

    assert regions_seen("editor-batang") == {"batang"}
    assert regions_seen("mentor") == {"pekalongan"}
    assert regions_seen("viewer") == {"pekalongan"}
    assert {"pekalongan", "batang"} <= regions_seen("admin")
    assert not Programme.objects.editable_by(User.objects.get(username="viewer")).exists()
    assert not Programme.objects.editable_by(User.objects.get(username="mentor")).exists()


def test_large_size_builds_a_benchmark_plan_idempotently():
    counts = row_counts()
    seed(size="large")

    assert row_counts() == counts
    plan = Plan.objects.get(region__slug="kota-besar")
    programmes = Programme.objects.filter(plan=plan)
    assert 290 <= programmes.count() <= 310
    assert 1900 <= Activity.objects.filter(programme__plan=plan).count() <= 2100
    assert programmes.values("code").distinct().count() == programmes.count()
    assert programmes.values("element").distinct().count() == 18
    assert not programmes.filter(indicators=None).exists()
    assert not programmes.filter(budget_lines=None).exists()
    assert not programmes.filter(roadmap_entries=None).exists()
    assert programmes.get(code="GOV-SRV-01").name.endswith("01")


def test_the_seeded_text_is_a_revision_people_can_restore(client):
    from django.urls import reverse

    from masterplan.models import Revision
    from masterplan.services import record_save

    plan = pekalongan()
    section = plan.books.get(number=1).sections.get(key="pendahuluan--metodologi")
    seeded = Revision.objects.for_object(section).get(note="seed")
    assert "65 peserta dari 40 lembaga" in seeded.snapshot["body"]
    editor = plan.region.memberships.filter(role="coordinator").first().user
    section.body = "<p>Ditulis ulang.</p>"
    record_save(section, by=editor, based_on=section.version)
    client.force_login(editor)
    page = client.get(reverse("record_history", args=["masterplan.section", section.uuid]))
    assert "teks awal" in page.text
    assert reverse("revision_restore", args=[seeded.pk]) in page.text
    client.post(reverse("revision_restore", args=[seeded.pk]))
    section.refresh_from_db()
    assert "65 peserta dari 40 lembaga" in section.body
