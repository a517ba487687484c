"""The agencies (OPD) of a plan's region, managed by its coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CASCADE
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from masterplan.context import plan_context
from masterplan.editing import plan_for
from masterplan.forms import AgencyForm, MemberAgencyForm
from masterplan.models import Agency, Membership, Plan, VersionConflict
from masterplan.permissions import access, can_manage_region
from masterplan.services import audit_record, record_delete, record_save


def _agency_manager(request: HttpRequest, plan_id: int) -> Plan:
    plan = plan_for(request, plan_id)
    if not can_manage_region(request.user, plan.region_id):
        raise PermissionDenied
    return plan


@login_required
def agency_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    agencies = Agency.objects.visible_to(request.user).filter(region=plan.region).order_by("name")
    context = plan_context(
        request,
        plan,
        agencies=agencies,
        can_manage=can_manage_region(request.user, plan.region_id),
    )
    return render(request, "masterplan/agency_list.html", context)


@login_required
def agency_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _agency_manager(request, plan_id)
    form = AgencyForm(request.POST or None, region=plan.region)
    if request.method == "POST" and form.is_valid():
        agency = form.save(commit=False)
        record_save(agency, by=request.user)
        messages.success(request, _("The agency was added."))
        return redirect("agency_list", plan.pk)
    return render(request, "masterplan/agency_form.html", plan_context(request, plan, form=form))


def _agency_for(request: HttpRequest, plan: Plan, agency_id: int) -> Agency:
    return access(request.user, Agency.objects.filter(region=plan.region), pk=agency_id)


@login_required
def agency_edit(request: HttpRequest, plan_id: int, agency_id: int) -> HttpResponse:
    plan = _agency_manager(request, plan_id)
    agency = _agency_for(request, plan, agency_id)
    form = AgencyForm(request.POST or None, instance=agency, region=plan.region)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            record_save(
                form.save(commit=False),
                by=request.user,
                based_on=form.cleaned_data["version"] or agency.version,
                update_fields=["name", "acronym", "kind"],
            )
        except VersionConflict:
            current = Agency.objects.select_related("updated_by").get(pk=agency.pk)
            form.add_error(
                None,
                _(
                    "%(who)s changed this agency meanwhile (now “%(name)s”). "
                    "Check the values and save again."
                )
                % {"who": current.updated_by or _("Someone"), "name": current.name},
            )
            form.data = form.data.copy()
            form.data["version"] = current.version
            status = 409
        else:
            messages.success(request, _("The agency was saved."))
            return redirect("agency_list", plan.pk)
    return render(
        request,
        "masterplan/agency_form.html",
        plan_context(request, plan, form=form, agency=agency),
        status=status,
    )


def _references(obj) -> list[tuple[str, int]]:
    """Records that point at ``obj`` and would lose the link if it were deleted."""
    found = []
    for relation in obj._meta.related_objects:
        if relation.on_delete is CASCADE:
            continue
        manager = relation.related_model._base_manager
        count = manager.filter(**{relation.field.name: obj}).count()
        if count:
            found.append((str(relation.related_model._meta.verbose_name_plural), count))
    return found


@login_required
def agency_delete(request: HttpRequest, plan_id: int, agency_id: int) -> HttpResponse:
    plan = _agency_manager(request, plan_id)
    agency = _agency_for(request, plan, agency_id)
    references = _references(agency)
    if request.method == "POST" and not references:
        record_delete(agency, by=request.user)
        messages.success(
            request,
            _("“%(name)s” was deleted. An administrator can restore it.") % {"name": agency},
        )
        return redirect("agency_list", plan.pk)
    return render(
        request,
        "masterplan/agency_delete.html",
        plan_context(request, plan, agency=agency, references=references),
        status=409 if request.method == "POST" else 200,
    )


@login_required
def member_agencies(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The agency each member of the working group reports for (monitoring.reporting):
    a member with an agency reports on the programmes it leads only."""
    plan = _agency_manager(request, plan_id)
    members = Membership.objects.filter(region=plan.region).select_related("user", "agency")
    status = 200
    if request.method == "POST":
        membership = get_object_or_404(members, pk=request.POST.get("membership") or 0)
        before = membership.agency
        form = MemberAgencyForm(request.POST, instance=membership)
        if form.is_valid():
            with transaction.atomic():
                form.save()
                audit_record(
                    actor=request.user,
                    action="membership.agency",
                    target=membership,
                    region=plan.region,
                    changes={"agency": [str(before or ""), str(membership.agency or "")]},
                )
            messages.success(
                request,
                _("%(user)s now reports for: %(agency)s.")
                % {"user": membership.user, "agency": membership.agency or _("all agencies")},
            )
            return redirect("member_agencies", plan.pk)
        status = 400
    rows = [(membership, MemberAgencyForm(instance=membership)) for membership in members]
    return render(
        request,
        "masterplan/member_agencies.html",
        plan_context(request, plan, rows=rows),
        status=status,
    )
