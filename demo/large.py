"""Kota Contoh Besar: a plan of 300 programmes and 2,000 activities for benchmarks.

Written with bulk inserts, so it takes seconds. Idempotent like the demo data: rows
are keyed the same way (a programme by plan and name, an activity by programme, year
and name, …) and only missing rows are inserted; existing rows are left as they are.
Programme codes are computed here in the ``GOV-SRV-07`` format that
``Programme.save()`` would give, continuing after the codes the plan already has.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models

from demo.builders import PlanBuilder, References, Seeder, rupiah, with_unit
from masterplan.models import Cohort, Plan, User
from masterplan.plan_versions import bump_plans
from programs.models import BudgetLine, Indicator, IndicatorTarget, Programme
from roadmap.models import Activity, RoadmapEntry

PROGRAMMES = 300
ACTIVITIES = 2000
SPAN_YEARS = 5
BATCH = 500

REGION = {
    "slug": "kota-besar",
    "name": "Kota Contoh Besar",
    "kind": "kota",
    "province": "Jawa Tengah",
    "code": "99.71",
}

PLAN = {
    "title": "Masterplan Smart City Kota Contoh Besar 2025–2034",
    "start_year": 2025,
    "end_year": 2034,
    "vision": "Kota Contoh Besar yang cerdas, inklusif dan berkelanjutan.",
    "missions": [
        "Pelayanan publik digital yang terintegrasi.",
        "Ekonomi kota yang berdaya saing.",
        "Lingkungan kota yang sehat dan tangguh.",
    ],
    "rpjmd_reference": "RPJMD Kota Contoh Besar 2025–2029 (data fiktif untuk uji beban)",
}

AGENCIES = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "dinas"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    ("Dinas Kesehatan", "Dinkes", "dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Dindukcapil", "dinas"),
    ("Dinas Pendidikan", "Disdik", "dinas"),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP", "dinas"),
    ("Dinas Perhubungan", "Dishub", "dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "dinas"),
    ("Dinas Kebudayaan dan Pariwisata", "Disbudpar", "dinas"),
    ("Dinas Koperasi, UKM dan Perdagangan", "Dinkopdag", "dinas"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "badan"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "dinas"),
    ("Dinas Tenaga Kerja", "Disnaker", "dinas"),
    ("Dinas Sosial", "Dinsos", "dinas"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "dinas"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim", "dinas"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan"),
    ("Badan Kepegawaian dan Pengembangan SDM", "BKPSDM", "badan"),
]

VERBS = [
    "Digitalisasi",
    "Integrasi",
    "Penguatan",
    "Pengembangan",
    "Modernisasi",
    "Optimalisasi",
    "Inovasi",
    "Peningkatan mutu",
]

ACTIVITY_STEPS = [
    ("Kajian kebutuhan", "Dokumen kajian"),
    ("Pengembangan sistem", "Sistem berjalan"),
    ("Pelatihan petugas", "Petugas terlatih"),
    ("Uji coba layanan", "Laporan uji coba"),
    ("Perluasan layanan", "Layanan diperluas"),
    ("Sosialisasi kepada warga", "Warga terjangkau"),
    ("Evaluasi dan pemeliharaan", "Laporan evaluasi"),
]

SOURCES = ["APBD-KAB", "APBD-KAB", "APBD-PROV", "APBN", "DESA", "CSR", "KPBU"]
PILLARS = ["STR", "INF", "SUP"]
INNOVATIONS = ["PROGRAM", "PRODUCT", "METHOD", "CONCEPT", "TECH"]


def seed_large(seeder: Seeder, cohort: Cohort, by: User | None) -> Plan:
    region = seeder.seed_region(REGION)
    agencies = seeder.seed_agencies(region, AGENCIES, by)
    plan = seeder.seed_plan_row(region, cohort, PLAN, by)
    refs = References(plan.framework)
    elements = sorted(refs.elements.values(), key=lambda e: (e.dimension.order, e.order))
    builder = PlanBuilder(seeder, plan, refs, agencies, by)
    builder.strategies(
        [
            {
                "element": f"{e.dimension.code}-{e.code}",
                "target": f"Sasaran elemen {e.name_id.lower()} tercapai pada 2029.",
                "strategy": f"Memperkuat {e.name_id.lower()} melalui layanan digital.",
                "policy": "Transformasi digital yang berpusat pada warga.",
            }
            for e in elements
        ]
    )
    specs = programme_specs(elements, list(agencies.values()), plan.start_year)
    LargePlanWriter(plan, refs, by).write(specs, builder.strategy_refs)
    bump_plans([plan.pk])  # written with bulk_create, which sends no signal
    return plan


def programme_specs(elements: list, agencies: list, first_year: int) -> list[dict[str, Any]]:
    """300 programmes spread over the 18 elements, 2,000 activities spread over them."""
    specs = []
    for i in range(PROGRAMMES):
        element = elements[i % len(elements)]
        n = i // len(elements) + 1
        rng = random.Random(i)
        start = first_year + i % 4
        activity_count = ACTIVITIES // PROGRAMMES + (1 if i < ACTIVITIES % PROGRAMMES else 0)
        lead = agencies[i % len(agencies)]
        activities = []
        for j in range(activity_count):
            step, output = ACTIVITY_STEPS[j]
            activities.append(
                {
                    "year": start + j % SPAN_YEARS,
                    "quarter": j % 4 + 1,
                    "name": f"{step} {element.name_id.lower()} {n:02d}",
                    "output": output,
                    "agency": lead if j % 2 == 0 else agencies[(i + j) % len(agencies)],
                    "budget": rupiah(rng.randrange(50, 800, 10)),
                    "source": SOURCES[(i + j) % len(SOURCES)],
                }
            )
        specs.append(
            {
                "name": f"{VERBS[n % len(VERBS)]} {element.name_id.lower()} {n:02d}",
                "element": element,
                "index": i,
                "start": start,
                "lead": lead,
                "supporting": [
                    agencies[(i + 5) % len(agencies)],
                    agencies[(i + 11) % len(agencies)],
                ],
                "activities": activities,
                "baseline": rng.randrange(10, 60),
            }
        )
    return specs


class LargePlanWriter:
    """Bulk-inserts the missing rows of the large plan."""

    def __init__(self, plan: Plan, refs: References, by: User | None):
        self.plan = plan
        self.refs = refs
        self.stamp = {"created_by": by, "updated_by": by}

    def write(self, specs: list[dict[str, Any]], strategies: dict) -> None:
        programmes = self.programmes(specs)
        self.relations(specs, programmes, strategies)
        self.indicators(specs, programmes)
        self.activities(specs, programmes)
        self.budget_and_roadmap(specs, programmes)

    def programmes(self, specs: list[dict[str, Any]]) -> dict[str, int]:
        existing = dict(Programme.objects.filter(plan=self.plan).values_list("name", "pk"))
        next_number: dict[str, int] = defaultdict(int)
        for code in Programme.objects.filter(plan=self.plan).values_list("code", flat=True):
            prefix, _, number = code.rpartition("-")
            if number.isdigit():
                next_number[prefix] = max(next_number[prefix], int(number))
        refs = self.refs
        new = []
        for spec in specs:
            if spec["name"] in existing:
                continue
            element, i = spec["element"], spec["index"]
            prefix = f"{element.dimension.code}-{element.code}"
            next_number[prefix] += 1
            quick_win = i < len(refs.elements)
            new.append(
                Programme(
                    plan=self.plan,
                    code=f"{prefix}-{next_number[prefix]:02d}",
                    name=spec["name"],
                    description=f"Program {spec['name'].lower()} untuk seluruh kecamatan.",
                    problem=f"Layanan {element.name_id.lower()} belum terintegrasi.",
                    dimension_id=element.dimension_id,
                    element=element,
                    pillar=refs.pillars[PILLARS[i % len(PILLARS)]],
                    horizon=refs.horizons["SHORT" if quick_win else "MEDIUM"],
                    innovation_type=refs.innovation_types[INNOVATIONS[i % len(INNOVATIONS)]],
                    priority=i % 3 + 1,
                    lead_agency=spec["lead"],
                    is_quick_win=quick_win,
                    is_flagship=i < 6,
                    quick_win_year=spec["start"] if quick_win else None,
                    order=i + 1,
                    **self.stamp,
                )
            )
        Programme.objects.bulk_create(new, batch_size=BATCH)
        return dict(Programme.objects.filter(plan=self.plan).values_list("name", "pk"))

    def relations(self, specs, programmes: dict[str, int], strategies: dict) -> None:
        supporting = Programme.supporting_agencies.through
        linked = Programme.strategies.through
        insert_missing(
            supporting,
            supporting.objects.filter(programme__plan=self.plan),
            ("programme_id", "agency_id"),
            (
                {"programme_id": programmes[spec["name"]], "agency_id": agency.pk}
                for spec in specs
                for agency in spec["supporting"]
            ),
        )
        insert_missing(
            linked,
            linked.objects.filter(programme__plan=self.plan),
            ("programme_id", "strategy_id"),
            (
                {
                    "programme_id": programmes[spec["name"]],
                    "strategy_id": strategies[
                        f"{spec['element'].dimension.code}-{spec['element'].code}"
                    ].pk,
                }
                for spec in specs
            ),
        )

    def indicators(self, specs, programmes: dict[str, int]) -> None:
        kinds = [("OUTPUT", "Unit layanan aktif", "unit"), ("OUTCOME", "Kepuasan warga", "%")]
        insert_missing(
            Indicator,
            Indicator.objects.filter(programme__plan=self.plan),
            ("programme_id", "name"),
            (
                {
                    "programme_id": programmes[spec["name"]],
                    "indicator_type": self.refs.indicator_types[kind],
                    "name": name,
                    "unit": unit,
                    "baseline_year": self.plan.start_year - 1,
                    "baseline_value": spec["baseline"],
                    "order": order,
                    **self.stamp,
                }
                for spec in specs
                for order, (kind, name, unit) in enumerate(kinds, start=1)
            ),
        )
        indicators = Indicator.objects.filter(programme__plan=self.plan)
        by_programme = defaultdict(list)
        for pk, programme_id, baseline in indicators.values_list(
            "pk", "programme_id", "baseline_value"
        ):
            by_programme[programme_id].append((pk, baseline))
        insert_missing(
            IndicatorTarget,
            IndicatorTarget.objects.filter(indicator__programme__plan=self.plan),
            ("indicator_id", "year"),
            (
                {
                    "indicator_id": pk,
                    "year": spec["start"] + step,
                    "value": min(100, (baseline or 0) + 8 * (step + 1)),
                    **self.stamp,
                }
                for spec in specs
                for pk, baseline in by_programme[programmes[spec["name"]]]
                for step in range(SPAN_YEARS)
            ),
        )

    def activities(self, specs, programmes: dict[str, int]) -> None:
        insert_missing(
            Activity,
            Activity.objects.filter(programme__plan=self.plan),
            ("programme_id", "year", "name"),
            (
                {
                    "programme_id": programmes[spec["name"]],
                    "year": activity["year"],
                    "quarter": activity["quarter"],
                    "name": activity["name"],
                    "output": activity["output"],
                    "agency": activity["agency"],
                    "budget": activity["budget"],
                    "funding_source": self.refs.funding[activity["source"]],
                    "order": order,
                    **self.stamp,
                }
                for spec in specs
                for order, activity in enumerate(spec["activities"], start=1)
            ),
        )

    def budget_and_roadmap(self, specs, programmes: dict[str, int]) -> None:
        lines, cells = [], []
        for spec in specs:
            programme_id = programmes[spec["name"]]
            by_source: dict[tuple[int, str], int] = defaultdict(int)
            by_year: dict[int, int] = defaultdict(int)
            for activity in spec["activities"]:
                by_source[activity["year"], activity["source"]] += activity["budget"]
                by_year[activity["year"]] += activity["budget"]
            for (year, source), amount in sorted(by_source.items()):
                lines.append(
                    {
                        "programme_id": programme_id,
                        "year": year,
                        "funding_source_id": self.refs.funding[source].pk,
                        "amount": amount,
                        "status": BudgetLine.Status.BUDGETED
                        if year == self.plan.start_year
                        else BudgetLine.Status.INDICATIVE,
                        **self.stamp,
                    }
                )
            for step, (year, amount) in enumerate(sorted(by_year.items()), start=1):
                cells.append(
                    {
                        "programme_id": programme_id,
                        "year": year,
                        "target": "Unit layanan aktif: "
                        f"{with_unit(spec['baseline'] + 8 * step, 'unit')}",
                        "budget": amount,
                        **self.stamp,
                    }
                )
        insert_missing(
            BudgetLine,
            BudgetLine.objects.filter(programme__plan=self.plan),
            ("programme_id", "year", "funding_source_id"),
            lines,
        )
        insert_missing(
            RoadmapEntry,
            RoadmapEntry.objects.filter(programme__plan=self.plan),
            ("programme_id", "year"),
            cells,
        )


def insert_missing(
    model: type[models.Model],
    existing: models.QuerySet,
    key: tuple[str, ...],
    rows: Iterable[dict[str, Any]],
) -> int:
    """Bulk-create the rows whose key is not in ``existing`` yet."""
    taken = set(existing.values_list(*key))
    new = []
    for row in rows:
        row_key = tuple(row[name] for name in key)
        if row_key in taken:
            continue
        taken.add(row_key)
        new.append(model(**row))
    model._default_manager.bulk_create(new, batch_size=BATCH)
    return len(new)
