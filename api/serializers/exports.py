"""PDF export jobs: a book, the complete document, a year's evaluation report."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import ScopedRelatedField
from exports.models import ExportJob


class ExportJobSerializer(serializers.ModelSerializer):
    """A PDF export job: its progress while it runs, its file once done.

    ``kind`` says what it makes: ``book`` (give ``book``), ``complete`` (the four books of
    ``plan`` in one PDF) or ``evaluation`` (the evaluation report of ``plan`` for ``year``).
    """

    serializer_related_field = ScopedRelatedField
    percent = serializers.IntegerField(read_only=True)
    bytes = serializers.IntegerField(source="size", read_only=True, allow_null=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = (
            "id",
            "uuid",
            "kind",
            "plan",
            "book",
            "year",
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
        read_only_fields = tuple(
            name for name in fields if name not in ("kind", "plan", "book", "year")
        )
        extra_kwargs = {"plan": {"required": False}}

    def validate(self, attrs: dict) -> dict:
        kind = attrs.get("kind", ExportJob.Kind.BOOK)
        book, plan, year = attrs.get("book"), attrs.get("plan"), attrs.get("year")
        if kind == ExportJob.Kind.BOOK:
            if book is None or year is not None:
                raise serializers.ValidationError(_("A book export names its book (no year)."))
            if plan is not None and plan.pk != book.plan_id:
                raise serializers.ValidationError({"plan": _("This is not the book's plan.")})
            attrs["plan"] = book.plan
        elif plan is None or book is not None:
            raise serializers.ValidationError(_("This export names its plan (no book)."))
        elif kind == ExportJob.Kind.COMPLETE and year is not None:
            raise serializers.ValidationError({"year": _("The complete document has no year.")})
        elif kind == ExportJob.Kind.EVALUATION and year not in plan.years:
            raise serializers.ValidationError({"year": _("Not a year of the plan.")})
        attrs["kind"] = kind
        return attrs

    @extend_schema_field({"type": "string", "nullable": True})
    def get_download(self, job: ExportJob) -> str | None:
        """Where the PDF is, once the job is done."""
        if not job.is_downloadable:
            return None
        path = reverse("api:export-job-download", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
