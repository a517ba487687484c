"""PDF exports of the books."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import ScopedRelatedField
from exports.models import ExportJob


class ExportJobSerializer(serializers.ModelSerializer):
    """A PDF export of a book: its progress while it runs, its file once done."""

    serializer_related_field = ScopedRelatedField
    percent = serializers.IntegerField(read_only=True)
    bytes = serializers.IntegerField(source="size", read_only=True, allow_null=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = (
            "id",
            "uuid",
            "book",
            "final",
            "state",
            "stage",
            "percent",
            "pages",
            "bytes",
            "error",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "download",
        )
        read_only_fields = tuple(name for name in fields if name != "book")

    @extend_schema_field({"type": "string", "nullable": True})
    def get_download(self, job: ExportJob) -> str | None:
        """Where the PDF is, once the job is done."""
        if not job.is_downloadable:
            return None
        path = reverse("api:export-job-download", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
