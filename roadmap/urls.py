from __future__ import annotations

from django.urls import path, register_converter

from masterplan.editing import KindConverter
from roadmap import views

app_name = "roadmap"


class RoadmapKind(KindConverter):
    kinds = tuple(views.KINDS)


register_converter(RoadmapKind, "roadmap_kind")

PLAN = "masterplan/<int:plan_id>/"
RECORD = PLAN + "program/<int:pk>/<roadmap_kind:kind>/"

urlpatterns = [
    path(PLAN + "rencana-aksi/", views.action_plan, name="action_plan"),
    path(
        PLAN + "program/<int:pk>/kegiatan/",
        views.programme_activities,
        name="programme_activities",
    ),
    path(RECORD + "baru/", views.record_create, name="record_create"),
    path(RECORD + "<int:record_id>/ubah/", views.record_edit, name="record_edit"),
    path(RECORD + "<int:record_id>/hapus/", views.record_delete, name="record_delete"),
    path(RECORD + "<int:record_id>/pindah/", views.record_move, name="record_move"),
    path(PLAN + "peta-jalan/", views.roadmap_grid, name="roadmap_grid"),
    path(PLAN + "peta-jalan/<int:pk>/<int:year>/", views.roadmap_cell, name="roadmap_cell"),
]
