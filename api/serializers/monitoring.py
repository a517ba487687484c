"""Implementation monitoring: programme reports, indicator realisations, budget realisations."""

from __future__ import annotations

from api.base import TRACKED_READ_ONLY, RecordSerializer
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport


class ProgrammeReportSerializer(RecordSerializer):
    owner_field = "programme"

    class Meta(RecordSerializer.Meta):
        model = ProgrammeReport
        fields = (
            "id",
            "programme",
            "year",
            "status",
            "reason",
            "evaluation_level",
            "note",
            *TRACKED_READ_ONLY,
        )


class IndicatorRealisationSerializer(RecordSerializer):
    # Evidence files are uploaded in the portal, which checks them; the API carries links.
    owner_field = "indicator"

    class Meta(RecordSerializer.Meta):
        model = IndicatorRealisation
        fields = (
            "id",
            "indicator",
            "year",
            "value",
            "evidence_link",
            "note",
            *TRACKED_READ_ONLY,
        )


class BudgetRealisationSerializer(RecordSerializer):
    owner_field = "programme"
    same_framework = ("funding_source",)

    class Meta(RecordSerializer.Meta):
        model = BudgetRealisation
        fields = (
            "id",
            "programme",
            "year",
            "funding_source",
            "allocated",
            "spent",
            "note",
            *TRACKED_READ_ONLY,
        )
