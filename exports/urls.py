from __future__ import annotations

from django.urls import path

from exports import official, views

app_name = "exports"

urlpatterns = [
    path("masterplan/<int:plan_id>/ekspor/", views.plan_exports, name="plan_exports"),
    path(
        "masterplan/<int:plan_id>/ekspor/dokumen-lengkap/",
        views.complete_start,
        name="complete_start",
    ),
    path(
        "masterplan/<int:plan_id>/halaman-resmi/",
        official.official_pages,
        name="official_pages",
    ),
    path(
        "masterplan/<int:plan_id>/halaman-resmi/singkatan/",
        official.abbreviation_add,
        name="abbreviation_add",
    ),
    path(
        "masterplan/<int:plan_id>/halaman-resmi/singkatan/<int:abbreviation_id>/hapus/",
        official.abbreviation_delete,
        name="abbreviation_delete",
    ),
    path("masterplan/<int:plan_id>/halaman-resmi/logo/", official.region_logo, name="region_logo"),
    path("buku/<int:book_id>/ekspor/", views.book_exports, name="book_exports"),
    path("buku/<int:book_id>/pratinjau/", views.book_preview, name="book_preview"),
    path("buku/<int:book_id>/word/", views.book_word, name="book_word"),
    path("buku/<int:book_id>/ekspor/mulai/", views.export_start, name="export_start"),
    path("buku/<int:book_id>/ekspor/final/", views.export_finalise, name="export_finalise"),
    path("buku/<int:book_id>/buka-kembali/", views.book_reopen, name="book_reopen"),
    path("ekspor/<uuid:job_uuid>/progres/", views.export_progress, name="export_progress"),
    path("ekspor/<uuid:job_uuid>/unduh/", views.export_download, name="export_download"),
]
