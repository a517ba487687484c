from django.urls import path

from checks import views

app_name = "checks"

urlpatterns = [
    path("masterplan/<int:plan_id>/periksa/", views.plan_checks, name="plan_checks"),
    path(
        "masterplan/<int:plan_id>/keterlacakan/",
        views.plan_traceability,
        name="plan_traceability",
    ),
    path("masterplan/<int:plan_id>/grafik/", views.plan_charts, name="plan_charts"),
    path(
        "masterplan/<int:plan_id>/grafik/<slug:name>.svg",
        views.plan_chart_svg,
        name="plan_chart_svg",
    ),
    path(
        "masterplan/<int:plan_id>/unduh/<slug:table>.<str:fmt>",
        views.plan_table_download,
        name="plan_table_download",
    ),
    path("kohort/", views.cohort_list, name="cohort_list"),
    path("kohort/<int:cohort_id>/", views.cohort_dashboard, name="cohort_dashboard"),
    path(
        "kohort/<int:cohort_id>/unduh.<str:fmt>",
        views.cohort_dashboard_download,
        name="cohort_dashboard_download",
    ),
]
