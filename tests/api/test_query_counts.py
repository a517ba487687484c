"""A list costs the same number of queries for a small plan and a large one: an editor of
a region with one record of every kind, and an editor of a region with 13 of each."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from api.urls import router
from dimensions.models import (
    ExistingInnovation,
    GapItem,
    Goal,
    PillarAspect,
    ReadinessAssessment,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from exports.models import ExportJob
from masterplan.models import Institution, InstitutionMember, Membership, Plan, Section, User
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
from tests.api.conftest import build_records, client_for, make_edition, png_bytes, url
from tests.conftest import Kept

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

ELEMENTS = [("GOV", "BUR"), ("ECO", "TRX"), ("LIV", "HEA"), ("SOC", "LEA"), ("ENV", "WST")]


def grow(plan: Plan, size: int) -> None:
    """Add ``size`` more of every kind of record to the plan, and a few of their parts."""
    source = factories.funding_source()
    author = factories.UserFactory(username="grower")
    book = plan.books.get(number=1)
    for kind in ("team", "forum"):
        Institution.objects.get_or_create(plan=plan, kind=kind)
    institutions = list(plan.institutions.all())
    taken = set(plan.readiness.values_list("aspect_id", flat=True))
    for aspect in PillarAspect.objects.filter(pillar__framework=plan.framework).exclude(
        pk__in=taken
    )[:size]:
        ReadinessAssessment.objects.create(plan=plan, aspect=aspect, rating="baik")
    for i in range(size):
        dimension_code, element_code = ELEMENTS[i % len(ELEMENTS)]
        dim = factories.dimension(dimension_code)
        elem = factories.element(dimension_code, element_code)
        agency = factories.AgencyFactory(region=plan.region)
        issue = StrategicIssue.objects.create(plan=plan, dimension=dim, title=f"Isu {i}")
        strategy = Strategy.objects.create(plan=plan, dimension=dim, strategy=f"Strategi {i}")
        strategy.issues.add(issue)
        swot = SwotItem.objects.create(plan=plan, kind="O", text=f"Peluang {i}", dimension=dim)
        gap = GapItem.objects.create(plan=plan, dimension=dim, current_condition=f"Kondisi {i}")
        Goal.objects.create(plan=plan, dimension=dim, statement=f"Tujuan {i}")
        ExistingInnovation.objects.create(plan=plan, name=f"Aplikasi {i}", agency=agency)
        InstitutionMember.objects.create(
            institution=institutions[i % len(institutions)], name=f"Anggota {i}", agency=agency
        )
        programme = factories.programme(plan, elem, name=f"Program {i}", lead_agency=agency)
        programme.supporting_agencies.add(agency)
        programme.strategies.add(strategy)
        programme.issues.add(issue)
        programme.swot_items.add(swot)
        programme.gap_items.add(gap)
        for year in (2026, 2027):
            indicator = Indicator.objects.create(programme=programme, name=f"Indikator {year}")
            for target_year in (2026, 2027, 2028):
                IndicatorTarget.objects.create(indicator=indicator, year=target_year, value=1)
            BudgetLine.objects.create(
                programme=programme, year=year, funding_source=source, amount=10
            )
            Partner.objects.create(programme=programme, name=f"Mitra {year}", kind="media")
            Risk.objects.create(plan=plan, programme=programme, description=f"Risiko {year}")
            FlagshipIndicator.objects.create(programme=programme, name="X", before="1", after="2")
            ProgrammePhoto.objects.create(
                programme=programme, image=ContentFile(png_bytes(), name="foto.png")
            )
            Activity.objects.create(programme=programme, name=f"Kegiatan {year}", year=year)
            RoadmapEntry.objects.create(programme=programme, year=year)
            ProgrammeReport.objects.create(programme=programme, year=year, status="berjalan")
            IndicatorRealisation.objects.create(indicator=indicator, year=year, value=1)
            BudgetRealisation.objects.create(
                programme=programme, year=year, funding_source=source, allocated=10, spent=5
            )
        thread = Comment.objects.create(
            region=plan.region,
            target_type="programs.programme",
            target_uuid=programme.uuid,
            author=author,
            body=f"Komentar {i}",
        )
        Comment.objects.create(
            region=plan.region,
            target_type="programs.programme",
            target_uuid=programme.uuid,
            parent=thread,
            author=author,
            body=f"Balasan {i}",
        )
        BookTransition.objects.create(
            book=book, action="submit", from_status="draft", to_status="submitted", actor=author
        )
        ExportJob.objects.create(book=book, requested_by=author, content_hash=f"{i:064}")
        make_edition(book, number=i + 2)
        Suggestion.objects.create(
            region=plan.region,
            target_type="programs.programme",
            target_uuid=programme.uuid,
            field_name="name",
            old_value=programme.name,
            new_value=f"Usulan {i}",
            author=author,
        )
    for section in Section.objects.filter(book__plan=plan)[:size]:
        ReviewFlag.objects.create(section=section, source_type="programs.programme", cause="x")
    unsigned = Section.objects.filter(book__plan=plan, approval__isnull=True)[:size]
    for section in unsigned:
        SectionApproval.objects.create(section=section, approved_version=1, by=author)


# lists that a bigger plan does not make longer
FIXED_SIZE = {
    "cohorts",
    "regions",
    "plans",
    "books",
    "sections",
    "frameworks",
    "funding-sources",
    "horizons",
    "indicator-types",
    "innovation-types",
    "region-profiles",
}


def _get(client, path: str) -> tuple[int, int]:
    """(queries, rows) of one list request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": 200})
    assert response.status_code == 200, response.data
    assert response.data["count"] > 0, path  # an empty list would skip its prefetches
    return len(queries), response.data["count"]


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def _plans(_module_world, media_root, django_db_blocker):
    """One record of every kind in the plans of regions A and B (the small plans), and a
    third region whose plan has those and 12 more of each kind: built once for the file."""

    def build() -> User:
        world = _module_world.fresh()
        with override_settings(MEDIA_ROOT=media_root):
            build_records(world.plan_a)
            build_records(world.plan_b)
            region = factories.RegionFactory(name="Kabupaten Besar", slug="region-large")
            large = factories.make_plan(region, world.plan_a.cohort)
            build_records(large)
            grow(large, size=12)
        editor = factories.UserFactory(username="editor-large")
        factories.member(editor, region, Membership.Role.EDITOR)
        return editor

    kept = Kept("plans of every size", build)
    kept.open(django_db_blocker)
    yield kept
    kept.close()


@pytest.fixture
def large_plan_editor(_plans, world, settings, media_root) -> User:
    settings.MEDIA_ROOT = media_root
    return _plans.fresh()


@pytest.mark.parametrize("prefix", [prefix for prefix, _viewset, _name in router.registry])
def test_a_list_costs_the_same_for_a_small_and_a_large_plan(
    world, large_plan_editor, prefix, django_assert_num_queries
):
    path = url(prefix)
    small_client = client_for(world.editor_a, token=True)
    large_client = client_for(large_plan_editor, token=True)
    small_client.get(path)  # warm-up: content types and the like are cached once per process
    # both on an empty cache: the programme list keeps rows per plan version (api/row_cache.py;
    # warm, bench/pages.py compares them)
    cache.clear()
    small, rows = _get(small_client, path)

    cache.clear()
    with django_assert_num_queries(small):
        response = large_client.get(path, {"page_size": 200})
    assert response.status_code == 200
    if prefix not in FIXED_SIZE:
        assert response.data["count"] > rows
