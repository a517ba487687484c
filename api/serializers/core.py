"""Cohorts, regions, plans, books and sections; the region's agencies and the plan's
institutions."""

from __future__ import annotations

from rest_framework import serializers

from api.base import TRACKED_READ_ONLY, RecordSerializer
from masterplan.lib.sanitize import clean_html
from masterplan.models import (
    Agency,
    Book,
    Cohort,
    Institution,
    InstitutionMember,
    Plan,
    Region,
    Section,
)


class CohortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cohort
        fields = ("id", "year", "name", "framework", "description")


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ("id", "name", "kind", "province", "code", "slug", "is_active")


class PlanSerializer(RecordSerializer):
    owner_field = None

    class Meta:
        model = Plan
        fields = (
            "id",
            "region",
            "cohort",
            "framework",
            "title",
            "start_year",
            "end_year",
            "vision",
            "mission",
            "rpjmd_reference",
            *TRACKED_READ_ONLY,
        )
        # the period and the owner are the admins' choice, made when the plan is created
        read_only_fields = (
            *TRACKED_READ_ONLY,
            "region",
            "cohort",
            "framework",
            "start_year",
            "end_year",
        )


class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ("id", "plan", "number", "title", "title_en", "status", *TRACKED_READ_ONLY)


class SectionSerializer(RecordSerializer):
    """Chapters exist from the book's outline; their title and text are written."""

    owner_field = None

    class Meta:
        model = Section
        fields = (
            "id",
            "book",
            "parent",
            "key",
            "order",
            "title",
            "title_en",
            "body",
            "required",
            "records",
            "dimension",
            *TRACKED_READ_ONLY,
        )
        read_only_fields = (
            *TRACKED_READ_ONLY,
            "book",
            "parent",
            "key",
            "order",
            "required",
            "records",
            "dimension",
        )

    def validate_body(self, value: str) -> str:
        region_slug = self.instance.book.plan.region.slug if self.instance else None
        return clean_html(value, region_slug=region_slug)


class AgencySerializer(RecordSerializer):
    owner_field = "region"

    class Meta(RecordSerializer.Meta):
        model = Agency
        fields = ("id", "region", "name", "acronym", "kind", *TRACKED_READ_ONLY)


class InstitutionMemberSerializer(RecordSerializer):
    owner_field = "institution"
    same_region = ("agency",)

    class Meta(RecordSerializer.Meta):
        model = InstitutionMember
        fields = (
            "id",
            "institution",
            "name",
            "position",
            "agency",
            "role",
            "order",
            *TRACKED_READ_ONLY,
        )


class InstitutionSerializer(RecordSerializer):
    members = InstitutionMemberSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Institution
        fields = (
            "id",
            "plan",
            "kind",
            "name",
            "decree_number",
            "decree_date",
            "duties",
            "meeting_schedule",
            "members",
            *TRACKED_READ_ONLY,
        )
