"""Representations of the records. Relations are ids; a programme also carries its
indicators, budget lines, partners, risks and before/after indicators, read-only."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import TRACKED_READ_ONLY, RecordSerializer, ScopedRelatedField
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
from exports.models import ExportJob
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
from reviews import workflow
from reviews.models import BookTransition, Comment, SectionApproval
from reviews.targets import comment_target_models
from roadmap.models import Activity, RoadmapEntry

# --- Reference framework (read-only) ----------------------------------------------------

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


# --- Cohorts, regions, plans, books, sections ------------------------------------------


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


# --- Agencies and institutions ----------------------------------------------------------


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


# --- Buku 1: analysis -------------------------------------------------------------------


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


# --- Buku 2: goals and strategy ---------------------------------------------------------


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


# --- Programmes and what hangs on them -------------------------------------------------


class IndicatorTargetSerializer(RecordSerializer):
    owner_field = "indicator"

    class Meta(RecordSerializer.Meta):
        model = IndicatorTarget
        fields = ("id", "indicator", "year", "value", *TRACKED_READ_ONLY)


class IndicatorSerializer(RecordSerializer):
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


class BudgetLineSerializer(RecordSerializer):
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


class PartnerSerializer(RecordSerializer):
    owner_field = "programme"

    class Meta(RecordSerializer.Meta):
        model = Partner
        fields = ("id", "programme", "name", "kind", "contribution", *TRACKED_READ_ONLY)


class RiskSerializer(RecordSerializer):
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


class FlagshipIndicatorSerializer(RecordSerializer):
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


class ProgrammePhotoSerializer(RecordSerializer):
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


class ProgrammeSerializer(RecordSerializer):
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


# --- Action plan and roadmap ------------------------------------------------------------


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


# --- Review: comments, the books' workflow, section sign-off ----------------------------


def comment_target_types() -> list[tuple[str, str]]:
    """The kinds of record a comment may be anchored to (as in the portal's comment panel)."""
    return [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in comment_target_models()
    ]


class CommentSerializer(serializers.ModelSerializer):
    """A thread (``parent`` empty) or a reply. The record it is on is named by its type and
    UUID; its region and book follow from that record."""

    target_type = serializers.ChoiceField(choices=comment_target_types())
    author_name = serializers.SerializerMethodField()
    is_resolved = serializers.BooleanField(read_only=True)

    class Meta:
        model = Comment
        fields = (
            "id",
            "uuid",
            "region",
            "book",
            "target_type",
            "target_uuid",
            "target_repr",
            "target_version",
            "field_name",
            "quote",
            "parent",
            "author",
            "author_name",
            "body",
            "created_at",
            "is_resolved",
            "resolved_at",
            "resolved_by",
        )
        read_only_fields = (
            "uuid",
            "region",
            "book",
            "target_repr",
            "target_version",
            "parent",
            "author",
            "created_at",
            "resolved_at",
            "resolved_by",
        )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_author_name(self, comment: Comment) -> str | None:
        return comment.author.display_name if comment.author else None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        model = apps.get_model(attrs["target_type"])
        request = self.context.get("request")
        target = (
            model._default_manager.visible_to(getattr(request, "user", None))
            .filter(uuid=attrs["target_uuid"])
            .first()
        )
        if target is None:
            raise serializers.ValidationError(
                {"target_uuid": [_("No record of this type with this id is visible to you.")]}
            )
        attrs["target"] = target
        return attrs


class CommentReplySerializer(serializers.Serializer):
    body = serializers.CharField()


class BookTransitionSerializer(serializers.ModelSerializer):
    """One step of a book's review workflow."""

    class Meta:
        model = BookTransition
        fields = ("id", "book", "action", "from_status", "to_status", "actor", "at", "note")
        read_only_fields = fields


class BookTransitionRequestSerializer(serializers.Serializer):
    """Move a book one step: submit and withdraw (coordinators), request_changes (with a
    note) and approve (mentors); admins may take every step."""

    book = ScopedRelatedField(queryset=Book.objects.all())
    action = serializers.ChoiceField(choices=[(a, workflow.LABELS[a]) for a in workflow.BUTTONS])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SectionApprovalSerializer(serializers.ModelSerializer):
    """A mentor's sign-off of a section, valid for the version it saw."""

    serializer_related_field = ScopedRelatedField
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = SectionApproval
        fields = ("id", "section", "approved_version", "is_current", "by", "at")
        read_only_fields = ("approved_version", "by", "at")
        # signing off again renews the sign-off for the section's current version
        extra_kwargs = {"section": {"validators": []}}

    def get_is_current(self, approval: SectionApproval) -> bool:
        return approval.is_current_for(approval.section)


# --- Exports ----------------------------------------------------------------------------


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
