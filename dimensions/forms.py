"""Forms of the analysis (Buku 1) and strategy (Buku 2) editors, and their common base.

Every record form offers only choices of the plan (its framework's reference
items, its region's agencies, its own issues and strategies) and, for an editor
limited to some dimensions, only those dimensions. The querysets are the
server-side check too: a posted id outside them is an invalid choice.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dimensions.models import (
    Dimension,
    Element,
    ExistingInnovation,
    FundingSource,
    GapItem,
    Goal,
    Horizon,
    IndicatorType,
    InnovationType,
    Pillar,
    PillarAspect,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.editing import may_edit_in
from masterplan.lib import money
from masterplan.models import Agency, Institution, InstitutionMember, Plan
from masterplan.permissions import access_for


def editable_dimensions(user: Any, plan: Plan) -> QuerySet[Dimension]:
    """The plan's dimensions in which the user may add and change records."""
    dimensions = Dimension.objects.filter(framework=plan.framework_id).order_by("order")
    rights = access_for(user)
    if rights.may_edit(plan.region_id, None):
        return dimensions
    return dimensions.filter(pk__in=rights.limited_dimensions.get(plan.region_id, ()))


class VersionField(forms.IntegerField):
    """The version of the record the form was built from, for the stale-save check."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class RupiahField(forms.IntegerField):
    """Whole Rupiah; accepts what people type: ``Rp 1.250.000`` or ``1250000``."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "Rp"})

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return money.number(value, 0)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"(?i)^\s*rp\.?|[\s.]", "", value)
            value = value.split(",", 1)[0]
        return super().to_python(value)


