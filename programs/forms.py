"""Forms of the programme editor and of the records hanging on a programme."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dimensions.forms import RecordForm, RupiahField, date_input, text_area
from dimensions.models import Dimension, Element, Horizon
from masterplan.models import Agency, Plan
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    ProgrammePhoto,
    Risk,
)
from programs.photos import check_photo


def year_choice(plan: Plan, label, *, required: bool = True) -> forms.TypedChoiceField:
    choices = [(year, year) for year in plan.years]
    return forms.TypedChoiceField(
        label=label,
        choices=([("", "—")] if not required else []) + choices,
        coerce=int,
        required=required,
        empty_value=None,
    )


class ProgrammeForm(RecordForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "element",
            "description",
            "problem",
            "pillar",
            "horizon",
            "innovation_type",
            "priority",
            "lead_agency",
            "supporting_agencies",
            "rpjmd_alignment",
            "budget_code",
            "strategies",
            "issues",
            "swot_items",
            "gap_items",
            "sustainability",
            "is_flagship",
            "is_quick_win",
            "quick_win_year",
            "flagship_status",
            "beneficiaries",
            "beneficiaries_count",
            "launch_date",
        ]
        widgets = {
            "description": text_area(3),
            "problem": text_area(2),
            "rpjmd_alignment": text_area(2),
            "sustainability": text_area(2),
            "beneficiaries": text_area(2),
            "launch_date": date_input(),
            "supporting_agencies": forms.SelectMultiple(attrs={"size": 6}),
            "strategies": forms.SelectMultiple(attrs={"size": 6}),
            "issues": forms.SelectMultiple(attrs={"size": 6}),
            "swot_items": forms.SelectMultiple(attrs={"size": 6}),
            "gap_items": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quick_win_year"] = year_choice(
            self.plan, Programme._meta.get_field("quick_win_year").verbose_name, required=False
        )
        self.fields["strategies"].queryset = self.fields["strategies"].queryset.select_related(
            "dimension"
        )
        self.fields["strategies"].label_from_instance = lambda s: f"{s.dimension.code} · {s}"
        self.fields["issues"].queryset = self.fields["issues"].queryset.select_related("dimension")
        self.fields["issues"].label_from_instance = lambda i: f"{i.dimension.code} · {i}"
        self.fields["swot_items"].label_from_instance = lambda s: s.text[:120]
        self.fields["gap_items"].label_from_instance = lambda g: str(g)[:120]
        # choices with a default: a draft that does not say keeps the default
        for name in ("priority", "flagship_status"):
            self.fields[name].required = False
        help_text = _("Hold Ctrl (or ⌘) to choose several.")
        for name in ("supporting_agencies", "strategies", "issues", "swot_items", "gap_items"):
            self.fields[name].help_text = help_text

    def clean_priority(self):
        return self.cleaned_data["priority"] or Programme.Priority.MEDIUM

    def clean_flagship_status(self):
        return self.cleaned_data["flagship_status"] or Programme.FlagshipStatus.PROPOSED


class ProgrammeFilterForm(forms.Form):
    """The filters of the programme list; every choice is the plan's own."""

    KINDS = [
        ("", _("All programmes")),
        ("flagship", _("Flagships")),
        ("quick_win", _("Quick wins")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    dimension = forms.ModelChoiceField(
        label=_("Dimension"), queryset=Dimension.objects.none(), required=False
    )
    element = forms.ModelChoiceField(
        label=_("Element"), queryset=Element.objects.none(), required=False
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )
    horizon = forms.ModelChoiceField(
        label=_("Horizon"), queryset=Horizon.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.filter(
            framework=plan.framework_id
        ).order_by("order")
        self.fields["element"].queryset = Element.objects.filter(
            dimension__framework=plan.framework_id
        ).select_related("dimension")
        self.fields["agency"].queryset = Agency.objects.filter(region=plan.region_id)
        self.fields["horizon"].queryset = Horizon.objects.filter(framework=plan.framework_id)
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs["class"] = f"{css} {css}-sm"
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs["placeholder"] = _("name, code, description")

    def filter(self, programmes: QuerySet[Programme]) -> QuerySet[Programme]:
        if not self.is_valid():
            return programmes
        data = self.cleaned_data
        if data["q"]:
            words = Q()
            for word in data["q"].split():
                words &= (
                    Q(name__icontains=word)
                    | Q(code__icontains=word)
                    | Q(description__icontains=word)
                )
            programmes = programmes.filter(words)
        if data["dimension"]:
            programmes = programmes.in_dimension(data["dimension"])
        if data["element"]:
            programmes = programmes.filter(element=data["element"])
        if data["agency"]:
            # a subquery, not a join, so the budget sums are not multiplied
            supported = Programme.supporting_agencies.through.objects.filter(
                agency=data["agency"]
            ).values("programme_id")
            programmes = programmes.filter(Q(lead_agency=data["agency"]) | Q(pk__in=supported))
        if data["horizon"]:
            programmes = programmes.filter(horizon=data["horizon"])
        if data["kind"] == "flagship":
            programmes = programmes.filter(is_flagship=True)
        elif data["kind"] == "quick_win":
            programmes = programmes.filter(is_quick_win=True)
        return programmes


class IndicatorForm(RecordForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "indicator_type",
            "unit",
            "baseline_year",
            "baseline_value",
            "data_source",
        ]


class CellForm(RecordForm):
    """One cell of a year grid: its row may not exist yet, so the version may be empty.

    An empty version for a row that exists means someone created it meanwhile:
    the save is then refused as stale (see programs.views.cell_save).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False

    def clean_version(self):
        return self.cleaned_data.get("version")


class IndicatorTargetForm(CellForm):
    class Meta:
        model = IndicatorTarget
        fields = ["value"]


class BudgetLineForm(RecordForm):
    amount = RupiahField(label=BudgetLine._meta.get_field("amount").verbose_name)

    class Meta:
        model = BudgetLine
        fields = ["year", "funding_source", "amount", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = year_choice(
            self.plan, BudgetLine._meta.get_field("year").verbose_name
        )

    def clean(self):
        data = super().clean()
        same = BudgetLine.objects.filter(
            programme=self.instance.programme,
            year=data.get("year"),
            funding_source=data.get("funding_source"),
            status=data.get("status"),
        ).exclude(pk=self.instance.pk)
        if same.exists():
            raise ValidationError(
                _("This programme has a line for this year, source and status already."),
                code="unique",
            )
        return data


class PartnerForm(RecordForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "contribution"]


class RiskForm(RecordForm):
    class Meta:
        model = Risk
        fields = ["description", "likelihood", "impact", "mitigation", "owner"]
        widgets = {"description": text_area(), "mitigation": text_area()}


class FlagshipIndicatorForm(RecordForm):
    class Meta:
        model = FlagshipIndicator
        fields = ["name", "unit", "before", "after"]


class ProgrammePhotoForm(RecordForm):
    class Meta:
        model = ProgrammePhoto
        fields = ["image", "caption", "taken_on"]
        widgets = {
            "taken_on": date_input(),
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # the picture itself is replaced by deleting and uploading again
            del self.fields["image"]

    def clean_image(self):
        return check_photo(self.cleaned_data["image"])
