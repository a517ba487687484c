from __future__ import annotations

from django.urls import path

from monitoring import report_jobs, views

app_name = "monitoring"

P = "masterplan/<int:plan_id>/pemantauan/"
urlpatterns = [
    path(P, views.monitoring_dashboard, name="monitoring_dashboard"),
    path(P + "<int:year>/program/<int:pk>/", views.programme_report, name="programme_report"),
    path(P + "bukti/<int:realisation_id>/", views.evidence_file, name="evidence_file"),
    path(P + "<int:year>/templat.xlsx", views.report_template, name="report_template"),
    path(P + "<int:year>/unggah/", views.report_upload, name="report_upload"),
    path(P + "<int:year>/laporan.pdf", report_jobs.evaluation_report, name="evaluation_report"),
    path(
        P + "<int:year>/laporan/buat/",
        report_jobs.evaluation_report_start,
        name="evaluation_report_start",
    ),
    path("pemantauan/kohort/<int:cohort_id>/", views.cohort_monitoring, name="cohort_monitoring"),
]
