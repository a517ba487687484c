"""Forms of the action plan (activities) and of a roadmap cell."""

from __future__ import annotations

from dimensions.forms import RecordForm, RupiahField
from programs.forms import CellForm, year_choice
from roadmap.models import Activity, RoadmapEntry


class ActivityForm(RecordForm):
    budget = RupiahField(label=Activity._meta.get_field("budget").verbose_name, required=False)

    class Meta:
        model = Activity
        fields = ["name", "year", "quarter", "output", "agency", "budget", "funding_source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = year_choice(self.plan, Activity._meta.get_field("year").verbose_name)


class RoadmapEntryForm(CellForm):
    budget = RupiahField(label=RoadmapEntry._meta.get_field("budget").verbose_name, required=False)

    class Meta:
        model = RoadmapEntry
        fields = ["target", "budget", "note"]

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("target") or data.get("budget") is not None or data.get("note"))
