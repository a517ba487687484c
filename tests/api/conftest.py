"""API test helpers: clients per persona, and one record of every kind in a plan.

"Every kind" is the registry's (masterplan/registry.py): tests/masterplan/test_registry.py
fails when build_records misses one.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

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
from editions.models import Edition
from exports.models import Abbreviation, ApprovalPage, ExportJob
from masterplan.models import Institution, InstitutionMember, Plan, SectionImage, User
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

API = "/api/v1"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png_bytes(size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "kegiatan.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def url(prefix: str, pk: int | None = None) -> str:
    return f"{API}/{prefix}/" if pk is None else f"{API}/{prefix}/{pk}/"


def client_for(user: User | None, *, token: bool = False) -> APIClient:
    client = APIClient()
    if user is not None:
        if token:
            key = Token.objects.get_or_create(user=user)[0].key
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        else:
            client.force_authenticate(user)
    return client


def if_match(record) -> dict[str, str]:
    record.refresh_from_db(fields=["version"])
    return {"HTTP_IF_MATCH": f'"{record.version}"'}


def build_records(plan: Plan, *, dimension: str = "GOV", element: str = "SRV") -> dict[str, Any]:
    """One record of each kind in the plan, all in one dimension (or in none)."""
    dim = factories.dimension(dimension)
    elem = factories.element(dimension, element)
    agency = factories.AgencyFactory(region=plan.region)
    issue = StrategicIssue.objects.create(
        plan=plan, dimension=dim, element=elem, title="Layanan belum terpadu"
    )
    strategy = Strategy.objects.create(plan=plan, dimension=dim, element=elem, strategy="Terpadu")
    strategy.issues.add(issue)
    swot = SwotItem.objects.create(plan=plan, kind="W", text="Data tersebar", dimension=dim)
    gap = GapItem.objects.create(plan=plan, dimension=dim, current_condition="Manual")
    programme = factories.programme(
        plan, elem, name="ALDINO", lead_agency=agency, is_flagship=True, is_quick_win=True
    )
    programme.supporting_agencies.add(agency)
    programme.strategies.add(strategy)
    programme.issues.add(issue)
    programme.swot_items.add(swot)
    programme.gap_items.add(gap)
    indicator = Indicator.objects.create(
        programme=programme, name="Dokumen terbit", unit="dokumen", baseline_year=2024
    )
    institution = Institution.objects.create(plan=plan, kind="council", name="Dewan")
    book = plan.books.get(number=1)
    section = plan.books.get(number=2).sections.get(key="pendahuluan")
    return {
        "plan": plan,
        "region": plan.region,
        "cohort": plan.cohort,
        "framework": plan.framework,
        "funding-source": factories.funding_source(),
        "horizon": plan.framework.horizons.first(),
        "indicator-type": plan.framework.indicator_types.first(),
        "innovation-type": plan.framework.innovation_types.first(),
        "book": book,
        "section": section,
        "section-image": SectionImage.objects.create(  # no endpoint: api.urls.NOT_EXPOSED
            region=plan.region,
            section=section,
            file=ContentFile(png_bytes(), name="peta.png"),
            content_type="image/png",
            width=8,
            height=6,
        ),
        "agency": factories.AgencyFactory(region=plan.region),  # named by no record
        # no endpoint (api.urls.NOT_EXPOSED): the official pages page edits them
        "approval-page": ApprovalPage.objects.create(plan=plan, head_name="Bupati"),
        "abbreviation": Abbreviation.objects.create(plan=plan, term="MPP", meaning="Mal"),
        "lead-agency": agency,
        "institution": institution,
        "institution-member": InstitutionMember.objects.create(
            institution=institution, name="Bupati", agency=agency, role="Ketua"
        ),
        "region-profile": RegionProfile.objects.create(plan=plan, population=1_000_000),
        "readiness": ReadinessAssessment.objects.create(
            plan=plan, aspect=aspect("STR", "HR"), narrative="Cukup", rating="cukup"
        ),
        "gap": gap,
        "swot-item": swot,
        "strategic-issue": issue,
        "existing-innovation": ExistingInnovation.objects.create(
            plan=plan, name="SIPEKA", dimension=dim, element=elem, agency=agency
        ),
        "goal": Goal.objects.create(plan=plan, dimension=dim, statement="Layanan cepat"),
        "strategy": strategy,
        "programme": programme,
        "indicator": indicator,
        "indicator-target": IndicatorTarget.objects.create(
            indicator=indicator, year=2026, value=Decimal("10")
        ),
        "budget-line": BudgetLine.objects.create(
            programme=programme, year=2026, funding_source=factories.funding_source(), amount=1
        ),
        "partner": Partner.objects.create(programme=programme, name="UNIKAL", kind="academia"),
        "risk": Risk.objects.create(plan=plan, programme=programme, description="Data"),
        "before-after": FlagshipIndicator.objects.create(
            programme=programme, name="Waktu layanan", before="7 hari", after="1 hari"
        ),
        "programme-photo": ProgrammePhoto.objects.create(
            programme=programme,
            image=ContentFile(png_bytes(), name="foto.png"),
            caption="Peluncuran aplikasi",
        ),
        "activity": Activity.objects.create(
            programme=programme, name="Sosialisasi", year=2026, agency=agency
        ),
        "roadmap-entry": RoadmapEntry.objects.create(programme=programme, year=2026, target="1"),
        "comment": Comment.objects.create(
            region=plan.region,
            book=section.book,
            target_type="masterplan.section",
            target_uuid=section.uuid,
            target_repr=str(section),
            body="<p>Tolong perjelas.</p>",
        ),
        "book-transition": BookTransition.objects.create(
            book=book, action="withdraw", from_status="submitted", to_status="draft"
        ),
        "section-approval": SectionApproval.objects.create(
            section=section, approved_version=section.version
        ),
        "export-job": ExportJob.objects.create(book=book, content_hash="0" * 64),
        "edition": make_edition(book),
        "review-flag": ReviewFlag.objects.create(
            section=section, source_type="programs.programme", cause="Program berubah"
        ),
        "suggestion": Suggestion.objects.create(
            region=plan.region,
            target_type="programs.programme",
            target_uuid=programme.uuid,
            target_repr=str(programme),
            field_name="name",
            old_value=programme.name,
            new_value="ALDINO Terpadu",
        ),
        "programme-report": ProgrammeReport.objects.create(
            programme=programme, year=2026, status="berjalan"
        ),
        "indicator-realisation": IndicatorRealisation.objects.create(
            indicator=indicator, year=2026, value=Decimal("5")
        ),
        "budget-realisation": BudgetRealisation.objects.create(
            programme=programme,
            year=2026,
            funding_source=factories.funding_source(),
            allocated=10,
            spent=4,
        ),
    }


def make_edition(book, number: int = 1) -> Edition:
    """An edition row (its PDF is named, never written: the API only links to it)."""
    edition = Edition(
        book=book,
        number=number,
        frozen_at=timezone.now(),
        content_hash=f"{number:064}",
        snapshot={"outline": [], "records": {}},
        pdf=f"tests/edisi-{number}.pdf",
    )
    edition.save()
    return edition


def aspect(pillar: str, code: str) -> PillarAspect:
    return PillarAspect.objects.get(
        pillar__framework__code="kominfo-2017", pillar__code=pillar, code=code
    )


def create_payload(basename: str, records: dict[str, Any]) -> dict[str, Any]:
    """A valid new record of this kind in the records' plan (GOV dimension, or none)."""
    plan = records["plan"]
    gov = factories.dimension("GOV")
    srv = factories.element("GOV", "SRV")
    programme = records["programme"]
    payloads: dict[str, dict[str, Any]] = {
        "agency": {"region": plan.region_id, "name": "Dinas Baru", "acronym": "DB"},
        "institution": {"plan": plan.pk, "kind": "team", "name": "Tim Pelaksana"},
        "institution-member": {
            "institution": records["institution"].pk,
            "name": "Sekda",
            "agency": records["agency"].pk,
        },
        "region-profile": {"plan": plan.pk, "population": 900_000, "area_km2": "836.13"},
        "readiness": {"plan": plan.pk, "aspect": aspect("INF", "DIG").pk, "rating": "baik"},
        "gap": {"plan": plan.pk, "dimension": gov.pk, "current_condition": "Belum ada"},
        "swot-item": {"plan": plan.pk, "kind": "S", "text": "Batik", "dimension": gov.pk},
        "strategic-issue": {"plan": plan.pk, "dimension": gov.pk, "title": "Isu baru"},
        "existing-innovation": {
            "plan": plan.pk,
            "name": "Aplikasi baru",
            "dimension": gov.pk,
            "agency": records["agency"].pk,
        },
        "goal": {"plan": plan.pk, "dimension": gov.pk, "statement": "Tujuan", "target_year": 2027},
        "strategy": {
            "plan": plan.pk,
            "dimension": gov.pk,
            "element": srv.pk,
            "strategy": "Strategi baru",
            "issues": [records["strategic-issue"].pk],
        },
        "programme": {
            "plan": plan.pk,
            "name": "KUDU SEKOLAH",
            "element": srv.pk,
            "lead_agency": records["agency"].pk,
            "supporting_agencies": [records["agency"].pk],
            "strategies": [records["strategy"].pk],
            "issues": [records["strategic-issue"].pk],
            "is_quick_win": True,
            "quick_win_year": 2026,
        },
        "indicator": {"programme": programme.pk, "name": "Anak kembali sekolah", "unit": "anak"},
        "indicator-target": {"indicator": records["indicator"].pk, "year": 2027, "value": "20"},
        "budget-line": {
            "programme": programme.pk,
            "year": 2027,
            "funding_source": records["funding-source"].pk,
            "amount": 150_000_000,
        },
        "partner": {"programme": programme.pk, "name": "Telkom", "kind": "private"},
        "risk": {"plan": plan.pk, "programme": programme.pk, "description": "Anggaran"},
        "before-after": {"programme": programme.pk, "name": "Antrian", "before": "3", "after": "1"},
        "programme-photo": {
            "programme": programme.pk,
            "image": png_upload(),
            "caption": "Sosialisasi di kecamatan",
        },
        "activity": {
            "programme": programme.pk,
            "name": "Pelatihan",
            "year": 2027,
            "agency": records["agency"].pk,
            "funding_source": records["funding-source"].pk,
            "budget": 25_000_000,
        },
        "roadmap-entry": {"programme": programme.pk, "year": 2027, "target": "50%"},
        "programme-report": {
            "programme": programme.pk,
            "year": 2027,
            "status": "tertunda",
            "reason": "Anggaran belum turun",
            "evaluation_level": "output",
        },
        "indicator-realisation": {
            "indicator": records["indicator"].pk,
            "year": 2027,
            "value": "7",
            "evidence_link": "https://data.example.id/bukti",
        },
        "budget-realisation": {
            "programme": programme.pk,
            "year": 2027,
            "funding_source": records["funding-source"].pk,
            "allocated": 100_000_000,
            "spent": 80_000_000,
        },
        "comment": {
            "target_type": "programs.programme",
            "target_uuid": str(programme.uuid),
            "body": "Apakah anggarannya cukup?",
        },
        # the matrix puts the book under review first (see test_permission_matrix)
        "book-transition": {"book": records["book"].pk, "action": "approve"},
        "section-approval": {"section": records["section"].pk},
        "export-job": {"book": records["book"].pk},
        "suggestion": {
            "target_type": "programs.programme",
            "target_uuid": str(programme.uuid),
            "field_name": "name",
            "value": "ALDINO Plus",
            "note": "Nama lebih jelas",
        },
    }
    return payloads.get(basename, {})


