from __future__ import annotations

app_name = "editions"

urlpatterns: list = []
