from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from masterplan import views

urlpatterns = [
    path("", views.home, name="home"),
    path("masterplan/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("", include("dimensions.urls")),
    path("", include("programs.urls")),
    path("", include("roadmap.urls")),
    path("", include("checks.urls")),
    path("", include("masterplan.exports.urls")),
    path("akun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
