"""Backup round trip: export_plan, then import_plan into an empty database, gives the same plan."""

from __future__ import annotations

import base64
import datetime
import io
import json
from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from dimensions.models import (
    ExistingInnovation,
    GapItem,
    Goal,
    PillarAspect,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from exports.backup import (
    NATURAL_KEYS,
    PlanImportError,
    plan_delete,
    plan_dumps,
    plan_export,
    plan_import,
    plan_tables,
)
from exports.models import Abbreviation, ApprovalPage
from masterplan.models import (
    Institution,
    InstitutionMember,
    Plan,
    Region,
    Section,
    SectionImage,
    User,
)
from masterplan.registry import scoped_models
from masterplan.services import record_save
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    ProgrammePhoto,
    Risk,
)
from reviews.models import BookTransition, Comment, ReviewFlag, SectionApproval, Suggestion
from roadmap.models import Activity, RoadmapEntry
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

PROJECT_APPS = {"masterplan", "exports", "reviews", "dimensions", "programs", "roadmap", "checks"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png_bytes(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def rich_plan(world) -> Plan:
    """Region A's plan with at least one row in every table the backup holds."""
    plan, editor = world.plan_a, world.editor_a
    region = plan.region
    region.logo.save("logo.png", ContentFile(png_bytes("blue")))
    agency = factories.AgencyFactory(region=region, name="Dinas Kominfo", acronym="DKI")
    gov, srv = factories.dimension("GOV"), factories.element("GOV", "SRV")
    pillar = plan.framework.pillars.get(code="STR")

    ApprovalPage.objects.create(plan=plan, head_name="Bupati A", signed_on=date(2024, 11, 18))
    Abbreviation.objects.create(plan=plan, term="ALDINO", meaning="Alhamdulillah Dia Nongol")

    book = plan.books.get(number=2)
    section = book.sections.get(key="pendahuluan")
    section.body = "<p>Latar belakang</p>"
    record_save(section, by=editor, based_on=section.version)
    child = Section.objects.create(
        book=book, parent=section, key="sub-bab", order=9, title="Sub-bab", body="<p>Isi</p>"
    )
    image = SectionImage(region=region, section=child, content_type="image/png", width=12)
    image.file.save("peta.png", ContentFile(png_bytes()), save=False)
    image.save()
    child.body = f'<p><img src="/wilayah/region-a/gambar/{image.uuid}/"></p>'
    child.save()
    SectionApproval.objects.create(section=section, approved_version=2, by=world.mentor_a)
    BookTransition.objects.create(
        book=book, action="submit", from_status="draft", to_status="submitted", actor=editor
    )
    book.status = "submitted"
    book.save()

    RegionProfile.objects.create(plan=plan, population=968_821, area_km2=Decimal("836.13"))
    aspect = PillarAspect.objects.filter(pillar=pillar).first()
    ReadinessAssessment.objects.create(plan=plan, aspect=aspect, rating="cukup", narrative="x")
    gap = GapItem.objects.create(plan=plan, pillar=pillar, dimension=gov, current_condition="A")
    swot = SwotItem.objects.create(plan=plan, kind="S", text="Kuat", dimension=gov)
    issue = StrategicIssue.objects.create(plan=plan, dimension=gov, element=srv, title="Isu")
    ExistingInnovation.objects.create(
        plan=plan, name="Sipandu", dimension=gov, element=srv, agency=agency, year_launched=2020
    )
    Goal.objects.create(plan=plan, dimension=gov, statement="Tujuan", target_year=2030)
    strategy = Strategy.objects.create(plan=plan, dimension=gov, element=srv, strategy="S")
    strategy.issues.set([issue])
    council = Institution.objects.create(
        plan=plan, kind="council", name="Dewan", decree_date=datetime.date(2024, 6, 1)
    )
    InstitutionMember.objects.create(institution=council, name="Bupati", agency=agency)

    programme = factories.programme(
        plan,
        srv,
        name="Layanan terpadu",
        pillar=pillar,
        horizon=plan.framework.horizons.get(code="SHORT"),
        innovation_type=plan.framework.innovation_types.get(code="TECH"),
        lead_agency=agency,
        is_flagship=True,
        launch_date=datetime.date(2026, 3, 1),
    )
    for relation, rows in (
        ("supporting_agencies", [agency]),
        ("strategies", [strategy]),
        ("issues", [issue]),
        ("swot_items", [swot]),
        ("gap_items", [gap]),
    ):
        getattr(programme, relation).set(rows)
    programme.name = "Layanan terpadu (revisi)"
    record_save(programme, by=editor, based_on=programme.version)
    indicator = Indicator.objects.create(
        programme=programme,
        name="Layanan daring",
        indicator_type=plan.framework.indicator_types.get(code="OUTCOME"),
        baseline_value=Decimal("12.50"),
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal("40"))
    source = factories.funding_source()
    BudgetLine.objects.create(programme=programme, year=2026, funding_source=source, amount=5)
    Partner.objects.create(programme=programme, name="Universitas", kind="academia")
    Risk.objects.create(plan=plan, programme=programme, description="Risiko", owner=agency)
    Risk.objects.create(plan=plan, description="Risiko rencana")
    FlagshipIndicator.objects.create(programme=programme, name="Waktu", before="5", after="1")
    photo = ProgrammePhoto(programme=programme, caption="Peluncuran")
    photo.image.save("foto.png", ContentFile(png_bytes("green")), save=False)
    photo.save()
    Activity.objects.create(
        programme=programme, name="Kajian", year=2026, quarter=2, agency=agency, budget=10
    )
    RoadmapEntry.objects.create(programme=programme, year=2026, target="Pilot", budget=10)
    ProgrammeReport.objects.create(
        programme=programme,
        year=2026,
        status="tertunda",
        reason="Anggaran",
        evaluation_level="output",
    )
    IndicatorRealisation.objects.create(
        indicator=indicator,
        year=2026,
        value=Decimal("12.5"),
        evidence_file=ContentFile(b"%PDF-1.4 bukti", name="bukti.pdf"),
        evidence_link="https://data.example.id/bukti",
    )
    BudgetRealisation.objects.create(
        programme=programme, year=2026, funding_source=source, allocated=5, spent=3
    )

    thread = Comment.objects.create(
        region=region,
        book=book,
        target_type="masterplan.section",
        target_uuid=section.uuid,
        author=world.mentor_a,
        body="<p>Tolong lengkapi</p>",
    )
    Comment.objects.create(
        region=region,
        book=book,
        target_type="masterplan.section",
        target_uuid=section.uuid,
        parent=thread,
        author=editor,
        body="<p>Siap</p>",
    )
    Comment.objects.create(
        region=region,
        target_type="programs.programme",
        target_uuid=programme.uuid,
        author=world.mentor_a,
        body="<p>Anggaran?</p>",
    )
    target = IndicatorTarget.objects.get(indicator=indicator)
    Suggestion.objects.create(
        region=region,
        target_type="programs.indicatortarget",
        target_uuid=target.uuid,
        target_repr=str(target),
        target_version=target.version,
        field_name="value",
        old_value="40.00",
        new_value="60",
        note="Sesuai RPJMD",
        author=world.mentor_a,
    )
    Suggestion.objects.create(
        region=region,
        target_type="masterplan.section",
        target_uuid=section.uuid,
        target_repr=str(section),
        field_name="body",
        quote="Latar belakang",
        old_value="Latar belakang",
        new_value="Latar belakang dan dasar hukum",
        author=world.mentor_a,
        status=Suggestion.Status.REJECTED,
        decided_by=editor,
        decided_at=datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC),
        reply="Dasar hukum ada di bab berikutnya",
    )
    ReviewFlag.objects.create(
        section=section,
        source_type="programs.programme",
        source_uuid=programme.uuid,
        cause="Program GOV-SRV-01 berubah oleh Editor A, 1 Des",
        changed_by=editor,
    )
    ReviewFlag.objects.create(
        section=child,
        source_type="programs.budgetline",
        cause="Rincian anggaran berubah",
        cleared_at=datetime.datetime(2026, 12, 2, 8, 0, tzinfo=datetime.UTC),
        cleared_by=world.mentor_a,
        clearance=ReviewFlag.Clearance.SIGNOFF,
    )
    return plan


def empty_database() -> None:
    """What a fresh server has: the tables, and the framework loaded by the migrations."""
    call_command("flush", interactive=False, verbosity=0)
    assert not Plan.objects.exists() and not User.objects.exists()
    import_module("dimensions.migrations.0003_kominfo_2017_framework").load(apps, None)


def dump(plan: Plan) -> str:
    return plan_dumps(plan_export(Plan.objects.get(pk=plan.pk)))


def test_the_backup_holds_every_table_of_the_plan(world):
    data = plan_export(rich_plan(world))
    assert data["format"] == "kota-cerdas-plan" and data["version"] == 1
    empty = [label for label, rows in data["tables"].items() if not rows]
    assert empty == []
    assert data["region"]["logo"]["name"] == "logo.png"
    assert {user["username"] for user in data["users"]} >= {"editor-a", "mentor-a"}
    text = json.dumps(data)
    assert '"id"' not in text  # moves between servers: never a database id
    assert str(world.plan_b.uuid) not in text and "region-b" not in text


def test_every_model_is_backed_up_or_left_out_on_purpose():
    covered = {kind.label for kind in plan_tables()} | set(NATURAL_KEYS)
    # the models of a region that say they are no plan record (access, history, exports)
    covered |= {
        model._meta.label_lower
        for model in scoped_models()
        if not getattr(model, "plan_record", True)
    }
    covered |= {"masterplan.bimtekstage", "reviews.notification", "reviews.notificationsettings"}
    covered |= {"masterplan.sectionpresence"}  # who has a section open right now
    covered |= {"masterplan.planversion"}  # a counter for caches, moved by the import
    project = {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
    }
    assert project - covered == set(), "give new models a region_path (see masterplan/registry.py)"


def test_round_trip_into_an_empty_database_gives_the_same_plan(transactional_db, world):
    # transactional: on PostgreSQL, flush cannot run inside the test's transaction
    plan = rich_plan(world)
    before = dump(plan)
    counts = {label: len(rows) for label, rows in json.loads(before)["tables"].items()}

    empty_database()
    imported = plan_import(json.loads(before))

    assert dump(imported) == before
    for label, count in counts.items():
        model = apps.get_model(label)
        assert model._default_manager.count() == count, label
    image = SectionImage.objects.get()
    assert image.file.read() == png_bytes()
    assert image.file.name.startswith("regions/region-a/")
    created = User.objects.get(username="editor-a")
    assert not created.is_active and not created.has_usable_password()
    assert not created.memberships.exists()


def test_review_flags_and_suggestions_come_back_with_their_state(transactional_db, world):
    plan = rich_plan(world)
    before = dump(plan)

    empty_database()
    imported = plan_import(json.loads(before))

    assert dump(imported) == before
    flags = {flag.cause: flag for flag in ReviewFlag.objects.of_plan(imported)}
    still_open = flags["Program GOV-SRV-01 berubah oleh Editor A, 1 Des"]
    assert still_open.is_open and still_open.section.key == "pendahuluan"
    assert still_open.section.book.number == 2 and still_open.changed_by.username == "editor-a"
    cleared = flags["Rincian anggaran berubah"]
    assert cleared.clearance == "signoff" and cleared.cleared_by.username == "mentor-a"
    assert cleared.section.key == "sub-bab"
    pending = Suggestion.objects.get(field_name="value")
    target = IndicatorTarget.objects.get()
    assert pending.target() == target and pending.status == "pending"
    assert pending.new_value == "60" and pending.author.username == "mentor-a"
    rejected = Suggestion.objects.get(field_name="body")
    assert rejected.status == "rejected" and rejected.reply == "Dasar hukum ada di bab berikutnya"
    assert rejected.target().key == "pendahuluan" and rejected.decided_by.username == "editor-a"


def test_import_refuses_an_existing_plan_unless_replace(world):
    plan = rich_plan(world)
    before = dump(plan)
    with pytest.raises(PlanImportError, match="--replace"):
        plan_import(json.loads(before))

    section = plan.books.get(number=2).sections.get(key="pendahuluan")
    section.body = "<p>Diubah setelah cadangan</p>"
    section.save()
    replaced = plan_import(json.loads(before), replace=True)

    assert dump(replaced) == before
    assert Plan.objects.filter(region=world.region_a).count() == 1
    assert Comment.objects.count() == 3 and SectionImage.objects.count() == 1
    assert world.plan_b.books.count() == 4  # the other region is untouched


def test_an_existing_region_and_cohort_are_reused(world):
    plan = rich_plan(world)
    before = dump(plan)
    plan_delete(plan)
    imported = plan_import(json.loads(before))
    assert dump(imported) == before
    assert imported.region == world.region_a and imported.cohort == world.plan_b.cohort


def test_the_commands_round_trip_through_a_file(transactional_db, world, tmp_path):
    plan = rich_plan(world)
    path = tmp_path / "plan.json"
    call_command("export_plan", "region-a", output=str(path), stderr=io.StringIO())
    before = path.read_text()

    empty_database()
    out = io.StringIO()
    call_command("import_plan", str(path), stdout=out)

    assert "Imported" in out.getvalue() and "inactive" in out.getvalue()
    stdout = io.StringIO()
    call_command("export_plan", "region-a", stdout=stdout)
    assert stdout.getvalue() == before
    assert Plan.objects.get().uuid == plan.uuid


def changed(data: dict, part: str, **values) -> str:
    """The document with some values of its region, cohort or plan replaced."""
    if part == "plan":
        data["tables"]["masterplan.plan"][0].update(values)
    else:
        data[part].update(values)
    return json.dumps(data)


def import_file(tmp_path, content: str, *args) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content)
    call_command("import_plan", str(path), *args, stdout=io.StringIO())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: "{not json", "not a JSON plan backup"),
        (lambda d: json.dumps([1, 2]), "not a plan backup"),
        (lambda d: json.dumps({**d, "version": 2}), "version 2"),
        (lambda d: json.dumps({**d, "tables": []}), "'tables'"),
        (lambda d: json.dumps({**d, "tables": {**d["tables"], "x.y": []}}), "unknown table"),
        (lambda d: changed(d, "plan", uuid="not-a-uuid"), "malformed.*UUID"),
        (lambda d: changed(d, "cohort", year="next year"), "malformed.*next year"),
        (lambda d: changed(d, "plan", start_year=[2025]), r"masterplan\.plan #1 .*integer"),
    ],
)
def test_a_malformed_file_is_a_clear_error(world, tmp_path, change, message):
    data = plan_export(world.plan_a)
    with pytest.raises(CommandError, match=message):
        import_file(tmp_path, change(data), "--replace")
    assert Plan.objects.filter(pk=world.plan_a.pk).exists()  # replacing is all or nothing


