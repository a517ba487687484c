from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AdoptionForm(forms.Form):
    regulation_number = forms.CharField(
        label=_("Regulation number"),
        max_length=120,
        help_text=_("e.g. Perbup No. 12/2025"),
    )
    regulation_date = forms.DateField(
        label=_("Regulation date"), widget=forms.DateInput(attrs={"type": "date"})
    )
