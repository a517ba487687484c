"""The action plan's activities and the roadmap's entries."""

from __future__ import annotations

from api import filters
from api.base import ScopedViewSet
from api.serializers.roadmap import ActivitySerializer, RoadmapEntrySerializer
from roadmap.models import Activity, RoadmapEntry


class ActivityViewSet(ScopedViewSet):
    model = Activity
    serializer_class = ActivitySerializer
    filterset_class = filters.ActivityFilter
    search_fields = ("name", "output")
    ordering_fields = ("year", "quarter", "order", "budget")


class RoadmapEntryViewSet(ScopedViewSet):
    model = RoadmapEntry
    serializer_class = RoadmapEntrySerializer
    filterset_class = filters.RoadmapEntryFilter
    ordering_fields = ("year", "budget")