def test_a_bad_record_names_itself_and_nothing_is_written(world, tmp_path):
    data = plan_export(rich_plan(world))
    plan_delete(Plan.objects.get(pk=world.plan_a.pk))
    regions, users = Region.objects.count(), User.objects.count()
    programme = data["tables"]["programs.programme"][0]
    programme["element"] = ["GOV", "NOPE"]
    with pytest.raises(CommandError, match=r"programs\.programme #1 .*NOPE"):
        import_file(tmp_path, json.dumps(data))

    programme["element"] = ["GOV", "SRV"]
    data["tables"]["programs.programmephoto"][0]["image"]["data"] = "not base64!"
    with pytest.raises(CommandError, match="base64"):
        import_file(tmp_path, json.dumps(data))

    data["tables"]["programs.programmephoto"][0]["image"]["data"] = base64.b64encode(b"x").decode()
    data["tables"]["dimensions.goal"][0]["target_year"] = "soon"
    with pytest.raises(CommandError, match=r"target_year|soon"):
        import_file(tmp_path, json.dumps(data))

    assert not Plan.objects.filter(region=world.region_a).exists()
    assert (Region.objects.count(), User.objects.count()) == (regions, users)


def test_an_unknown_framework_is_refused(world, tmp_path):
    data = plan_export(world.plan_a)
    data["tables"]["masterplan.plan"][0]["framework"] = "kominfo-2030"
    with pytest.raises(CommandError, match="kominfo-2030"):
        import_file(tmp_path, json.dumps(data), "--replace")
    assert Plan.objects.filter(pk=world.plan_a.pk).exists()


def test_a_missing_file_is_a_warning_not_a_failure(world):
    plan = rich_plan(world)
    photo = ProgrammePhoto.objects.get()
    photo.image.storage.delete(photo.image.name)
    warnings: list[str] = []
    data = plan_export(plan, warnings)
    assert warnings == [f"file {photo.image.name} is missing; exported without it"]
    assert data["tables"]["programs.programmephoto"][0]["image"] == {
        "name": "foto.png",
        "data": None,
    }
    imported = plan_import(data, replace=True)
    assert not ProgrammePhoto.objects.get(programme__plan=imported).image
