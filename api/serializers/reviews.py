"""Review: comments, the books' workflow, section sign-off."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import ScopedRelatedField
from masterplan.models import Book
from reviews import workflow
from reviews.models import BookTransition, Comment, ReviewFlag, SectionApproval, Suggestion
from reviews.targets import comment_target_models


def comment_target_types() -> list[tuple[str, str]]:
    """The kinds of record a comment may be anchored to (as in the portal's comment panel)."""
    return [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in comment_target_models()
    ]


class AnchoredTargetMixin:
    """For what is written on a record named by ``target_type`` and ``target_uuid``
    (comments, suggestions): ``validate`` finds the record among those the user may see and
    puts it in ``attrs["target"]``; a record the user may not see is "not found"."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)  # type: ignore[misc]
        model = apps.get_model(attrs["target_type"])
        request = self.context.get("request")  # type: ignore[attr-defined]
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


class CommentSerializer(AnchoredTargetMixin, serializers.ModelSerializer):
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
            "quote_prefix",
            "quote_suffix",
            "mentions",
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
            "mentions",
            "parent",
            "author",
            "created_at",
            "resolved_at",
            "resolved_by",
        )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_author_name(self, comment: Comment) -> str | None:
        return comment.author.display_name if comment.author else None


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


class ReviewFlagSerializer(serializers.ModelSerializer):
    """A section flagged "perlu reviu ulang": a record it shows changed after its sign-off
    (or its book's approval). Cleared by signing the section off again."""

    book = serializers.IntegerField(source="section.book_id", read_only=True)
    is_open = serializers.BooleanField(read_only=True)
    clearance = serializers.CharField(
        read_only=True, help_text=_('"signoff", "approval", "override", or "" while open.')
    )

    class Meta:
        model = ReviewFlag
        fields = (
            "id",
            "section",
            "book",
            "source_type",
            "source_uuid",
            "cause",
            "changed_by",
            "created_at",
            "is_open",
            "cleared_at",
            "cleared_by",
            "clearance",
            "reason",
        )
        read_only_fields = fields


def suggestion_target_types() -> list[tuple[str, str]]:
    from masterplan.registry import plan_record_kinds
    from reviews.suggestions import suggestion_target_model

    types = []
    for kind in plan_record_kinds():
        try:
            model = suggestion_target_model(kind.label)
        except LookupError:
            continue
        types.append((kind.label, str(model._meta.verbose_name)))
    return types


class SuggestionSerializer(AnchoredTargetMixin, serializers.ModelSerializer):
    """A mentor's proposed value for one field of a record (``field_name``, ``value``), or
    for a chapter (``field_name`` "body") a replacement of the passage ``quote``. The owners
    accept it (``…/accept/``) or reject it with a reply (``…/reject/``)."""

    target_type = serializers.ChoiceField(choices=suggestion_target_types())
    value = serializers.CharField(write_only=True, max_length=20000)
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = (
            "id",
            "uuid",
            "region",
            "target_type",
            "target_uuid",
            "target_repr",
            "target_version",
            "field_name",
            "quote",
            "old_value",
            "new_value",
            "value",
            "note",
            "author",
            "author_name",
            "created_at",
            "status",
            "decided_by",
            "decided_at",
            "reply",
        )
        read_only_fields = (
            "uuid",
            "region",
            "target_repr",
            "target_version",
            "old_value",
            "new_value",
            "author",
            "created_at",
            "status",
            "decided_by",
            "decided_at",
            "reply",
        )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_author_name(self, suggestion: Suggestion) -> str | None:
        return suggestion.author.display_name if suggestion.author else None


class SuggestionReplySerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=2000)
