"""One thin viewset per resource: model, serializer, filters, and what to fetch in bulk.
Scoping, permissions and versions live in ``ScopedViewSet``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import (
    APIException,
    ErrorDetail,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api import filters, serializers
from api.base import Conflict, ReadOnlyViewSet, ScopedViewSet, UpdateOnlyViewSet
from api.parsers import BoundedJSONParser
from dimensions.models import (
    ExistingInnovation,
    Framework,
    FundingSource,
    GapItem,
    Goal,
    Horizon,
    IndicatorType,
    InnovationType,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from exports.models import ExportJob
from exports.services import export_request
from masterplan.models import (
    Agency,
    Book,
    Cohort,
    Institution,
    InstitutionMember,
    Plan,
    Region,
    Section,
    User,
)
from masterplan.permissions import can_comment, can_export, can_manage_region, can_review
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
from programs.photos import content_type_of
from reviews.models import BookTransition, Comment, SectionApproval
from reviews.services import (
    TransitionRefused,
    book_note_edit,
    book_transition,
    comment_create,
    comment_reopen,
    comment_resolve,
    section_approve,
    section_unapprove,
)
from roadmap.models import Activity, RoadmapEntry

# --- Reference data: the same for every signed-in user ---------------------------------


class FrameworkViewSet(ReadOnlyViewSet):
    model = Framework
    scoped = False
    serializer_class = serializers.FrameworkSerializer
    prefetch = ("dimensions__elements", "pillars__aspects")
    search_fields = ("code", "name")
    ordering_fields = ("code", "valid_from")


class ReferenceViewSet(ReadOnlyViewSet):
    scoped = False
    filterset_class = filters.ReferenceFilter
    search_fields = ("code", "name_id", "name_en")
    ordering_fields = ("order", "code")


class FundingSourceViewSet(ReferenceViewSet):
    model = FundingSource
    serializer_class = serializers.FundingSourceSerializer


class HorizonViewSet(ReferenceViewSet):
    model = Horizon
    serializer_class = serializers.HorizonSerializer


class IndicatorTypeViewSet(ReferenceViewSet):
    model = IndicatorType
    serializer_class = serializers.IndicatorTypeSerializer


class InnovationTypeViewSet(ReferenceViewSet):
    model = InnovationType
    serializer_class = serializers.InnovationTypeSerializer


class CohortViewSet(ReadOnlyViewSet):
    model = Cohort
    scoped = False
    serializer_class = serializers.CohortSerializer
    filterset_class = filters.CohortFilter
    ordering_fields = ("year",)


# --- Regions, plans, books, sections ----------------------------------------------------


class RegionViewSet(ReadOnlyViewSet):
    model = Region
    serializer_class = serializers.RegionSerializer
    filterset_fields = ("kind", "province")
    search_fields = ("name", "code", "slug")
    ordering_fields = ("name", "code")


class PlanViewSet(UpdateOnlyViewSet):
    model = Plan
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter
    search_fields = ("title", "region__name")
    ordering_fields = ("start_year", "title", "updated_at")


class BookViewSet(ReadOnlyViewSet):
    model = Book
    serializer_class = serializers.BookSerializer
    filterset_class = filters.BookFilter
    ordering_fields = ("number",)


class SectionViewSet(UpdateOnlyViewSet):
    model = Section
    serializer_class = serializers.SectionSerializer
    filterset_class = filters.SectionFilter
    search_fields = ("title", "key")
    ordering_fields = ("order", "updated_at")

    def perform_update(self, serializer: serializers.SectionSerializer) -> None:
        super().perform_update(serializer)
        # as in the chapter editor: editing a submitted or approved book returns it to draft
        book_note_edit(book=serializer.instance.book, by=self.request.user)


# --- The region's agencies and the plan's institutions ---------------------------------


class AgencyViewSet(ScopedViewSet):
    """Agencies are the region's, managed by its coordinators (and admins)."""

    model = Agency
    serializer_class = serializers.AgencySerializer
    filterset_class = filters.AgencyFilter
    search_fields = ("name", "acronym")
    ordering_fields = ("name", "acronym")

    def may_change(self, user: User, record: Agency) -> bool:
        return can_manage_region(user, record.region_id)

    def may_create(self, user: User, record: Agency) -> bool:
        return can_manage_region(user, record.region_id)

    def perform_destroy(self, record: Agency) -> None:
        # as in the portal: an agency that records still name is not deleted
        if any(
            relation.related_model._base_manager.filter(**{relation.field.name: record}).exists()
            for relation in record._meta.related_objects
            if relation.on_delete is not models.CASCADE
        ):
            raise Conflict(_("Programmes or other records still name this agency."))
        super().perform_destroy(record)


