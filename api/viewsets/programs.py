"""Programmes and their parts (Buku 2 and 3), photos included."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser

from api import fast, filters, row_cache
from api.base import AnyAcceptNegotiation, ScopedViewSet
from api.parsers import BoundedJSONParser
from api.serializers.programs import (
    BudgetLineSerializer,
    FlagshipIndicatorSerializer,
    IndicatorSerializer,
    IndicatorTargetSerializer,
    PartnerSerializer,
    ProgrammePhotoSerializer,
    ProgrammeSerializer,
    RiskSerializer,
)
from masterplan.lib.ordering import sibling_order
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


def _within_parent(model, all_columns: bool = False):
    """The rows of a prefetched list in their order within their programme (its plan, its
    region): the same lists, grouped per programme, without the parents' joins."""
    rows = model.objects.order_by(*sibling_order(model, "programme", "indicator", "plan", "region"))
    return rows if all_columns else rows.only("pk")


class ProgrammeViewSet(ScopedViewSet):
    model = Programme
    serializer_class = ProgrammeSerializer
    prefetch = (
        # the many-to-many links are shown as primary keys: nothing else is read. Each list
        # is sorted within its programme's plan (or region, for agencies) as before, without
        # joining the plan, cohort and region to sort by values that are the same for all.
        *(
            fast.prefetch(name, _within_parent(Programme._meta.get_field(name).related_model))
            for name in ("supporting_agencies", "strategies", "issues", "swot_items", "gap_items")
        ),
        fast.prefetch("indicators", _within_parent(Indicator, all_columns=True)),
        fast.prefetch("indicators__targets", _within_parent(IndicatorTarget, all_columns=True)),
        *(
            fast.prefetch(name, _within_parent(model, all_columns=True))
            for name, model in (
                ("budget_lines", BudgetLine),
                ("partners", Partner),
                ("risks", Risk),
                ("before_after", FlagshipIndicator),
            )
        ),
    )
    filterset_class = filters.ProgrammeFilter
    search_fields = ("code", "name")
    ordering_fields = ("code", "name", "priority", "order", "updated_at")

    def list(self, request, *args, **kwargs):
        """The page's programmes are chosen live; each one's JSON comes from the cache of
        its plan's content version when it is there (api/row_cache.py)."""
        child = self.get_serializer([], many=True).child
        if not fast.shareable(child):
            return super().list(request, *args, **kwargs)
        chosen = (
            self.filter_queryset(self.get_queryset())
            .prefetch_related(None)
            .select_related(None)
            .only("pk", "uuid", "plan_id")
        )
        page = self.paginate_queryset(chosen)
        if page is None:
            return super().list(request, *args, **kwargs)
        full = self.get_queryset()
        rows = row_cache.cached_rows(page, child, lambda ids: full.filter(pk__in=ids))
        return self.get_paginated_response(rows)


class IndicatorViewSet(ScopedViewSet):
    model = Indicator
    serializer_class = IndicatorSerializer
    prefetch = ("targets",)
    filterset_class = filters.IndicatorFilter
    search_fields = ("name",)
    ordering_fields = ("order", "name")


class IndicatorTargetViewSet(ScopedViewSet):
    model = IndicatorTarget
    serializer_class = IndicatorTargetSerializer
    filterset_class = filters.IndicatorTargetFilter
    ordering_fields = ("year",)


class BudgetLineViewSet(ScopedViewSet):
    model = BudgetLine
    serializer_class = BudgetLineSerializer
    filterset_class = filters.BudgetLineFilter
    ordering_fields = ("year", "amount")


class PartnerViewSet(ScopedViewSet):
    model = Partner
    serializer_class = PartnerSerializer
    filterset_class = filters.PartnerFilter
    search_fields = ("name",)
    ordering_fields = ("name",)


class RiskViewSet(ScopedViewSet):
    model = Risk
    serializer_class = RiskSerializer
    filterset_class = filters.RiskFilter
    ordering_fields = ("likelihood", "impact", "updated_at")


class FlagshipIndicatorViewSet(ScopedViewSet):
    model = FlagshipIndicator
    serializer_class = FlagshipIndicatorSerializer
    filterset_class = filters.FlagshipIndicatorFilter
    ordering_fields = ("order",)


class ProgrammePhotoViewSet(ScopedViewSet):
    """Photos of a flagship or quick win (Buku 3). Upload with multipart/form-data; change
    the caption, date or order with JSON; replace a picture by deleting and uploading."""

    model = ProgrammePhoto
    serializer_class = ProgrammePhotoSerializer
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
