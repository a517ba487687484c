from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from masterplan import health
from masterplan.views import agencies, editor, history, plans, profile

urlpatterns = [
    path("", plans.home, name="home"),
    path("masterplan/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    # the core's pages: plans and books, the chapter editor, history, agencies
    path("masterplan/<int:plan_id>/buku/<int:number>/", plans.book_detail, name="book_detail"),
    path(
        "masterplan/<int:plan_id>/buku/<int:number>/tambah-bagian/",
        editor.section_add,
        name="section_add",
    ),
    path("bagian/<int:section_id>/sunting/", editor.section_edit, name="section_edit"),
    path("bagian/<int:section_id>/kehadiran/", editor.section_presence, name="section_presence"),
    path(
        "bagian/<int:section_id>/gambar/",
        editor.section_image_upload,
        name="section_image_upload",
    ),
    path(
        "bagian/<int:section_id>/impor-docx/",
        editor.section_import_docx,
        name="section_import_docx",
    ),
    path("bagian/<int:section_id>/hapus/", editor.section_delete, name="section_delete"),
    path(
        "bagian/<int:section_id>/pindah/<str:direction>/",
        editor.section_move,
        name="section_move",
    ),
    path(
        "wilayah/<slug:region_slug>/gambar/<uuid:image_uuid>/",
        editor.section_image,
        name="section_image",
    ),
    path("riwayat/<str:type_label>/<uuid:uuid>/", history.record_history, name="record_history"),
    path(
        "riwayat/<str:type_label>/<uuid:uuid>/banding/",
        history.revision_compare,
        name="revision_compare",
    ),
    path("revisi/<int:revision_id>/pulihkan/", history.revision_restore, name="revision_restore"),
    path("masterplan/<int:plan_id>/opd/", agencies.agency_list, name="agency_list"),
    path("masterplan/<int:plan_id>/opd/tambah/", agencies.agency_add, name="agency_add"),
    path("masterplan/<int:plan_id>/opd/anggota/", agencies.member_agencies, name="member_agencies"),
    path("masterplan/<int:plan_id>/opd/<int:agency_id>/", agencies.agency_edit, name="agency_edit"),
    path(
        "masterplan/<int:plan_id>/opd/<int:agency_id>/hapus/",
        agencies.agency_delete,
        name="agency_delete",
    ),
    path("", include("dimensions.urls")),
    path("", include("programs.urls")),
    path("", include("roadmap.urls")),
    path("", include("exports.urls")),
    path("", include("reviews.urls")),
    path("", include("checks.urls")),
    path("", include("search.urls")),
    path("", include("editions.urls")),
    path("", include("monitoring.urls")),
    path("akun/profil/", profile.profile, name="profile"),
    path("akun/", include("django.contrib.auth.urls")),
    # The chapter editor's labels (django-prose-editor reads window.gettext).
    path("i18n/js/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# API paths answer in JSON even when no route matches or something breaks
handler403 = "masterplan.views.errors.permission_denied"
handler404 = "masterplan.views.errors.page_not_found"
handler500 = "masterplan.views.errors.server_error"

# Uploaded files are never served from MEDIA_URL, not even in development: every
# region's images and photos go through views that check who is asking.
