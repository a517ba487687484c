"""The core's models, one module per topic; ``from masterplan.models import X`` for all of them.

- ``base``: ``Scoped`` and ``TrackedModel`` (what every app's records build on), helpers;
- ``regions``: cohorts and bimtek stages, regions, plans;
- ``institutions``: a region's agencies (OPD) and a plan's smart-city bodies;
- ``people``: users, memberships (roles in a region), mentor assignments;
- ``books``: book and section templates, books, sections, images, editor presence;
- ``history``: audit events, revisions, the trash;
- ``versions``: the content version of each plan (what caches are keyed by).
"""

from masterplan.models.base import (
    YEAR_RANGE,
    Scoped,
    TrackedModel,
    VersionConflict,
    localized,
    region_upload_to,
    year_constraint,
)
from masterplan.models.books import (
    FLAGSHIP_CHAPTERS,
    Book,
    BookQuerySet,
    BookTemplate,
    OutlineNode,
    Section,
    SectionImage,
    SectionPresence,
    SectionPresenceQuerySet,
    SectionTemplate,
    build_outline,
)
from masterplan.models.history import AuditEvent, DeletedRecord, RecordQuerySet, Revision
from masterplan.models.institutions import Agency, Institution, InstitutionMember
from masterplan.models.people import Membership, MentorAssignment, User
from masterplan.models.regions import (
    MAX_PERIOD_YEARS,
    MIN_PERIOD_YEARS,
    BimtekStage,
    Cohort,
    Plan,
    Region,
    check_year_in_plan,
)
from masterplan.models.versions import PlanVersion

__all__ = [
    "FLAGSHIP_CHAPTERS",
    "MAX_PERIOD_YEARS",
    "MIN_PERIOD_YEARS",
    "YEAR_RANGE",
    "Agency",
    "AuditEvent",
    "BimtekStage",
    "Book",
    "BookQuerySet",
    "BookTemplate",
    "Cohort",
    "DeletedRecord",
    "Institution",
    "InstitutionMember",
    "Membership",
    "MentorAssignment",
    "OutlineNode",
    "Plan",
    "PlanVersion",
    "RecordQuerySet",
    "Region",
    "Revision",
    "Scoped",
    "Section",
    "SectionImage",
    "SectionPresence",
    "SectionPresenceQuerySet",
    "SectionTemplate",
    "TrackedModel",
    "User",
    "VersionConflict",
    "build_outline",
    "check_year_in_plan",
    "localized",
    "region_upload_to",
    "year_constraint",
]
