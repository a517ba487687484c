from __future__ import annotations

from django.urls import path

from editions import views

app_name = "editions"

urlpatterns = [
    path("buku/<int:book_id>/edisi/", views.book_editions, name="book_editions"),
    path("buku/<int:book_id>/redline/", views.book_redline, name="book_redline"),
    path("buku/<int:book_id>/redline.pdf", views.book_redline_pdf, name="redline_pdf"),
    path(
        "buku/<int:book_id>/redline/<int:older>/<int:newer>/",
        views.edition_redline,
        name="edition_redline",
    ),
    path(
        "edisi/<uuid:edition_uuid>/regulasi/", views.edition_regulation, name="edition_regulation"
    ),
    path("edisi/<uuid:edition_uuid>/unduh/", views.edition_download, name="edition_download"),
    path(
        "edisi/<uuid:edition_uuid>/redline.pdf",
        views.edition_redline_pdf,
        name="edition_redline_pdf",
    ),
]
