"""Editions of the books: GET only, they never change."""

from __future__ import annotations

from api import filters
from api.base import ScopedViewSet
from api.serializers.editions import EditionSerializer
from editions.models import Edition


class EditionViewSet(ScopedViewSet):
    """The frozen editions of the books, for everyone who sees the plan; read-only."""

    model = Edition
    versioned = False
    serializer_class = EditionSerializer
    filterset_class = filters.EditionFilter
    ordering_fields = ("frozen_at", "number")
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().defer("snapshot")
