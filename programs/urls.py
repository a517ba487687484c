from __future__ import annotations

from django.urls import path, register_converter

from masterplan.editing import KindConverter
from programs import views

app_name = "programs"


class ProgrammeRecordKind(KindConverter):
    kinds = tuple(views.KINDS)


class PlanRecordKind(KindConverter):
    kinds = tuple(views.PLAN_KINDS)


register_converter(ProgrammeRecordKind, "programme_record_kind")
register_converter(PlanRecordKind, "programs_plan_kind")

PLAN = "masterplan/<int:plan_id>/"
PROGRAMME = PLAN + "program/<int:pk>/"
RECORD = PROGRAMME + "<programme_record_kind:kind>/"
PLAN_RECORD = PLAN + "<programs_plan_kind:kind>/"

urlpatterns = [
    path(PLAN + "program/", views.programme_list, name="programme_list"),
    path(PLAN + "program/baru/", views.programme_create, name="programme_create"),
    path(PROGRAMME, views.programme_detail, name="programme_detail"),
    path(PROGRAMME + "ubah/", views.programme_edit, name="programme_edit"),
    path(PROGRAMME + "hapus/", views.programme_delete, name="programme_delete"),
    path(PROGRAMME + "foto/<int:photo_id>/", views.programme_photo, name="programme_photo"),
    path(
        PROGRAMME + "indikator/<int:indicator_id>/target/<int:year>/",
        views.indicator_target,
        name="indicator_target",
    ),
    path(RECORD + "baru/", views.record_create, name="record_create"),
    path(RECORD + "<int:record_id>/ubah/", views.record_edit, name="record_edit"),
    path(RECORD + "<int:record_id>/hapus/", views.record_delete, name="record_delete"),
    path(RECORD + "<int:record_id>/pindah/", views.record_move, name="record_move"),
    path(PLAN + "risiko/", views.risk_list, name="risk_list"),
    path(PLAN + "pembiayaan/", views.financing, name="financing"),
    # the same four views for records of the whole plan (no programme in the path)
    path(PLAN_RECORD + "baru/", views.record_create, name="record_create"),
    path(PLAN_RECORD + "<int:record_id>/ubah/", views.record_edit, name="record_edit"),
    path(PLAN_RECORD + "<int:record_id>/hapus/", views.record_delete, name="record_delete"),
    path(PLAN_RECORD + "<int:record_id>/pindah/", views.record_move, name="record_move"),
]