class InstitutionViewSet(ScopedViewSet):
    model = Institution
    serializer_class = serializers.InstitutionSerializer
    prefetch = ("members",)
    filterset_class = filters.InstitutionFilter
    ordering_fields = ("kind",)


class InstitutionMemberViewSet(ScopedViewSet):
    model = InstitutionMember
    serializer_class = serializers.InstitutionMemberSerializer
    filterset_class = filters.InstitutionMemberFilter
    search_fields = ("name", "position")
    ordering_fields = ("order", "name")


# --- Buku 1 and Buku 2 records ----------------------------------------------------------


class RegionProfileViewSet(ScopedViewSet):
    model = RegionProfile
    serializer_class = serializers.RegionProfileSerializer
    filterset_class = filters.RegionProfileFilter


class ReadinessAssessmentViewSet(ScopedViewSet):
    model = ReadinessAssessment
    serializer_class = serializers.ReadinessAssessmentSerializer
    filterset_class = filters.ReadinessFilter


class GapItemViewSet(ScopedViewSet):
    model = GapItem
    serializer_class = serializers.GapItemSerializer
    filterset_class = filters.GapItemFilter
    search_fields = ("current_condition", "gap")
    ordering_fields = ("order", "updated_at")


class SwotItemViewSet(ScopedViewSet):
    model = SwotItem
    serializer_class = serializers.SwotItemSerializer
    filterset_class = filters.SwotItemFilter
    search_fields = ("text",)
    ordering_fields = ("kind", "order", "updated_at")


class StrategicIssueViewSet(ScopedViewSet):
    model = StrategicIssue
    serializer_class = serializers.StrategicIssueSerializer
    filterset_class = filters.StrategicIssueFilter
    search_fields = ("title",)
    ordering_fields = ("order", "updated_at")


class ExistingInnovationViewSet(ScopedViewSet):
    model = ExistingInnovation
    serializer_class = serializers.ExistingInnovationSerializer
    filterset_class = filters.ExistingInnovationFilter
    search_fields = ("name",)
    ordering_fields = ("name", "year_launched", "updated_at")


class GoalViewSet(ScopedViewSet):
    model = Goal
    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter
    search_fields = ("statement",)
    ordering_fields = ("order", "target_year")


class StrategyViewSet(ScopedViewSet):
    model = Strategy
    serializer_class = serializers.StrategySerializer
    prefetch = ("issues",)
    filterset_class = filters.StrategyFilter
    search_fields = ("strategy",)
    ordering_fields = ("order", "updated_at")


# --- Buku 2/3: programmes and their parts -----------------------------------------------


class ProgrammeViewSet(ScopedViewSet):
    model = Programme
    serializer_class = serializers.ProgrammeSerializer
    prefetch = (
        "supporting_agencies",
        "strategies",
        "issues",
        "swot_items",
        "gap_items",
        "indicators__targets",
        "budget_lines",
        "partners",
        "risks",
        "before_after",
    )
    filterset_class = filters.ProgrammeFilter
    search_fields = ("code", "name")
    ordering_fields = ("code", "name", "priority", "order", "updated_at")


class IndicatorViewSet(ScopedViewSet):
    model = Indicator
    serializer_class = serializers.IndicatorSerializer
    prefetch = ("targets",)
    filterset_class = filters.IndicatorFilter
    search_fields = ("name",)
    ordering_fields = ("order", "name")


class IndicatorTargetViewSet(ScopedViewSet):
    model = IndicatorTarget
    serializer_class = serializers.IndicatorTargetSerializer
    filterset_class = filters.IndicatorTargetFilter
    ordering_fields = ("year",)


class BudgetLineViewSet(ScopedViewSet):
    model = BudgetLine
    serializer_class = serializers.BudgetLineSerializer
    filterset_class = filters.BudgetLineFilter
    ordering_fields = ("year", "amount")


class PartnerViewSet(ScopedViewSet):
    model = Partner
    serializer_class = serializers.PartnerSerializer
    filterset_class = filters.PartnerFilter
    search_fields = ("name",)
    ordering_fields = ("name",)


