from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exports.backup import plan_dumps, plan_export
from masterplan.models import Plan


class Command(BaseCommand):
    help = (
        "Write a region's plan, with its files, as a JSON backup (to standard output or "
        "--output). Load it with import_plan, on this server or another. "
        "Example: export_plan pekalongan > plan.json"
    )

    def add_arguments(self, parser):
        parser.add_argument("region", help="Region slug, e.g. pekalongan")
        parser.add_argument("--cohort", type=int, help="Cohort year when the region has several")
        parser.add_argument("--output", "-o", help="File to write instead of standard output")

    def handle(self, *args, region: str, cohort=None, output=None, **options) -> None:
        plans = Plan.objects.select_related("region", "cohort", "framework").filter(
            region__slug=region
        )
        if cohort:
            plans = plans.filter(cohort__year=cohort)
        plans = list(plans.order_by("-cohort__year")[:2])
        if not plans:
            raise CommandError(f"No plan for region {region!r}.")
        if len(plans) > 1:
            raise CommandError("The region has plans in several cohorts: pass --cohort YEAR.")
        warnings: list[str] = []
        text = plan_dumps(plan_export(plans[0], warnings))
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        if output:
            path = Path(output)
            temporary = path.with_name(path.name + ".part")
            temporary.write_text(text + "\n", encoding="utf-8")
            temporary.replace(path)  # never leave a half-written backup under the real name
            self.stderr.write(f"{path}: {len(text):,} characters")
        else:
            self.stdout.write(text)
