from __future__ import annotations

from django.urls import path

from reviews import living_views, views

app_name = "reviews"

urlpatterns = [
    path(
        "komentar/<str:type_label>/<uuid:uuid>/",
        views.comment_list,
        name="comment_list",
    ),
    path(
        "komentar/<str:type_label>/<uuid:uuid>/orang/",
        views.mention_search,
        name="mention_search",
    ),
    path("komentar/<uuid:comment_uuid>/balas/", views.comment_reply, name="comment_reply"),
    path("komentar/<uuid:comment_uuid>/selesai/", views.comment_resolve, name="comment_resolve"),
    path("komentar/<uuid:comment_uuid>/buka/", views.comment_reopen, name="comment_reopen"),
    path(
        "masterplan/<int:plan_id>/buku/<int:number>/reviu/",
        views.book_review,
        name="book_review",
    ),
    path(
        "masterplan/<int:plan_id>/buku/<int:number>/reviu/<str:action>/",
        views.book_transition,
        name="book_transition",
    ),
    path("bagian/<int:section_id>/reviu/", views.section_review, name="section_review"),
    path("bagian/<int:section_id>/setujui/", views.section_approve, name="section_approve"),
    path("pendamping/", views.mentor_dashboard, name="mentor_dashboard"),
    path(
        "masterplan/<int:plan_id>/reviu-ulang/",
        living_views.review_flags,
        name="review_flags",
    ),
    path(
        "saran/<str:type_label>/<uuid:uuid>/",
        living_views.suggestion_list,
        name="suggestion_list",
    ),
    path(
        "saran/<uuid:suggestion_uuid>/terima/",
        living_views.suggestion_accept_view,
        name="suggestion_accept",
    ),
    path(
        "saran/<uuid:suggestion_uuid>/tolak/",
        living_views.suggestion_reject_view,
        name="suggestion_reject",
    ),
    path("notifikasi/", views.notification_list, name="notification_list"),
    path("notifikasi/<int:pk>/", views.notification_open, name="notification_open"),
    path("notifikasi/baca-semua/", views.notification_read_all, name="notification_read_all"),
    path("notifikasi/pengaturan/", views.notification_settings, name="notification_settings"),
]
