"""The reference framework (read-only) and the records of Buku 1 (analysis) and Buku 2
(goals and strategy)."""

from __future__ import annotations

from rest_framework import serializers

from api.base import TRACKED_READ_ONLY, RecordSerializer
from dimensions.models import (
    Dimension,
    Element,
    ExistingInnovation,
    Framework,
    FundingSource,
    GapItem,
    Goal,
    Horizon,
    IndicatorType,
    InnovationType,
    Pillar,
    PillarAspect,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)

REFERENCE_FIELDS = ("id", "code", "name", "name_id", "name_en", "order")


class ElementSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Element
        fields = REFERENCE_FIELDS


class DimensionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    elements = ElementSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = (*REFERENCE_FIELDS, "colour", "description", "elements")


class PillarAspectSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = PillarAspect
        fields = REFERENCE_FIELDS


class PillarSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    aspects = PillarAspectSerializer(many=True, read_only=True)

    class Meta:
        model = Pillar
        fields = (*REFERENCE_FIELDS, "required", "description", "aspects")


class FrameworkSerializer(serializers.ModelSerializer):
    dimensions = DimensionSerializer(many=True, read_only=True)
    pillars = PillarSerializer(many=True, read_only=True)

    class Meta:
        model = Framework
        fields = (
            "id",
            "code",
            "name",
            "valid_from",
            "valid_to",
            "description",
            "dimensions",
            "pillars",
        )


class ReferenceItemSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        fields = ("id", "framework", *REFERENCE_FIELDS[1:])


class FundingSourceSerializer(ReferenceItemSerializer):
    class Meta(ReferenceItemSerializer.Meta):
        model = FundingSource


class HorizonSerializer(ReferenceItemSerializer):
    class Meta(ReferenceItemSerializer.Meta):
        model = Horizon
        fields = (*ReferenceItemSerializer.Meta.fields, "max_years")


class IndicatorTypeSerializer(ReferenceItemSerializer):
    class Meta(ReferenceItemSerializer.Meta):
        model = IndicatorType


class InnovationTypeSerializer(ReferenceItemSerializer):
    class Meta(ReferenceItemSerializer.Meta):
        model = InnovationType


class RegionProfileSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = RegionProfile
        fields = (
            "id",
            "plan",
            "data_year",
            "area_km2",
            "population",
            "districts",
            "villages",
            "grdp_billion",
            "economic_growth",
            "hdi",
            "poverty_rate",
            "unemployment_rate",
            "internet_users",
            "summary",
            *TRACKED_READ_ONLY,
        )


class ReadinessAssessmentSerializer(RecordSerializer):
    same_framework = ("aspect",)

    class Meta(RecordSerializer.Meta):
        model = ReadinessAssessment
        fields = ("id", "plan", "aspect", "narrative", "evidence", "rating", *TRACKED_READ_ONLY)


class GapItemSerializer(RecordSerializer):
    same_framework = ("pillar", "dimension")

    class Meta(RecordSerializer.Meta):
        model = GapItem
        fields = (
            "id",
            "plan",
            "pillar",
            "dimension",
            "current_condition",
            "expected_condition",
            "gap",
            "order",
            *TRACKED_READ_ONLY,
        )


class SwotItemSerializer(RecordSerializer):
    same_framework = ("pillar", "dimension")

    class Meta(RecordSerializer.Meta):
        model = SwotItem
        fields = ("id", "plan", "kind", "text", "pillar", "dimension", "order", *TRACKED_READ_ONLY)


class StrategicIssueSerializer(RecordSerializer):
    same_framework = ("dimension", "element")

    class Meta(RecordSerializer.Meta):
        model = StrategicIssue
        fields = (
            "id",
            "plan",
            "dimension",
            "element",
            "title",
            "description",
            "order",
            *TRACKED_READ_ONLY,
        )


class ExistingInnovationSerializer(RecordSerializer):
    same_framework = ("dimension", "element")
    same_region = ("agency",)

    class Meta(RecordSerializer.Meta):
        model = ExistingInnovation
        fields = (
            "id",
            "plan",
            "name",
            "description",
            "dimension",
            "element",
            "agency",
            "year_launched",
            "url",
            "status",
            *TRACKED_READ_ONLY,
        )


class GoalSerializer(RecordSerializer):
    same_framework = ("dimension",)

    class Meta(RecordSerializer.Meta):
        model = Goal
        fields = (
            "id",
            "plan",
            "dimension",
            "statement",
            "target",
            "target_year",
            "order",
            *TRACKED_READ_ONLY,
        )


class StrategySerializer(RecordSerializer):
    same_framework = ("dimension", "element")
    same_plan = ("issues",)

    class Meta(RecordSerializer.Meta):
        model = Strategy
        fields = (
            "id",
            "plan",
            "dimension",
            "element",
            "target",
            "strategy",
            "policy_direction",
            "issues",
            "order",
            *TRACKED_READ_ONLY,
        )