UPDATE_PAYLOADS: dict[str, dict[str, Any]] = {
    "plan": {"vision": "Kabupaten cerdas"},
    "section": {"body": "<p>Latar belakang</p>"},
    "agency": {"acronym": "BARU"},
    "institution": {"duties": "Mengarahkan"},
    "institution-member": {"position": "Ketua"},
    "region-profile": {"population": 1_000_001},
    "readiness": {"narrative": "Baik"},
    "gap": {"gap": "Besar"},
    "swot-item": {"text": "Data terpadu"},
    "strategic-issue": {"description": "Rinci"},
    "existing-innovation": {"year_launched": 2020},
    "goal": {"target": "100%"},
    "strategy": {"policy_direction": "Arah"},
    "programme": {"description": "Layanan terpadu"},
    "indicator": {"data_source": "BPS"},
    "indicator-target": {"value": "11.50"},
    "budget-line": {"amount": 2},
    "partner": {"contribution": "Riset"},
    "risk": {"mitigation": "Cadangan"},
    "before-after": {"after": "2 jam"},
    "programme-photo": {"caption": "Peresmian"},
    "activity": {"output": "Laporan"},
    "roadmap-entry": {"target": "2"},
    "programme-report": {"note": "Sesuai jadwal"},
    "indicator-realisation": {"value": "6.00"},
    "budget-realisation": {"spent": 5},
}


@pytest.fixture
def records(world):
    return {"A": build_records(world.plan_a), "B": build_records(world.plan_b)}
