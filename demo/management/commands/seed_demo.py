from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models import Count, Sum
from django.utils.text import capfirst

from demo import batang, impact, large, official, pekalongan
from demo.builders import Seeder
from demo.cohort import COHORT, PASSWORD, USERS
from demo.monitoring import seed_monitoring
from dimensions.models import (
    ExistingInnovation,
    GapItem,
    Goal,
    ReadinessAssessment,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.models import (
    Agency,
    Book,
    Institution,
    InstitutionMember,
    Membership,
    MentorAssignment,
    Plan,
    Region,
    Section,
    User,
)
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    Risk,
)
from roadmap.models import Activity, RoadmapEntry

SUMMARY_MODELS: list[type[models.Model]] = [
    User,
    Region,
    Agency,
    Membership,
    MentorAssignment,
    Plan,
    Book,
    Section,
    ReadinessAssessment,
    GapItem,
    SwotItem,
    StrategicIssue,
    ExistingInnovation,
    Goal,
    Strategy,
    Institution,
    InstitutionMember,
    Programme,
    Indicator,
    IndicatorTarget,
    BudgetLine,
    Partner,
    Risk,
    FlagshipIndicator,
    Activity,
    RoadmapEntry,
    ProgrammeReport,
    IndicatorRealisation,
    BudgetRealisation,
]


def row_counts() -> dict[type[models.Model], int]:
    return {model: model._default_manager.count() for model in SUMMARY_MODELS}


class Command(BaseCommand):
    help = (
        "Create the demo cohort, regions, plans and users (password 'kotacerdas2024'). "
        "Idempotent: a second run adds nothing. '--size large' also builds a plan of about "
        "300 programmes and 2,000 activities for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=["demo", "large"],
            default="demo",
            help="'demo': Kabupaten Pekalongan and Kabupaten Batang (default); 'large': the "
            "same plus Kota Contoh Besar with ~300 programmes and ~2,000 activities.",
        )
        parser.add_argument(
            "--editions",
            action="store_true",
            help="Also freeze Kabupaten Pekalongan's adopted editions (edition 1 of each book, "
            "edition 2 of Buku 2 with its redline); renders their PDFs (about a minute).",
        )

    def handle(self, *args, size: str = "demo", editions: bool = False, **options) -> None:
        started = time.monotonic()
        before = row_counts()
        seeder = Seeder()
        with transaction.atomic():
            self.seed(seeder, size=size)
        if editions:
            self.seed_editions()
        else:
            self.keep_edition_2()
        after = row_counts()
        self.print_summary(seeder, before, after, time.monotonic() - started)

    def seed(self, seeder: Seeder, *, size: str) -> None:
        cohort = seeder.seed_cohort(COHORT)
        users = {spec["username"]: seeder.seed_user(spec, PASSWORD) for spec in USERS}
        plans = {}
        for spec in (pekalongan.SPEC, batang.SPEC):
            plan = seeder.seed_plan(spec, cohort, users[spec["author"]])
            plans[plan.region.slug] = plan
        official.seed_official(plans["pekalongan"], by=users[pekalongan.SPEC["author"]])
        for spec in USERS:
            region_slug = spec.get("region")
            if not region_slug:
                continue
            region = plans[region_slug].region
            user = users[spec["username"]]
            if spec["role"] == "mentor":
                seeder.seed_mentor(user, region)
                continue
            seeder.seed_membership(
                user,
                region,
                spec["role"],
                agency=region.agencies.get(acronym=spec["agency"]) if "agency" in spec else None,
                dimensions=list(
                    plans[region_slug].framework.dimensions.filter(
                        code__in=spec.get("dimensions", [])
                    )
                ),
            )
        impact.seed_suggestions(plans["pekalongan"], users["mentor"])
        seed_monitoring(plans["pekalongan"], by=users["koordinator"])
        if size == "large":
            large.seed_large(seeder, cohort, users["admin"])

    def seed_editions(self) -> None:
        from demo.editions import seed_editions

        plan = Plan.objects.get(region__slug="pekalongan", cohort__year=COHORT["year"])
        author = User.objects.get(username=pekalongan.SPEC["author"])
        for edition in seed_editions(plan, author):
            self.stdout.write(f"Buku {edition.book.number}: {edition.label}")

    def keep_edition_2(self) -> None:
        """Editions frozen by an earlier ``--editions`` run: the seed just restored the
        seeded values of Buku 2, put back what its edition 2 changed."""
        from demo.editions import edition_2_reapply

        plan = Plan.objects.filter(region__slug="pekalongan", cohort__year=COHORT["year"]).first()
        if plan is not None:
            author = User.objects.get(username=pekalongan.SPEC["author"])
            edition_2_reapply(plan, author)

    def print_summary(self, seeder: Seeder, before, after, seconds: float) -> None:
        write = self.stdout.write
        write(f"{'record':<24} {'rows':>7} {'new':>7} {'changed':>8}")
        for model in SUMMARY_MODELS:
            write(
                f"{capfirst(model._meta.verbose_name_plural):<24} {after[model]:>7} "
                f"{after[model] - before[model]:>7} {seeder.updated[model]:>8}"
            )
        write("")
        write(f"{'plan':<24} {'programmes':>10} {'activities':>10} {'budget (Rp bn)':>15}")
        plans = Plan.objects.select_related("region").annotate(
            n_programmes=Count("programmes", distinct=True)
        )
        for plan in plans.order_by("region__name"):
            activities = Activity.objects.filter(programme__plan=plan)
            budget = (
                BudgetLine.objects.filter(programme__plan=plan).aggregate(total=Sum("amount"))[
                    "total"
                ]
                or 0
            )
            write(
                f"{plan.region.name:<24} {plan.n_programmes:>10} {activities.count():>10} "
                f"{budget / 1e9:>15,.1f}"
            )
        for warning in seeder.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {seconds:.1f} s."))
