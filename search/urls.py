from __future__ import annotations

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("cari/", views.search_results, name="search_results"),
]
