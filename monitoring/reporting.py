"""Who may report on which programme: the one rule the portal form, the spreadsheet
template and upload, and the API ask.

Reporting is editing the programme's monitoring records, so ``can_edit`` comes first
(region, role, dimensions). A member whose membership names an agency (OPD) reports
only on the programmes that agency leads; the others are read-only for them.
Coordinators and admins report on every programme; a member without an agency keeps
the rights of their role.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from masterplan.models import Agency, Plan
from masterplan.permissions import COORDINATOR, access_for, can_edit
from programs.models import Programme


def reporting_agency_id(user: Any, region_id: int | None) -> int | None:
    """The agency the user reports for in this region, when that limits them."""
    rights = access_for(user)
    if rights.is_admin or rights.member_roles.get(region_id) == COORDINATOR:
        return None
    return rights.member_agencies.get(region_id)


def reporting_agency(user: Any, plan: Plan) -> Agency | None:
    agency_id = reporting_agency_id(user, plan.region_id)
    return None if agency_id is None else Agency.objects.filter(pk=agency_id).first()


def programme_of(record: Any) -> Programme:
    """The programme a monitoring record (or the programme itself) belongs to."""
    if isinstance(record, Programme):
        return record
    if hasattr(record, "indicator_id") and not hasattr(record, "programme_id"):
        return record.indicator.programme
    return record.programme


def may_report(user: Any, record: Any) -> bool:
    """May change this programme's reports (or this report, realisation, budget row)."""
    programme = programme_of(record)
    if not can_edit(user, programme):
        return False
    agency_id = reporting_agency_id(user, programme.scope_region_id())
    return agency_id is None or programme.lead_agency_id == agency_id


def reportable_programmes(user: Any, plan: Plan) -> QuerySet[Programme]:
    """The plan's programmes the user may report on, as one query."""
    programmes = Programme.objects.filter(plan=plan).editable_by(user)
    agency_id = reporting_agency_id(user, plan.region_id)
    if agency_id is not None:
        programmes = programmes.filter(lead_agency=agency_id)
    return programmes


def refusal(user: Any, programme: Programme, agency: Agency | None) -> str | None:
    """Why the user may not report on the programme (in the active language), or None.

    ``agency`` is the user's reporting agency (``reporting_agency``), fetched once by
    callers that check many programmes.
    """
    if may_report(user, programme):
        return None
    if agency is not None and can_edit(user, programme):
        return _("Programme %(code)s is not the responsibility of %(agency)s.") % {
            "code": programme.code,
            "agency": agency.name,
        }
    return _("You may not report on programme %(code)s.") % {"code": programme.code}
