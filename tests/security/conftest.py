"""Security suite helpers: private storage, a mentor of region B, one record of every kind.

"Every kind" of plan record is the registry's (masterplan/registry.py):
tests/masterplan/test_registry.py fails when build_region_objects misses one.
"""

from __future__ import annotations

import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

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
from exports.models import Abbreviation, ApprovalPage, ExportJob
from masterplan import services
from masterplan.models import Institution, InstitutionMember, Plan, Revision, SectionImage, User
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
from reviews.impact import ReviewFlag
from reviews.models import BookTransition, Notification, SectionApproval
from reviews.services import comment_create
from reviews.suggestions import Suggestion
from roadmap.models import Activity, RoadmapEntry
from tests import factories

# (dimension, element) of the two record sets: the economy editor of region A may
# change the ECO records only.
DIMENSIONS = {"gov": ("GOV", "SRV"), "eco": ("ECO", "IND")}


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def mentor_b(world) -> User:
    user = factories.UserFactory(username="mentor-b")
    factories.mentor(user, world.region_b)
    return user


def png_bytes(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), colour).save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name: str = "peta.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def _dimension_records(plan: Plan, key: str, agency, author: User) -> SimpleNamespace:
    """The records of one dimension of the plan, a programme with all it carries included."""
    dim = factories.dimension(DIMENSIONS[key][0])
    elem = factories.element(*DIMENSIONS[key])
    issue = StrategicIssue.objects.create(plan=plan, dimension=dim, element=elem, title="Isu")
    strategy = Strategy.objects.create(plan=plan, dimension=dim, element=elem, strategy="Strategi")
    strategy.issues.add(issue)
    programme = factories.programme(plan, elem, name=f"Program {key}", lead_agency=agency)
    programme.strategies.add(strategy)
    # two revisions of the programme, for its history and the comparison page
    services.record_save(programme, by=author)
    programme.description = "Diubah"
    services.record_save(programme, by=author, based_on=programme.version)
    indicator = Indicator.objects.create(programme=programme, name="Indikator", unit="dokumen")
    section = (
        plan.books.get(number=1).sections.filter(dimension=dim).order_by("order", "pk").first()
    )
    return SimpleNamespace(
        dimension=dim,
        element=elem,
        kesenjangan=GapItem.objects.create(plan=plan, dimension=dim, current_condition="Manual"),
        swot=SwotItem.objects.create(plan=plan, kind="W", text="Data tersebar", dimension=dim),
        **{"isu-strategis": issue},
        inovasi=ExistingInnovation.objects.create(
            plan=plan, name="Inovasi", dimension=dim, element=elem, agency=agency
        ),
        tujuan=Goal.objects.create(plan=plan, dimension=dim, statement="Tujuan"),
        strategi=strategy,
        programme=programme,
        revisions=list(Revision.objects.for_object(programme).order_by("pk")),
        indikator=indicator,
        target=IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal(1)),
        anggaran=BudgetLine.objects.create(
            programme=programme, year=2026, funding_source=factories.funding_source(), amount=1
        ),
        mitra=Partner.objects.create(programme=programme, name="Mitra", kind="academia"),
        risiko=Risk.objects.create(plan=plan, programme=programme, description="Risiko"),
        **{
            "sebelum-sesudah": FlagshipIndicator.objects.create(
                programme=programme, name="Waktu", before="7 hari", after="1 hari"
            )
        },
        foto=ProgrammePhoto.objects.create(
            programme=programme, image=png_upload("foto.png"), caption="Foto"
        ),
        kegiatan=Activity.objects.create(programme=programme, name="Kegiatan", year=2026),
        roadmap_entry=RoadmapEntry.objects.create(programme=programme, year=2026, target="1"),
        laporan=ProgrammeReport.objects.create(programme=programme, year=2026, status="berjalan"),
        realisasi=IndicatorRealisation.objects.create(
            indicator=indicator,
            year=2026,
            value=Decimal(1),
            evidence_file=ContentFile(pdf_bytes(), name="bukti.pdf"),
        ),
        realisasi_anggaran=BudgetRealisation.objects.create(
            programme=programme,
            year=2026,
            funding_source=factories.funding_source(),
            allocated=10,
            spent=5,
        ),
        section=section,
    )


