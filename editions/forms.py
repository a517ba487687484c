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


DRAFT = "draf"  # "ke": the book as it is now, newer than any edition


class RedlinePairForm(forms.Form):
    """Which two versions of a book the redline compares: any two editions, or an edition
    and the current draft. Two editions given the wrong way round are put in order."""

    dari = forms.TypedChoiceField(
        label=_("From"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    ke = forms.ChoiceField(label=_("To"), widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, data, *, editions, **kwargs):
        super().__init__(data, **kwargs)
        choices = [(edition.number, edition.label) for edition in editions]
        self.fields["dari"].choices = choices
        self.fields["ke"].choices = [*choices, (DRAFT, _("Current draft"))]

    def clean(self):
        data = super().clean()
        older, newer = data.get("dari"), data.get("ke")
        if older is None or newer is None:
            return data
        if newer == DRAFT:
            data["ke"] = None
            return data
        newer = int(newer)
        if older == newer:
            raise forms.ValidationError(_("Pick two different editions to compare."))
        data["dari"], data["ke"] = min(older, newer), max(older, newer)
        return data


def default_pair(editions) -> dict[str, str]:
    """The newest two editions; with one edition, that edition against the current draft."""
    if len(editions) >= 2:
        return {"dari": str(editions[-2].number), "ke": str(editions[-1].number)}
    return {"dari": str(editions[-1].number), "ke": DRAFT}
