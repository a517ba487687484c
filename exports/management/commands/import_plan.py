from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from exports.backup import PlanImport, PlanImportError
from masterplan.lib.untrusted import MB, Refused, loads_json, read_capped

# A backup holds the plan's images inline (base64): generous, but not unbounded.
MAX_BACKUP_BYTES = 1024 * MB


class Command(BaseCommand):
    help = (
        "Load a plan backup written by export_plan, in one transaction. The region and the "
        "cohort are created when this server does not have them. Refuses when the region "
        "already has a plan in that cohort, unless --replace. Example: import_plan plan.json"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file, or - for standard input")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the region's existing plan of that cohort and import in its place.",
        )

    def handle(self, *args, file: str, replace: bool = False, **options) -> None:
        try:
            if file == "-":
                data = read_capped(getattr(sys.stdin, "buffer", sys.stdin), MAX_BACKUP_BYTES)
            else:
                with open(file, "rb") as handle:
                    data = read_capped(handle, MAX_BACKUP_BYTES)
            data = loads_json(data)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        except Refused as error:
            raise CommandError(f"{file} is not a JSON plan backup: {error.message}") from error
        importer = PlanImport(data, replace=replace)
        try:
            plan = importer.run()
        except PlanImportError as error:
            raise CommandError(str(error)) from error
        records = sum(importer.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {plan} ({plan.region}, cohort {plan.cohort.year}): {records} records."
            )
        )
        if importer.created_region:
            self.stdout.write(f"Created the region {plan.region}.")
        if importer.created_cohort:
            self.stdout.write(f"Created the cohort {plan.cohort} with its book templates.")
        if importer.created_users:
            self.stdout.write(
                f"Created {len(importer.created_users)} inactive account(s) for the people "
                f"named in the plan (no password, no access): {', '.join(importer.created_users)}"
            )
