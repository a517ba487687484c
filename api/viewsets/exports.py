"""PDF exports (books, the complete document, evaluation reports): start, poll, download."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied

from api import filters
from api.base import AnyAcceptNegotiation, ScopedViewSet
from api.schema import ERROR
from api.serializers.exports import ExportJobSerializer
from exports.models import ExportJob
from exports.services import complete_request, export_request
from masterplan.permissions import can_export, can_finalise, is_admin
from monitoring.report_jobs import evaluation_request


class ExportNotReady(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This export has no file yet: it is still running, or it failed.")
    default_code = "not_ready"


class ExportJobViewSet(ScopedViewSet):
    """PDF exports, with the portal's rules: a book's and a year's evaluation report for
    everyone who sees the plan, the complete document (the four books in one PDF) for
    administrators only. POST starts one (or joins the one running for the same content,
    or reuses its stored file), GET polls its progress, ``download`` serves the PDF once
    it is done."""

    model = ExportJob
    versioned = False
    serializer_class = ExportJobSerializer
    filterset_class = filters.ExportJobFilter
    ordering_fields = ("created_at",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if not is_admin(self.request.user):  # the complete document is the admins'
            queryset = queryset.exclude(kind=ExportJob.Kind.COMPLETE)
        return queryset

    def perform_create(self, serializer: ExportJobSerializer) -> None:
        data, user = serializer.validated_data, self.request.user
        if data["kind"] == ExportJob.Kind.BOOK:
            if not can_export(user, data["book"]):
                raise PermissionDenied(_("You may not export this book."))
            job = export_request(book=data["book"], by=user)
        elif data["kind"] == ExportJob.Kind.COMPLETE:
            if not can_finalise(user, data["plan"]):
                raise PermissionDenied(_("Only administrators make the complete document."))
            job = complete_request(plan=data["plan"], by=user)
        else:
            if not can_export(user, data["plan"]):
                raise PermissionDenied(_("You may not export this plan."))
            job = evaluation_request(plan=data["plan"], year=data["year"], by=user)
        serializer.instance = self.get_queryset().get(pk=job.pk)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: OpenApiResponse(ERROR, description="The export is not done."),
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