class RiskViewSet(ScopedViewSet):
    model = Risk
    serializer_class = serializers.RiskSerializer
    filterset_class = filters.RiskFilter
    ordering_fields = ("likelihood", "impact", "updated_at")


class FlagshipIndicatorViewSet(ScopedViewSet):
    model = FlagshipIndicator
    serializer_class = serializers.FlagshipIndicatorSerializer
    filterset_class = filters.FlagshipIndicatorFilter
    ordering_fields = ("order",)


class AnyAcceptNegotiation(DefaultContentNegotiation):
    """A download (PDF, photo) answers the file whatever the client accepts; errors in JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ProgrammePhotoViewSet(ScopedViewSet):
    """Photos of a flagship or quick win (Buku 3). Upload with multipart/form-data; change
    the caption, date or order with JSON; replace a picture by deleting and uploading."""

    model = ProgrammePhoto
    serializer_class = serializers.ProgrammePhotoSerializer
    filterset_class = filters.ProgrammePhotoFilter
    ordering_fields = ("order", "taken_on")
    parser_classes = (MultiPartParser, FormParser, BoundedJSONParser)

    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], content_negotiation_class=AnyAcceptNegotiation)
    def image(self, request, pk=None) -> FileResponse:
        """The picture itself."""
        photo = self.get_object()
        try:
            handle = photo.image.open("rb")
        except FileNotFoundError as missing:
            raise NotFound(_("The file of this photo is gone.")) from missing
        response = FileResponse(handle, content_type=content_type_of(photo.image.name))
        response["Content-Disposition"] = "inline"
        response["Cache-Control"] = "private, max-age=3600"
        return response


# --- Action plan and roadmap ------------------------------------------------------------


class ActivityViewSet(ScopedViewSet):
    model = Activity
    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilter
    search_fields = ("name", "output")
    ordering_fields = ("year", "quarter", "order", "budget")


class RoadmapEntryViewSet(ScopedViewSet):
    model = RoadmapEntry
    serializer_class = serializers.RoadmapEntrySerializer
    filterset_class = filters.RoadmapEntryFilter
    ordering_fields = ("year", "budget")


# --- Review: comments, the books' workflow, section sign-off ----------------------------

ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}


class CommentViewSet(ScopedViewSet):
    """Comments on sections and records, as in the portal's comment panels: written by the
    region's coordinators and editors, its mentors and admins; read by everyone who sees
    the region. A thread is resolved or reopened as a whole."""

    model = Comment
    versioned = False
    serializer_class = serializers.CommentSerializer
    filterset_class = filters.CommentFilter
    search_fields = ("body", "target_repr")
    ordering_fields = ("created_at",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("author")

    def may_change(self, user: User, record: Comment) -> bool:
        return can_comment(user, record)

    def perform_create(self, serializer: serializers.CommentSerializer) -> None:
        data = serializer.validated_data
        target = data["target"]
        if not can_comment(self.request.user, target):
            raise PermissionDenied(_("You may not comment here."))
        serializer.instance = self._write(
            lambda: comment_create(
                target=target,
                by=self.request.user,
                body=data["body"],
                field_name=data.get("field_name", ""),
                quote=data.get("quote", ""),
            )
        )

    @staticmethod
    def _write(create) -> Comment:
        try:
            return create()
        except DjangoValidationError as error:  # an empty comment
            raise ValidationError({"body": list(error.messages)}) from error

    def _target_of(self, comment: Comment):
        target = comment.target_model()._default_manager.filter(uuid=comment.target_uuid).first()
        if target is None:
            raise NotFound(_("The record of this comment no longer exists."))
        return target

    def _answer(self, comment: Comment, status_code: int = status.HTTP_200_OK) -> Response:
        comment = self.get_queryset().get(pk=comment.pk)
        return Response(self.get_serializer(comment).data, status=status_code)

    @extend_schema(
        request=serializers.CommentReplySerializer,
        responses={201: serializers.CommentSerializer},
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None) -> Response:
        """Answer the thread this comment belongs to."""
        comment = self.get_object()
        form = serializers.CommentReplySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        target = self._target_of(comment)
        reply = self._write(
            lambda: comment_create(
                target=target, by=request.user, body=form.validated_data["body"], parent=comment
            )
        )
        return self._answer(reply, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: serializers.CommentSerializer})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None) -> Response:
        """Mark the thread resolved (answers the thread)."""
        return self._answer(comment_resolve(comment=self.get_object(), by=request.user))

    @extend_schema(request=None, responses={200: serializers.CommentSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None) -> Response:
        """Open a resolved thread again (answers the thread)."""
        return self._answer(comment_reopen(comment=self.get_object(), by=request.user))


class TransitionRefusedError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "transition_refused"

    def __init__(self, refused: TransitionRefused):
        super().__init__()
        self.detail = {
            "detail": ErrorDetail(refused.message, code=self.default_code),
            "missing": [node.section.pk for node in refused.missing],
        }


@extend_schema_view(
    create=extend_schema(
        request=serializers.BookTransitionRequestSerializer,
        responses={
            201: serializers.BookTransitionSerializer,
            409: OpenApiResponse(
                inline_serializer(
                    "TransitionRefused",
                    {
                        "detail": drf_serializers.CharField(),
                        "missing": drf_serializers.ListField(
                            child=drf_serializers.IntegerField(),
                            help_text="Required sections that are still empty (ids).",
                        ),
                    },
                ),
                description="The workflow does not allow this step now.",
            ),
        },
    )
)
class BookTransitionViewSet(ScopedViewSet):
    """The review workflow of the books: the trail of steps, and a new step (POST). The
    rules are the review panel's; a step the workflow refuses answers 409."""

    model = BookTransition
    versioned = False
    serializer_class = serializers.BookTransitionSerializer
    filterset_class = filters.BookTransitionFilter
    ordering_fields = ("at",)
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs) -> Response:
        form = serializers.BookTransitionRequestSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            transition = book_transition(
                book=data["book"], action=data["action"], by=request.user, note=data["note"]
            )
        except TransitionRefused as refused:
            raise TransitionRefusedError(refused) from refused
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(_("You may not take this step.")) from denied
        transition = self.get_queryset().get(pk=transition.pk)
        return Response(self.get_serializer(transition).data, status=status.HTTP_201_CREATED)


