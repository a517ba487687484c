from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import viewsets

router = SimpleRouter()
for prefix, viewset, basename in [
    ("cohorts", viewsets.CohortViewSet, "cohort"),
    ("regions", viewsets.RegionViewSet, "region"),
    ("plans", viewsets.PlanViewSet, "plan"),
    ("books", viewsets.BookViewSet, "book"),
    ("sections", viewsets.SectionViewSet, "section"),
    ("frameworks", viewsets.FrameworkViewSet, "framework"),
    ("funding-sources", viewsets.FundingSourceViewSet, "funding-source"),
    ("horizons", viewsets.HorizonViewSet, "horizon"),
    ("indicator-types", viewsets.IndicatorTypeViewSet, "indicator-type"),
    ("innovation-types", viewsets.InnovationTypeViewSet, "innovation-type"),
    ("agencies", viewsets.AgencyViewSet, "agency"),
    ("institutions", viewsets.InstitutionViewSet, "institution"),
    ("institution-members", viewsets.InstitutionMemberViewSet, "institution-member"),
    ("region-profiles", viewsets.RegionProfileViewSet, "region-profile"),
    ("readiness", viewsets.ReadinessAssessmentViewSet, "readiness"),
    ("gaps", viewsets.GapItemViewSet, "gap"),
    ("swot-items", viewsets.SwotItemViewSet, "swot-item"),
    ("strategic-issues", viewsets.StrategicIssueViewSet, "strategic-issue"),
    ("existing-innovations", viewsets.ExistingInnovationViewSet, "existing-innovation"),
    ("goals", viewsets.GoalViewSet, "goal"),
    ("strategies", viewsets.StrategyViewSet, "strategy"),
    ("programmes", viewsets.ProgrammeViewSet, "programme"),
    ("indicators", viewsets.IndicatorViewSet, "indicator"),
    ("indicator-targets", viewsets.IndicatorTargetViewSet, "indicator-target"),
    ("budget-lines", viewsets.BudgetLineViewSet, "budget-line"),
    ("partners", viewsets.PartnerViewSet, "partner"),
    ("risks", viewsets.RiskViewSet, "risk"),
    ("before-after", viewsets.FlagshipIndicatorViewSet, "before-after"),
    ("programme-photos", viewsets.ProgrammePhotoViewSet, "programme-photo"),
    ("activities", viewsets.ActivityViewSet, "activity"),
    ("roadmap-entries", viewsets.RoadmapEntryViewSet, "roadmap-entry"),
    ("comments", viewsets.CommentViewSet, "comment"),
    ("book-transitions", viewsets.BookTransitionViewSet, "book-transition"),
    ("section-approvals", viewsets.SectionApprovalViewSet, "section-approval"),
    ("export-jobs", viewsets.ExportJobViewSet, "export-job"),
]:
    router.register(prefix, viewset, basename=basename)

# Plan records without an endpoint, and why; every other kind of plan record has one
# (tests/masterplan/test_registry.py).
NOT_EXPOSED: dict[str, str] = {
    "masterplan.sectionimage": (
        "uploaded into a section's text by the chapter editor, which checks the file, and "
        "served at its own URL; the API's sections carry the HTML that shows it"
    ),
}

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
