"""Review: comments, the books' workflow, section sign-off."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
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
from rest_framework.response import Response

from api import filters
from api.base import ScopedViewSet
from api.serializers.reviews import (
    BookTransitionRequestSerializer,
    BookTransitionSerializer,
    CommentReplySerializer,
    CommentSerializer,
    ReviewFlagSerializer,
    SectionApprovalSerializer,
    SuggestionReplySerializer,
    SuggestionSerializer,
)
from masterplan.models import User
from masterplan.permissions import can_comment, can_edit, can_review
from reviews.models import BookTransition, Comment, ReviewFlag, SectionApproval, Suggestion
from reviews.services import (
    TransitionRefused,
    book_transition,
    comment_create,
    comment_reopen,
    comment_resolve,
    section_approve,
    section_unapprove,
)
from reviews.suggestions import (
    SuggestionRefused,
    suggestion_accept,
    suggestion_create,
    suggestion_reject,
)


class CommentViewSet(ScopedViewSet):
    """Comments on sections and records, as in the portal's comment panels: written by the
    region's coordinators and editors, its mentors and admins; read by everyone who sees
    the region. A thread is resolved or reopened as a whole."""

    model = Comment
    versioned = False
    serializer_class = CommentSerializer
    filterset_class = filters.CommentFilter
    search_fields = ("body", "target_repr")
    ordering_fields = ("created_at",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("author").prefetch_related("mentions")

    def may_change(self, user: User, record: Comment) -> bool:
        return can_comment(user, record)

    def perform_create(self, serializer: CommentSerializer) -> None:
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
                quote_prefix=data.get("quote_prefix", ""),
                quote_suffix=data.get("quote_suffix", ""),
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
        request=CommentReplySerializer,
        responses={201: CommentSerializer},
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None) -> Response:
        """Answer the thread this comment belongs to."""
        comment = self.get_object()
        form = CommentReplySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        target = self._target_of(comment)
        reply = self._write(
            lambda: comment_create(
                target=target, by=request.user, body=form.validated_data["body"], parent=comment
            )
        )
        return self._answer(reply, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: CommentSerializer})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None) -> Response:
        """Mark the thread resolved (answers the thread)."""
        return self._answer(comment_resolve(comment=self.get_object(), by=request.user))

    @extend_schema(request=None, responses={200: CommentSerializer})
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
        request=BookTransitionRequestSerializer,
        responses={
            201: BookTransitionSerializer,
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
    serializer_class = BookTransitionSerializer
    filterset_class = filters.BookTransitionFilter
    ordering_fields = ("at",)
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs) -> Response:
        form = BookTransitionRequestSerializer(
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
    serializer_class = SectionApprovalSerializer
    filterset_class = filters.SectionApprovalFilter
    ordering_fields = ("at",)
    ordering = ("pk",)
    http_method_names = ["get", "post", "delete", "head", "options"]

    def may_change(self, user: User, record: SectionApproval) -> bool:
        return not record.section.is_locked() and can_review(user, record.section)

    def perform_create(self, serializer: SectionApprovalSerializer) -> None:
        section = serializer.validated_data["section"]
        if section.is_locked() or not can_review(self.request.user, section):
            raise PermissionDenied(_("You may not sign off this section."))
        approval = section_approve(section=section, by=self.request.user)
        serializer.instance = self.get_queryset().get(pk=approval.pk)

    def perform_destroy(self, record: SectionApproval) -> None:
        section_unapprove(section=record.section, by=self.request.user)


class ReviewFlagViewSet(ScopedViewSet):
    """Sections flagged "perlu reviu ulang" (read-only): a record they show changed after
    their sign-off. Signing the section off again (``section-approvals``) clears them."""

    model = ReviewFlag
    versioned = False
    serializer_class = ReviewFlagSerializer
    filterset_class = filters.ReviewFlagFilter
    ordering_fields = ("created_at",)
    ordering = ("-pk",)
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("section")


DECIDED = OpenApiResponse(description="The suggestion was decided already (detail says so).")


class SuggestionViewSet(ScopedViewSet):
    """Mentors' suggestions: a mentor (or admin) of the region proposes; those who may edit
    the record accept (the value is saved with a revision naming the mentor) or reject with a
    reply. A suggestion whose field changed since is ``outdated``."""

    model = Suggestion
    versioned = False
    serializer_class = SuggestionSerializer
    filterset_class = filters.SuggestionFilter
    ordering_fields = ("created_at",)
    ordering = ("pk",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("author")

    def may_change(self, user: User, record: Suggestion) -> bool:
        target = record.target()
        return target is not None and can_edit(user, target)

    def perform_create(self, serializer: SuggestionSerializer) -> None:
        data = serializer.validated_data
        target = data["target"]
        if not can_review(self.request.user, target):
            raise PermissionDenied(_("Only the region's mentors make suggestions."))
        try:
            serializer.instance = suggestion_create(
                target=target,
                by=self.request.user,
                field_name=data["field_name"],
                value=data["value"],
                quote=data.get("quote", ""),
                note=data.get("note", ""),
            )
        except DjangoValidationError as error:
            raise ValidationError(
                error.message_dict
                if hasattr(error, "error_dict")
                else {"value": list(error.messages)}
            ) from error

    def _decide(self, decide) -> Response:
        suggestion = self.get_object()
        try:
            decided = decide(suggestion)
        except DjangoPermissionDenied as error:
            raise PermissionDenied(_("You may not change this record.")) from error
        except SuggestionRefused as error:
            raise SuggestionConflict(error.message) from error
        except DjangoValidationError as error:
            raise ValidationError({"value": list(error.messages)}) from error
        decided = self.get_queryset().get(pk=decided.pk)
        return Response(self.get_serializer(decided).data)

    @extend_schema(request=None, responses={200: SuggestionSerializer, 409: DECIDED})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None) -> Response:
        """Apply the suggested value (409 when it was decided already; ``status`` says
        ``outdated`` when the field changed since)."""
        return self._decide(lambda s: suggestion_accept(suggestion=s, by=request.user))

    @extend_schema(
        request=SuggestionReplySerializer, responses={200: SuggestionSerializer, 409: DECIDED}
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None) -> Response:
        """Reject with a reply to the mentor."""
        form = SuggestionReplySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        reply = form.validated_data["reply"]
        return self._decide(lambda s: suggestion_reject(suggestion=s, by=request.user, reply=reply))


class SuggestionConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "suggestion_decided"
