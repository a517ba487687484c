"""The official pages of the printed books, entered by the region's coordinator: the
approval page (lembar pengesahan), the region's own abbreviations and the region's logo
for the cover."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from exports.models import Abbreviation, ApprovalPage
from masterplan.context import plan_context
from masterplan.editing import plan_for
from masterplan.forms import VersionField, check_image
from masterplan.models import Plan, VersionConflict
from masterplan.permissions import can_manage_region
from masterplan.services import record_delete, record_save, untracked_save

APPROVAL_FIELDS = [
    "head_name",
    "head_nip",
    "head_position",
    "secretary_name",
    "secretary_nip",
    "secretary_position",
    "place",
    "signed_on",
    "regulation_number",
]
LOGO_FORMATS = {"PNG", "JPEG"}


class ApprovalPageForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = ApprovalPage
        fields = APPROVAL_FIELDS
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AbbreviationForm(forms.ModelForm):
    class Meta:
        model = Abbreviation
        fields = ["term", "meaning"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan

    def clean_term(self) -> str:
        term = self.cleaned_data["term"].strip()
        if Abbreviation.objects.filter(plan=self.instance.plan, term=term).exists():
            raise forms.ValidationError(
                _("This abbreviation is already in the list."), code="duplicate"
            )
        return term


class RegionLogoForm(forms.Form):
    logo = forms.ImageField(label=gettext_lazy("Logo (PNG or JPEG)"))

    def clean_logo(self):
        upload = self.cleaned_data["logo"]
        image = getattr(upload, "image", None)
        check_image(upload.size, image)
        if image.format not in LOGO_FORMATS:
            raise forms.ValidationError(
                _("Upload the logo as a PNG or JPEG image."), code="logo_format"
            )
        return upload


def _coordinator_plan(request: HttpRequest, plan_id: int) -> Plan:
    plan = plan_for(request, plan_id)
    if not can_manage_region(request.user, plan.region_id):
        raise PermissionDenied
    return plan


def _page(request: HttpRequest, plan: Plan, *, status: int = 200, **forms_given) -> HttpResponse:
    approval = ApprovalPage.objects.filter(plan=plan).first() or ApprovalPage(plan=plan)
    context = plan_context(
        request,
        plan,
        approval_form=forms_given.get("approval_form")
        or ApprovalPageForm(instance=approval, initial={"version": approval.version}),
        abbreviation_form=forms_given.get("abbreviation_form") or AbbreviationForm(plan=plan),
        logo_form=forms_given.get("logo_form") or RegionLogoForm(),
        abbreviations=Abbreviation.objects.filter(plan=plan).order_by("term"),
    )
    return render(request, "exports/official_pages.html", context, status=status)


@login_required
def official_pages(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _coordinator_plan(request, plan_id)
    if request.method != "POST":
        return _page(request, plan)
    approval = ApprovalPage.objects.filter(plan=plan).first() or ApprovalPage(plan=plan)
    form = ApprovalPageForm(request.POST, instance=approval)
    if not form.is_valid():
        return _page(request, plan, approval_form=form, status=400)
    try:
        record_save(
            form.save(commit=False),
            by=request.user,
            based_on=form.cleaned_data["version"] if approval.pk else None,
            update_fields=APPROVAL_FIELDS if approval.pk else None,
        )
    except VersionConflict:
        form.add_error(None, _("Someone changed the approval page meanwhile. Save again."))
        form.data = form.data.copy()
        form.data["version"] = ApprovalPage.objects.get(pk=approval.pk).version
        return _page(request, plan, approval_form=form, status=409)
    messages.success(request, _("The approval page was saved."))
    return redirect("exports:official_pages", plan.pk)


@login_required
@require_POST
def abbreviation_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _coordinator_plan(request, plan_id)
    form = AbbreviationForm(request.POST, plan=plan)
    if not form.is_valid():
        return _page(request, plan, abbreviation_form=form, status=400)
    record_save(form.save(commit=False), by=request.user)
    messages.success(request, _("The abbreviation was added."))
    return redirect("exports:official_pages", plan.pk)


@login_required
@require_POST
def abbreviation_delete(request: HttpRequest, plan_id: int, abbreviation_id: int) -> HttpResponse:
    plan = _coordinator_plan(request, plan_id)
    abbreviation = get_object_or_404(Abbreviation, plan=plan, pk=abbreviation_id)
    record_delete(abbreviation, by=request.user)
    messages.success(request, _("The abbreviation was removed."))
    return redirect("exports:official_pages", plan.pk)


@login_required
@require_POST
def region_logo(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _coordinator_plan(request, plan_id)
    form = RegionLogoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, plan, logo_form=form, status=400)
    region = plan.region
    region.logo = form.cleaned_data["logo"]
    untracked_save(region, by=request.user)
    messages.success(request, _("The logo was saved; it prints on the cover of every book."))
    return redirect("exports:official_pages", plan.pk)