def text_area(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _framework(model):
    return lambda plan, user: model.objects.filter(framework=plan.framework_id)


def _agencies(plan: Plan, user: Any):
    return Agency.objects.filter(region=plan.region_id)


# Field name → the choices a plan offers for it.
PLAN_CHOICES = {
    "pillar": _framework(Pillar),
    "aspect": lambda plan, user: PillarAspect.objects.filter(
        pillar__framework=plan.framework_id
    ).select_related("pillar"),
    "horizon": _framework(Horizon),
    "innovation_type": _framework(InnovationType),
    "funding_source": _framework(FundingSource),
    "indicator_type": _framework(IndicatorType),
    "agency": _agencies,
    "lead_agency": _agencies,
    "owner": _agencies,
    "supporting_agencies": _agencies,
    "issues": lambda plan, user: StrategicIssue.objects.filter(plan=plan),
    "strategies": lambda plan, user: Strategy.objects.filter(plan=plan),
    "swot_items": lambda plan, user: SwotItem.objects.filter(plan=plan),
    "gap_items": lambda plan, user: GapItem.objects.filter(plan=plan),
    "institution": lambda plan, user: Institution.objects.filter(plan=plan),
}


def offer_only(field: forms.ModelChoiceField, offered) -> None:
    """Show only ``offered`` while the field still accepts its whole queryset.

    A limited editor sees only their dimensions; a record posted for another
    dimension of the plan is then refused with 403 by the view, not hidden as
    an invalid choice.
    """
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = empty + [(item.pk, field.label_from_instance(item)) for item in offered]


class RecordForm(forms.ModelForm):
    """A plan record's form: the plan's choices only, and the version it is based on."""

    version = VersionField()

    def __init__(self, *args, plan: Plan, user: Any, parent: Any = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.user, self.parent = plan, user, parent
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
        for name, field in self.fields.items():
            if name in PLAN_CHOICES and hasattr(field, "queryset"):
                field.queryset = PLAN_CHOICES[name](plan, user)
        limited = not may_edit_in(user, plan, None)
        if "dimension" in self.fields:
            field = self.fields["dimension"]
            field.queryset = Dimension.objects.filter(framework=plan.framework_id)
            if limited:
                # records of the whole plan are not a limited editor's to add
                field.required = True
                offer_only(field, editable_dimensions(user, plan))
        if "element" in self.fields:
            field = self.fields["element"]
            field.queryset = Element.objects.filter(
                dimension__framework=plan.framework_id
            ).select_related("dimension")
            if limited:
                offer_only(
                    field, field.queryset.filter(dimension__in=editable_dimensions(user, plan))
                )

    def clean_version(self):
        version = self.cleaned_data.get("version")
        if self.instance.pk and version is None:
            raise ValidationError(_("This form is missing its version."), code="version")
        return version


class RegionProfileForm(RecordForm):
    class Meta:
        model = RegionProfile
        fields = [
            "data_year",
            "area_km2",
            "population",
            "districts",
            "villages",
            "grdp_billion",
            "economic_growth",
            "hdi",
            "poverty_rate",
            "unemployment_rate",
            "internet_users",
            "summary",
        ]
        widgets = {"summary": text_area(3)}

    def clean(self):
        cleaned = super().clean()
        # a plan has one profile: a second "add" (another tab, a colleague) edits nothing
        if self.instance._state.adding and RegionProfile.objects.filter(plan=self.plan).exists():
            raise ValidationError(
                _("This plan has its region profile already; edit that one."), code="unique"
            )
        return cleaned


class ReadinessForm(RecordForm):
    class Meta:
        model = ReadinessAssessment
        fields = ["aspect", "rating", "narrative", "evidence"]
        widgets = {"narrative": text_area(4), "evidence": text_area(2)}

    def clean_aspect(self):
        aspect = self.cleaned_data["aspect"]
        taken = ReadinessAssessment.objects.filter(plan=self.plan, aspect=aspect)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("This aspect is assessed already; edit that assessment."), code="unique"
            )
        return aspect


class GapItemForm(RecordForm):
    class Meta:
        model = GapItem
        fields = ["dimension", "pillar", "current_condition", "expected_condition", "gap"]
        widgets = {
            "current_condition": text_area(),
            "expected_condition": text_area(),
            "gap": text_area(),
        }


class SwotItemForm(RecordForm):
    class Meta:
        model = SwotItem
        fields = ["dimension", "kind", "text", "pillar"]
        widgets = {"text": text_area()}


class StrategicIssueForm(RecordForm):
    class Meta:
        model = StrategicIssue
        fields = ["dimension", "element", "title", "description"]
        widgets = {"description": text_area()}


class ExistingInnovationForm(RecordForm):
    url = forms.URLField(
        label=ExistingInnovation._meta.get_field("url").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = ExistingInnovation
        fields = [
            "name",
            "description",
            "dimension",
            "element",
            "agency",
            "year_launched",
            "url",
            "status",
        ]
        widgets = {"description": text_area()}


class GoalForm(RecordForm):
    class Meta:
        model = Goal
        fields = ["dimension", "statement", "target", "target_year"]
        widgets = {"statement": text_area(), "target": text_area()}


class StrategyForm(RecordForm):
    class Meta:
        model = Strategy
        fields = ["dimension", "element", "target", "strategy", "policy_direction", "issues"]
        widgets = {
            "target": text_area(),
            "strategy": text_area(),
            "policy_direction": text_area(),
            "issues": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = self.fields["issues"].queryset.select_related("dimension")
        self.fields["issues"].label_from_instance = lambda issue: (
            f"{issue.dimension.code} · {issue.title}"
        )


class InstitutionForm(RecordForm):
    class Meta:
        model = Institution
        fields = ["kind", "name", "decree_number", "decree_date", "duties", "meeting_schedule"]
        widgets = {"duties": text_area(3), "decree_date": date_input()}

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        taken = Institution.objects.filter(plan=self.plan, kind=kind)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("The plan has this body already."), code="unique")
        return kind


class InstitutionMemberForm(RecordForm):
    class Meta:
        model = InstitutionMember
        fields = ["institution", "name", "position", "agency", "role"]
