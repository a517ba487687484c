"""Programmes and what hangs on them: indicators and their targets, budget lines,
partners, risks, before/after indicators and photos. A programme carries its parts,
read-only."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.base import TRACKED_READ_ONLY, RecordSerializer
from api.fast import FastRead
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    ProgrammePhoto,
    Risk,
)
from programs.photos import check_photo


class IndicatorTargetSerializer(FastRead, RecordSerializer):
    owner_field = "indicator"

    class Meta(RecordSerializer.Meta):
        model = IndicatorTarget
        fields = ("id", "indicator", "year", "value", *TRACKED_READ_ONLY)


class IndicatorSerializer(FastRead, RecordSerializer):
    owner_field = "programme"
    same_framework = ("indicator_type",)
    targets = IndicatorTargetSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Indicator
        fields = (
            "id",
            "programme",
            "indicator_type",
            "name",
            "unit",
            "baseline_year",
            "baseline_value",
            "data_source",
            "order",
            "targets",
            *TRACKED_READ_ONLY,
        )


class BudgetLineSerializer(FastRead, RecordSerializer):
    owner_field = "programme"
    same_framework = ("funding_source",)

    class Meta(RecordSerializer.Meta):
        model = BudgetLine
        fields = (
            "id",
            "programme",
            "year",
            "funding_source",
            "amount",
            "status",
            "note",
            *TRACKED_READ_ONLY,
        )


class PartnerSerializer(FastRead, RecordSerializer):
    owner_field = "programme"

    class Meta(RecordSerializer.Meta):
        model = Partner
        fields = ("id", "programme", "name", "kind", "contribution", *TRACKED_READ_ONLY)


class RiskSerializer(FastRead, RecordSerializer):
    same_plan = ("programme",)
    same_region = ("owner",)
    score = serializers.IntegerField(read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Risk
        fields = (
            "id",
            "plan",
            "programme",
            "description",
            "likelihood",
            "impact",
            "score",
            "mitigation",
            "owner",
            *TRACKED_READ_ONLY,
        )


class FlagshipIndicatorSerializer(FastRead, RecordSerializer):
    owner_field = "programme"

    class Meta(RecordSerializer.Meta):
        model = FlagshipIndicator
        fields = (
            "id",
            "programme",
            "name",
            "unit",
            "before",
            "after",
            "order",
            *TRACKED_READ_ONLY,
        )


class ProgrammePhotoSerializer(FastRead, RecordSerializer):
    # Uploaded as multipart/form-data; the picture is replaced by deleting and uploading
    # again, so ``image`` is taken on create only.
    owner_field = "programme"
    image = serializers.ImageField(
        write_only=True, help_text=_("A JPEG, PNG or WebP photo of at most 5 MB.")
    )
    image_url = serializers.SerializerMethodField()

    class Meta(RecordSerializer.Meta):
        model = ProgrammePhoto
        fields = (
            "id",
            "programme",
            "image",
            "image_url",
            "caption",
            "taken_on",
            "order",
            *TRACKED_READ_ONLY,
        )

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields.pop("image")
        return fields

    def validate_image(self, image):
        return check_photo(image)

    def get_image_url(self, photo: ProgrammePhoto) -> str:
        path = reverse("api:programme-photo-image", args=[photo.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ProgrammeSerializer(FastRead, RecordSerializer):
    same_framework = ("element", "pillar", "horizon", "innovation_type")
    same_region = ("lead_agency", "supporting_agencies")
    same_plan = ("strategies", "issues", "swot_items", "gap_items")

    indicators = IndicatorSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    risks = RiskSerializer(many=True, read_only=True)
    before_after = FlagshipIndicatorSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Programme
        fields = (
            "id",
            "plan",
            "code",
            "name",
            "description",
            "problem",
            "dimension",
            "element",
            "pillar",
            "horizon",
            "innovation_type",
            "priority",
            "rpjmd_alignment",
            "budget_code",
            "lead_agency",
            "supporting_agencies",
            "strategies",
            "issues",
            "swot_items",
            "gap_items",
            "sustainability",
            "is_flagship",
            "is_quick_win",
            "quick_win_year",
            "beneficiaries",
            "beneficiaries_count",
            "launch_date",
            "flagship_status",
            "order",
            "indicators",
            "budget_lines",
            "partners",
            "risks",
            "before_after",
            *TRACKED_READ_ONLY,
        )
        read_only_fields = (*TRACKED_READ_ONLY, "code", "dimension")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if "element" in attrs:
            # the dimension follows the element, and decides who may edit the programme
            attrs["dimension"] = attrs["element"].dimension
        return attrs
