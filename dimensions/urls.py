from __future__ import annotations

from django.urls import path, register_converter

from dimensions import views
from masterplan.editing import KindConverter

app_name = "dimensions"


class DimensionsKind(KindConverter):
    kinds = tuple(views.KINDS)


register_converter(DimensionsKind, "dimensions_kind")

PLAN = "masterplan/<int:plan_id>/"
RECORD = PLAN + "<dimensions_kind:kind>/"

urlpatterns = [
    path(PLAN + "profil/", views.region_profile, name="region_profile"),
    path(PLAN + "kesiapan/", views.readiness_list, name="readiness_list"),
    path(PLAN + "kesenjangan/", views.gap_list, name="gap_list"),
    path(PLAN + "swot/", views.swot_list, name="swot_list"),
    path(PLAN + "isu-strategis/", views.issue_list, name="issue_list"),
    path(PLAN + "inovasi/", views.innovation_list, name="innovation_list"),
    path(PLAN + "tujuan/", views.goal_list, name="goal_list"),
    path(PLAN + "strategi/", views.strategy_list, name="strategy_list"),
    path(PLAN + "kelembagaan/", views.institution_list, name="institution_list"),
    path(RECORD + "baru/", views.record_create, name="record_create"),
    path(RECORD + "<int:pk>/ubah/", views.record_edit, name="record_edit"),
    path(RECORD + "<int:pk>/hapus/", views.record_delete, name="record_delete"),
    path(RECORD + "<int:pk>/pindah/", views.record_move, name="record_move"),
]