def pdf_bytes() -> bytes:
    """A valid one-page PDF (an evidence file): the canary reads the PDFs it downloads."""
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def build_region_objects(plan: Plan, *, author: User, reader: User) -> SimpleNamespace:
    """One object of every kind a URL of the portal can name, in the plan's region.

    ``gov`` and ``eco`` hold the records that belong to a dimension (in GOV and ECO);
    plan-wide records are attributes of the result. ``reader`` gets a notification.
    """
    agency = factories.AgencyFactory(region=plan.region)
    institution = Institution.objects.create(plan=plan, kind="council", name="Dewan")
    gov = _dimension_records(plan, "gov", agency, author)
    eco = _dimension_records(plan, "eco", agency, author)
    book = plan.books.get(number=1)
    section = book.sections.get(key="pendahuluan")
    comment = comment_create(target=section, by=author, body="Perlu data terbaru.")
    job = ExportJob.objects.create(
        book=book,
        requested_by=author,
        state=ExportJob.State.DONE,
        stage=ExportJob.Stage.DONE,
        content_hash="0" * 64,
    )
    job.file.save(job.download_name(), ContentFile(b"%PDF-1.4 test"), save=True)
    plan_jobs = {}
    for kind, year in ((ExportJob.Kind.COMPLETE, None), (ExportJob.Kind.EVALUATION, 2026)):
        plan_jobs[kind] = ExportJob.objects.create(
            plan=plan,
            kind=kind,
            year=year,
            requested_by=author,
            state=ExportJob.State.DONE,
            stage=ExportJob.Stage.DONE,
            content_hash="0" * 64,
        )
        plan_jobs[kind].file.save("laporan.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    editions = [_edition(book, number, author) for number in (1, 2)]
    return SimpleNamespace(
        plan=plan,
        region=plan.region,
        book=book,
        section=section,
        gov=gov,
        eco=eco,
        agency=agency,
        free_agency=factories.AgencyFactory(region=plan.region),  # named by no record
        profil=RegionProfile.objects.create(plan=plan, population=1_000_000),
        kesiapan=ReadinessAssessment.objects.create(
            plan=plan,
            aspect=PillarAspect.objects.filter(pillar__framework=plan.framework_id).first(),
            narrative="Cukup",
            rating="cukup",
        ),
        kelembagaan=institution,
        anggota=InstitutionMember.objects.create(
            institution=institution, name="Bupati", agency=agency, role="Ketua"
        ),
        plan_risk=Risk.objects.create(plan=plan, description="Risiko rencana"),
        approval_page=ApprovalPage.objects.create(plan=plan, head_name="Bupati"),
        abbreviation=Abbreviation.objects.create(plan=plan, term="MPP", meaning="Mal"),
        image=SectionImage.objects.create(
            region=plan.region,
            section=section,
            file=png_upload(),
            content_type="image/png",
            width=20,
            height=10,
            uploaded_by=author,
        ),
        comment=comment,
        transition=BookTransition.objects.create(
            book=book, action="submit", from_status="draft", to_status="submitted", note="Siap"
        ),
        approval=SectionApproval.objects.create(
            section=section, approved_version=section.version, by=author
        ),
        notification=Notification.objects.create(
            user=reader, actor=author, verb=Notification.Verb.MENTION, text="Anda disebut", url="/"
        ),
        export_job=job,
        complete_job=plan_jobs[ExportJob.Kind.COMPLETE],
        evaluation_job=plan_jobs[ExportJob.Kind.EVALUATION],
        edition=editions[-1],
        suggestion=Suggestion.objects.create(
            region=plan.region,
            target_type="programs.programme",
            target_uuid=gov.programme.uuid,
            target_repr=str(gov.programme),
            field_name="name",
            old_value=gov.programme.name,
            new_value="Nama usulan",
            author=author,
        ),
        # cleared, so that the plan's final export is not held back by it
        review_flag=ReviewFlag.objects.create(
            section=section,
            source_type="programs.programme",
            source_uuid=gov.programme.uuid,
            cause="Program berubah",
            changed_by=author,
            cleared_at=timezone.now(),
            cleared_by=author,
            clearance=ReviewFlag.Clearance.SIGNOFF,
        ),
    )


def _blank_pdf() -> bytes:
    """A real one-page PDF (the canary reads every PDF it downloads)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _edition(book, number: int, author: User):
    from editions.models import Edition

    edition = Edition(
        book=book,
        number=number,
        frozen_by=author,
        frozen_at=timezone.now(),
        content_hash=str(number) * 64,
        snapshot={"outline": [], "records": {}},
    )
    edition.pdf.save(f"edisi-{number}.pdf", ContentFile(_blank_pdf()), save=False)
    edition.redline_pdf.save("redline.pdf", ContentFile(_blank_pdf()), save=False)
    edition.save()
    return edition
