from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api.viewsets import core, dimensions, editions, exports, monitoring, programs, reviews, roadmap

router = SimpleRouter()
for prefix, viewset, basename in [
    ("cohorts", core.CohortViewSet, "cohort"),
    ("regions", core.RegionViewSet, "region"),
    ("plans", core.PlanViewSet, "plan"),
    ("books", core.BookViewSet, "book"),
    ("sections", core.SectionViewSet, "section"),
    ("frameworks", dimensions.FrameworkViewSet, "framework"),
    ("funding-sources", dimensions.FundingSourceViewSet, "funding-source"),
    ("horizons", dimensions.HorizonViewSet, "horizon"),
    ("indicator-types", dimensions.IndicatorTypeViewSet, "indicator-type"),
    ("innovation-types", dimensions.InnovationTypeViewSet, "innovation-type"),
    ("agencies", core.AgencyViewSet, "agency"),
    ("institutions", core.InstitutionViewSet, "institution"),
    ("institution-members", core.InstitutionMemberViewSet, "institution-member"),
    ("region-profiles", dimensions.RegionProfileViewSet, "region-profile"),
    ("readiness", dimensions.ReadinessAssessmentViewSet, "readiness"),
    ("gaps", dimensions.GapItemViewSet, "gap"),
    ("swot-items", dimensions.SwotItemViewSet, "swot-item"),
    ("strategic-issues", dimensions.StrategicIssueViewSet, "strategic-issue"),
    ("existing-innovations", dimensions.ExistingInnovationViewSet, "existing-innovation"),
    ("goals", dimensions.GoalViewSet, "goal"),
    ("strategies", dimensions.StrategyViewSet, "strategy"),
    ("programmes", programs.ProgrammeViewSet, "programme"),
    ("indicators", programs.IndicatorViewSet, "indicator"),
    ("indicator-targets", programs.IndicatorTargetViewSet, "indicator-target"),
    ("budget-lines", programs.BudgetLineViewSet, "budget-line"),
    ("partners", programs.PartnerViewSet, "partner"),
    ("risks", programs.RiskViewSet, "risk"),
    ("before-after", programs.FlagshipIndicatorViewSet, "before-after"),
    ("programme-photos", programs.ProgrammePhotoViewSet, "programme-photo"),
    ("activities", roadmap.ActivityViewSet, "activity"),
    ("roadmap-entries", roadmap.RoadmapEntryViewSet, "roadmap-entry"),
    ("comments", reviews.CommentViewSet, "comment"),
    ("book-transitions", reviews.BookTransitionViewSet, "book-transition"),
    ("section-approvals", reviews.SectionApprovalViewSet, "section-approval"),
    ("review-flags", reviews.ReviewFlagViewSet, "review-flag"),
    ("suggestions", reviews.SuggestionViewSet, "suggestion"),
    ("export-jobs", exports.ExportJobViewSet, "export-job"),
    ("editions", editions.EditionViewSet, "edition"),
    ("programme-reports", monitoring.ProgrammeReportViewSet, "programme-report"),
    ("indicator-realisations", monitoring.IndicatorRealisationViewSet, "indicator-realisation"),
    ("budget-realisations", monitoring.BudgetRealisationViewSet, "budget-realisation"),
]:
    router.register(prefix, viewset, basename=basename)

# Plan records without an endpoint, and why; every other kind of plan record has one
# (tests/masterplan/test_registry.py).
NOT_EXPOSED: dict[str, str] = {
    "masterplan.sectionimage": (
        "uploaded into a section's text by the chapter editor, which checks the file, and "
        "served at its own URL; the API's sections carry the HTML that shows it"
    ),
    "exports.approvalpage": (
        "the official front matter of the printed books, entered by the coordinator on the "
        "portal's official pages page (exports/official.py)"
    ),
    "exports.abbreviation": (
        "the region's own glossary lines for the printed books, entered with the approval page"
    ),
}

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
