"""A plan that passes every check, to break one thing at a time."""

from __future__ import annotations

from dimensions.models import IndicatorType, StrategicIssue, Strategy
from masterplan.models import Cohort, Institution, Plan, Region, Section
from programs.models import BudgetLine, FlagshipIndicator, Indicator, IndicatorTarget
from roadmap.models import Activity, RoadmapEntry
from tests import factories

YEARS = (2025, 2026)
APBD = 100_000_000
APBN = 50_000_000


def clean_plan(region: Region | None = None, cohort: Cohort | None = None) -> Plan:
    """Every dimension traced issue → strategy → programmes; one programme per element
    with lead agency, indicator target, budget from two sources that adds up to the
    roadmap, activities; a quick win with before/after per dimension; every chapter
    written; council, team and forum recorded."""
    plan = factories.make_plan(region, cohort)
    agency = factories.AgencyFactory(region=plan.region)
    apbd, apbn = factories.funding_source("APBD-KAB"), factories.funding_source("APBN")
    output = IndicatorType.objects.get(framework=plan.framework, code="OUTPUT")
    lines, entries, activities, targets = [], [], [], []
    for dimension in plan.framework.dimensions.order_by("order"):
        issue = StrategicIssue.objects.create(
            plan=plan, dimension=dimension, title=f"Isu {dimension.code}"
        )
        strategy = Strategy.objects.create(
            plan=plan, dimension=dimension, strategy=f"Strategi {dimension.code}"
        )
        strategy.issues.add(issue)
        for index, element in enumerate(dimension.elements.order_by("order")):
            quick_win = index == 0
            programme = factories.programme(
                plan,
                element,
                name=f"Program {dimension.code} {element.code}",
                lead_agency=agency,
                is_quick_win=quick_win,
                quick_win_year=YEARS[0] if quick_win else None,
                beneficiaries="Warga desa" if quick_win else "",
            )
            programme.strategies.add(strategy)
            indicator = Indicator.objects.create(
                programme=programme, indicator_type=output, name="Layanan daring", unit="%"
            )
            targets.append(IndicatorTarget(indicator=indicator, year=YEARS[0], value=50))
            if quick_win:
                FlagshipIndicator.objects.create(
                    programme=programme, name="Waktu layanan", before="3 hari", after="1 jam"
                )
            for year in YEARS:
                lines.append(
                    BudgetLine(programme=programme, year=year, funding_source=apbd, amount=APBD)
                )
                lines.append(
                    BudgetLine(programme=programme, year=year, funding_source=apbn, amount=APBN)
                )
                entries.append(
                    RoadmapEntry(programme=programme, year=year, target="Tahap", budget=APBD + APBN)
                )
                activities.append(
                    Activity(
                        programme=programme,
                        name=f"Kegiatan {year}",
                        year=year,
                        agency=agency,
                        budget=APBD + APBN,
                        funding_source=apbd,
                    )
                )
    IndicatorTarget.objects.bulk_create(targets)
    BudgetLine.objects.bulk_create(lines)
    RoadmapEntry.objects.bulk_create(entries)
    Activity.objects.bulk_create(activities)
    Section.objects.filter(book__plan=plan).update(body="<p>Sudah ditulis.</p>")
    Institution.objects.create(
        plan=plan, kind=Institution.Kind.COUNCIL, decree_number="Keputusan Bupati 1/2024"
    )
    Institution.objects.create(
        plan=plan, kind=Institution.Kind.TEAM, decree_number="Keputusan Bupati 2/2024"
    )
    Institution.objects.create(
        plan=plan, kind=Institution.Kind.FORUM, meeting_schedule="Setiap tiga bulan"
    )
    return plan
