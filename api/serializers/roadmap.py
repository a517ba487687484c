"""The action plan's activities and the roadmap's entries."""

from __future__ import annotations

from api.base import TRACKED_READ_ONLY, RecordSerializer
from roadmap.models import Activity, RoadmapEntry


class ActivitySerializer(RecordSerializer):
    owner_field = "programme"
    same_region = ("agency",)
    same_framework = ("funding_source",)

    class Meta(RecordSerializer.Meta):
        model = Activity
        fields = (
            "id",
            "programme",
            "name",
            "year",
            "quarter",
            "output",
            "agency",
            "budget",
            "funding_source",
            "order",
            *TRACKED_READ_ONLY,
        )


class RoadmapEntrySerializer(RecordSerializer):
    owner_field = "programme"

    class Meta(RecordSerializer.Meta):
        model = RoadmapEntry
        fields = ("id", "programme", "year", "target", "budget", "note", *TRACKED_READ_ONLY)
