"""The programme page builds its roadmap row from the records it has loaded: the same row
as the roadmap grid's (roadmap.rows.roadmap_rows)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Prefetch

from programs.models import BudgetLine, Indicator, IndicatorTarget
from roadmap.models import Activity, RoadmapEntry
from roadmap.rows import roadmap_rows, row_from_loaded, row_of
from tests.security.conftest import build_region_objects

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


def cells(row, years):
    return [
        (c.year, c.target, c.budget, c.line_total, c.activities, c.note) for c in row.over(years)
    ]


def test_the_rows_agree(world):
    plan = world.plan_a
    objects = build_region_objects(plan, author=world.coordinator_a, reader=world.editor_a)
    programme = objects.gov.programme
    Indicator.objects.filter(programme=programme).update(order=1)
    second = Indicator.objects.create(programme=programme, name="Kedua", unit="", order=0)
    IndicatorTarget.objects.create(indicator=second, year=2026, value=Decimal("2.5"))
    IndicatorTarget.objects.create(indicator=second, year=2027, value=Decimal(3))
    line = objects.gov.anggaran
    BudgetLine.objects.create(
        programme=programme,
        year=line.year,
        funding_source=line.funding_source,
        amount=7,
        status="realised" if line.status != "realised" else "budgeted",
    )
    RoadmapEntry.objects.create(programme=programme, year=2027, note="Catatan", budget=5)
    assert Activity.objects.filter(programme=programme).exists()

    indicators = list(Indicator.objects.filter(programme=programme).prefetch_related("targets"))
    lines = list(BudgetLine.objects.filter(programme=programme))
    loaded = type(programme).objects.prefetch_related(Prefetch("activities")).get(pk=programme.pk)
    years = list(plan.years)
    expected = cells(row_of(roadmap_rows([programme.pk]), programme.pk), years)
    assert cells(row_from_loaded(loaded, indicators, lines), years) == expected
    assert any(target for _year, target, *_rest in expected)
