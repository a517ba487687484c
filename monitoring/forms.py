from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport


class ProgrammeReportForm(forms.ModelForm):
    class Meta:
        model = ProgrammeReport
        fields = ["status", "reason", "evaluation_level", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class IndicatorRealisationForm(forms.ModelForm):
    """One indicator's line of the programme's report; left empty, nothing is recorded."""

    evidence_link = forms.URLField(
        label=capfirst(IndicatorRealisation._meta.get_field("evidence_link").verbose_name),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = IndicatorRealisation
        fields = ["value", "evidence_file", "evidence_link", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].required = False

    def is_empty(self) -> bool:
        data = self.cleaned_data
        return data.get("value") is None and not any(
            data.get(name) for name in ("evidence_file", "evidence_link", "note")
        )

    def clean(self):
        data = super().clean()
        if data.get("value") is None and not self.is_empty():
            self.add_error("value", _("Fill in the realisation, or leave the whole row empty."))
        return data


class BudgetRealisationForm(forms.ModelForm):
    class Meta:
        model = BudgetRealisation
        fields = ["allocated", "spent", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocated"].required = False
        self.fields["spent"].required = False

    def is_empty(self) -> bool:
        data = self.cleaned_data
        return not data.get("allocated") and not data.get("spent") and not data.get("note")

    def clean(self):
        data = super().clean()
        data["allocated"] = data.get("allocated") or 0
        data["spent"] = data.get("spent") or 0
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
