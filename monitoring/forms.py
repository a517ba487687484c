from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from masterplan.forms import VersionField
from monitoring.figures import planned_amounts
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from programs.models import BudgetLine, IndicatorTarget


class VersionedForm(forms.ModelForm):
    """A record of the programme's report with the version it was shown at: empty when
    the record did not exist yet. A stale save is a conflict, not an overwrite."""

    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def based_on(self) -> int | None:
        return self.cleaned_data.get("version")

    def is_stale(self) -> bool:
        """Someone saved the record since this form was shown (or created it meanwhile).

        A record deleted meanwhile is not stale: saving the form records it again."""
        return self.instance.pk is not None and self.based_on() != self.instance.version

    def is_empty(self) -> bool:
        return False

    def is_untouched(self) -> bool:
        """Shown blank (no record yet) and left blank: nothing to save or compare."""
        return self.based_on() is None and self.is_empty()


class ProgrammeReportForm(VersionedForm):
    class Meta:
        model = ProgrammeReport
        fields = ["status", "reason", "evaluation_level", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class IndicatorRealisationForm(VersionedForm):
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
        if data.get("value") is None and (data.get("version") or not self.is_empty()):
            # a realisation the form showed is corrected, not blanked (it cannot be empty)
            self.add_error("value", _("Fill in the realisation, or leave the whole row empty."))
        return data


class BudgetRealisationForm(VersionedForm):
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


class ReportForms:
    """Every form of one programme's report of one year: status, one per indicator, one
    per funding source; built from what is stored now, bound to ``data`` when posted."""

    def __init__(self, programme, year: int, data=None, files=None):
        self.programme, self.year = programme, year
        report = ProgrammeReport.objects.filter(programme=programme, year=year).first()
        self.status_form = ProgrammeReportForm(
            data,
            instance=report or ProgrammeReport(programme=programme, year=year),
            prefix="status",
        )
        targets = dict(
            IndicatorTarget.objects.filter(indicator__programme=programme, year=year).values_list(
                "indicator_id", "value"
            )
        )
        realised = {
            r.indicator_id: r
            for r in IndicatorRealisation.objects.filter(indicator__programme=programme, year=year)
        }
        self.indicator_rows = [
            (
                indicator,
                targets.get(indicator.pk),
                IndicatorRealisationForm(
                    data,
                    files,
                    instance=realised.get(indicator.pk)
                    or IndicatorRealisation(indicator=indicator, year=year),
                    prefix=f"indikator-{indicator.pk}",
                ),
            )
            for indicator in programme.indicators.all()
        ]
        lines = BudgetLine.objects.filter(programme=programme, year=year).values_list(
            "programme_id", "year", "funding_source_id", "status", "amount"
        )
        planned = {source: amount for (_p, _y, source), amount in planned_amounts(lines).items()}
        money = {
            r.funding_source_id: r
            for r in BudgetRealisation.objects.filter(programme=programme, year=year)
        }
        sources = programme.plan.framework.funding_sources.order_by("order")
        shown = [s for s in sources if s.pk in planned or s.pk in money] or list(sources)
        self.budget_rows = [
            (
                source,
                planned.get(source.pk, 0),
                BudgetRealisationForm(
                    data,
                    instance=money.get(source.pk)
                    or BudgetRealisation(programme=programme, year=year, funding_source=source),
                    prefix=f"anggaran-{source.pk}",
                ),
            )
            for source in shown
        ]

    @property
    def forms(self) -> list[VersionedForm]:
        return (
            [self.status_form]
            + [row[2] for row in self.indicator_rows]
            + [row[2] for row in self.budget_rows]
        )

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    def to_save(self) -> list[VersionedForm]:
        """The valid forms that change something (the status form always does)."""
        return [self.status_form] + [form for form in self.forms[1:] if not form.is_untouched()]

    def replace(self, form: VersionedForm, merged: VersionedForm) -> None:
        """Put the conflict screen's merged form where ``form`` was."""
        if form is self.status_form:
            self.status_form = merged
        self.indicator_rows = [
            (a, b, merged if f is form else f) for a, b, f in self.indicator_rows
        ]
        self.budget_rows = [(a, b, merged if f is form else f) for a, b, f in self.budget_rows]
