"""Back up one region's plan as a JSON document, and load it back here or on another server.

``plan_export(plan)`` returns the document, ``plan_import(data, replace=False)`` creates
the plan from it in one transaction. The commands ``export_plan`` and ``import_plan``
are thin wrappers.

The document (format ``kota-cerdas-plan``, version 1) never contains database ids:

- records are identified by their UUID and point at each other by UUID;
- reference data by natural keys: the framework by its code, dimensions, pillars,
  funding sources, horizons, indicator and innovation types by their code within the
  plan's framework, elements as ``[dimension code, element code]``, readiness aspects
  as ``[pillar code, aspect code]``, the region by its slug, the cohort by its year,
  book templates by their number and section templates as ``[book number, key]``;
- people by their username (``users`` lists the ones referenced, with their names).

It holds the region (with its agencies) and the cohort (with its book templates,
chapter outlines and bimtek stages), both created on import when the server does
not have them, and everything of the plan: books and sections, Buku 1 analysis,
goals and strategies, institutions, programmes with indicators, targets, budget lines,
partners, risks, before/after indicators and photos, activities, roadmap entries,
review comments, book transitions and section sign-offs: every kind of plan record
that ``masterplan.registry`` finds, in the order it gives. Uploaded files (the region's
logo, section images, programme photos) are inside, base64-encoded, under their
original file name. Versions and created/updated times are kept.

Left out on purpose (the models say ``plan_record = False``, or have no region):
accounts and access (memberships, mentor assignments: they belong to each server), the
revision history, the audit log, the trash, notifications and PDF export jobs. Users
referenced by the plan that the importing server does not know are created as inactive
accounts without a password and without any membership, so they can neither sign in nor
see anything until an admin activates them.

Output is deterministic (rows in creation order, keys sorted by the command), so two
exports of an unchanged plan are byte for byte equal, and an export of an imported
plan equals the file it was imported from.
"""

from __future__ import annotations

from exports.backup.document import (
    FORMAT,
    NATURAL_KEYS,
    VERSION,
    PlanImportError,
    plan_dumps,
    plan_tables,
)
from exports.backup.exporter import plan_export
from exports.backup.importer import PlanImport, plan_delete, plan_import

__all__ = [
    "FORMAT",
    "NATURAL_KEYS",
    "VERSION",
    "PlanImport",
    "PlanImportError",
    "plan_delete",
    "plan_dumps",
    "plan_export",
    "plan_import",
    "plan_tables",
]