class SectionApprovalViewSet(ScopedViewSet):
    """Mentors' sign-off of sections: POST signs a section off in its current version,
    DELETE withdraws the sign-off. Not possible in a final book."""

    model = SectionApproval
    versioned = False
    serializer_class = serializers.SectionApprovalSerializer
    filterset_class = filters.SectionApprovalFilter
    ordering_fields = ("at",)
    ordering = ("pk",)
    http_method_names = ["get", "post", "delete", "head", "options"]

    def may_change(self, user: User, record: SectionApproval) -> bool:
        return not record.section.is_locked() and can_review(user, record.section)

    def perform_create(self, serializer: serializers.SectionApprovalSerializer) -> None:
        section = serializer.validated_data["section"]
        if section.is_locked() or not can_review(self.request.user, section):
            raise PermissionDenied(_("You may not sign off this section."))
        approval = section_approve(section=section, by=self.request.user)
        serializer.instance = self.get_queryset().get(pk=approval.pk)

    def perform_destroy(self, record: SectionApproval) -> None:
        section_unapprove(section=record.section, by=self.request.user)


# --- Exports ----------------------------------------------------------------------------


class ExportNotReady(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This export has no file yet: it is still running, or it failed.")
    default_code = "not_ready"


class ExportJobViewSet(ScopedViewSet):
    """PDF exports of the books, for everyone who sees the plan (as in the portal): POST
    starts one (or joins the one running, or reuses the stored file of an unchanged book),
    GET polls its progress, ``download`` serves the PDF once it is done."""

    model = ExportJob
    versioned = False
    serializer_class = serializers.ExportJobSerializer
    filterset_class = filters.ExportJobFilter
    ordering_fields = ("created_at",)
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer: serializers.ExportJobSerializer) -> None:
        book = serializer.validated_data["book"]
        if not can_export(self.request.user, book):
            raise PermissionDenied(_("You may not export this book."))
        job = export_request(book=book, by=self.request.user)
        serializer.instance = self.get_queryset().get(pk=job.pk)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: OpenApiResponse(ERROR_SCHEMA, description="The export is not done."),
        }
    )
    @action(detail=True, methods=["get"], content_negotiation_class=AnyAcceptNegotiation)
    def download(self, request, pk=None) -> FileResponse:
        """The PDF of a finished export, as an attachment."""
        job = self.get_object()
        if not job.is_downloadable:
            raise ExportNotReady()
        try:
            handle = job.file.open("rb")
        except FileNotFoundError as missing:
            raise NotFound(_("The file of this export is gone.")) from missing
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=job.download_name(),
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response
