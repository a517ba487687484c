"""Editions of the books: frozen, so read-only."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import ScopedRelatedField
from editions.models import Edition


class EditionSerializer(serializers.ModelSerializer):
    """An edition of a book, frozen by its final export; the regulation that adopted it."""

    serializer_related_field = ScopedRelatedField
    label = serializers.CharField(read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = (
            "id",
            "uuid",
            "book",
            "number",
            "label",
            "frozen_by",
            "frozen_at",
            "pages",
            "regulation_number",
            "regulation_date",
            "download",
        )
        read_only_fields = fields

    @extend_schema_field({"type": "string"})
    def get_download(self, edition: Edition) -> str:
        """The frozen PDF (the portal's download, for the same people)."""
        path = reverse("editions:edition_download", args=[edition.uuid])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
